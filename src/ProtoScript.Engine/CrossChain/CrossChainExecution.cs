using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;

namespace ProtoScript.Engine.CrossChain;

/// <summary>The state transitions of the two legs, shared by sequencers, builders and derivation.</summary>
internal static class CrossChainExecution
{
    /// <summary>
    /// The gas × (base fee + priority fee) a leg costs on <paramref name="chain"/>, split into
    /// the burned base fee and the tip; false when it exceeds 2^128 wei.
    /// </summary>
    public static bool TryFees(RollupChain chain, in Transaction tx, out UInt128 burned, out UInt128 tip)
    {
        burned = tip = 0;
        try
        {
            burned = checked((UInt128)tx.Gas * chain.Model.BaseFee);
            tip = checked((UInt128)tx.Gas * tx.PriorityFeePerGas);
            _ = checked(burned + tip + tx.Value);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Whether the source leg's sender can pay value and fees now.</summary>
    public static bool CanSend(RollupChain chain, in Transaction leg) =>
        TryFees(chain, in leg, out var burned, out var tip) && chain.State.Balance(leg.From) >= burned + tip + leg.Value;

    /// <summary>Whether the destination leg's payer can pay its fees now (a delivery without gas always can).</summary>
    public static bool CanDeliver(RollupChain chain, in Transaction delivery) =>
        delivery.To >= 0 && delivery.To < chain.State.Count
        && (delivery.Gas == 0 || (delivery.From >= 0 && delivery.From < chain.State.Count
            && TryFees(chain, in delivery, out var burned, out var tip) && chain.State.Balance(delivery.From) >= burned + tip));

    /// <summary>
    /// Executes a source leg included by a shared sequencer or builder: the same state change as
    /// <see cref="RollupChain.TryExecute"/> for a message (value and fees debited, tip to the
    /// block producer's account, nonce up), with the tip booked to <paramref name="tipRole"/>.
    /// </summary>
    public static bool TrySend(RollupChain chain, in Transaction leg, FeeRole tipRole)
    {
        if (leg.From < 0 || leg.From >= chain.State.Count || !CanSend(chain, in leg))
        {
            return false;
        }

        TryFees(chain, in leg, out var burned, out var tip);
        chain.State.Debit(leg.From, burned + tip + leg.Value);
        chain.State.Credit(chain.SequencerAccount, tip);
        chain.State.IncrementNonce(leg.From);
        chain.Fees.Add(FeeRole.Burned, burned);
        chain.Fees.Add(tipRole, tip);
        return true;
    }

    /// <summary>
    /// Credits a delivery's value to its recipient. A delivery with gas (the destination leg of
    /// a same-slot bundle) is paid by its <c>From</c> account on this rollup: base fee burned,
    /// tip to the block producer; without gas (an asynchronous message) it is free.
    /// </summary>
    /// <returns>False, with no state change, when the recipient is no account here or the payer cannot pay.</returns>
    public static bool TryDeliver(RollupChain chain, in Transaction delivery, FeeRole tipRole = FeeRole.Sequencer)
    {
        if (!CanDeliver(chain, in delivery))
        {
            return false;
        }

        if (delivery.Gas > 0)
        {
            TryFees(chain, in delivery, out var burned, out var tip);
            chain.State.Debit(delivery.From, burned + tip);
            chain.State.Credit(chain.SequencerAccount, tip);
            chain.Fees.Add(FeeRole.Burned, burned);
            chain.Fees.Add(tipRole, tip);
        }

        chain.State.Credit(delivery.To, delivery.Value);
        return true;
    }
}
