using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Timeboost;

/// <summary>
/// The holder's payment for a round, inside the rollup's block: ether moved from the winner's
/// account to the sequencer's, with no gas, no tip and no nonce (as on Arbitrum, where the
/// auctioneer resolves the auction from the bidders' deposits and the winner signs nothing).
/// The batch carries it (kind <see cref="TransactionKind.ExpressLanePayment"/>, its nonce field the
/// round), so derivation replays it through the same <see cref="TryApply"/>.
/// </summary>
internal static class ExpressLanePayment
{
    /// <summary>The payment of <paramref name="price"/> wei by <paramref name="winner"/> for <paramref name="round"/>.</summary>
    public static Transaction Make(RollupChain chain, int winner, UInt128 price, long round, SimDuration time) =>
        new(winner, chain.SequencerAccount, price, (ulong)round, UInt128.Zero, 0, time) { Kind = TransactionKind.ExpressLanePayment };

    /// <summary>
    /// Moves the payment's value and books it to the sequencer as an auction payment.
    /// </summary>
    /// <returns>False, with no state change, when an account does not exist or the payer cannot pay.</returns>
    public static bool TryApply(RollupChain chain, in Transaction payment)
    {
        if (!chain.ValidAccount(payment.From) || !chain.ValidAccount(payment.To) || chain.State.Balance(payment.From) < payment.Value)
        {
            return false;
        }

        chain.State.Debit(payment.From, payment.Value);
        chain.State.Credit(payment.To, payment.Value);
        chain.Fees.Add(Role.Sequencer, FeeKind.AuctionPayment, payment.Value);
        return true;
    }
}
