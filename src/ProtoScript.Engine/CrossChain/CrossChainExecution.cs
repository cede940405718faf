using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Hooks;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// The state transitions of the two legs, shared by sequencers, builders and derivation. A leg
/// that pays gas pays through <see cref="RollupChain.TryCharge"/>, the payment of every other
/// transaction, so it pays exactly what a replica re-executing the batch charges it (the L1 data
/// fee included) and its tip lands in the block's fees as any tip does.
/// </summary>
internal static class CrossChainExecution
{
    /// <summary>Whether the source leg's sender can pay value, gas and L1 data fee now.</summary>
    public static bool CanSend(RollupChain chain, in Transaction leg) => chain.CanPay(in leg, paysValue: true);

    /// <summary>Whether the destination leg's payer can pay its gas and L1 data fee now (a delivery without gas always can).</summary>
    public static bool CanDeliver(RollupChain chain, in Transaction delivery) =>
        delivery.To >= 0 && delivery.To < chain.State.Count
        && (delivery.Gas == 0 || chain.CanPay(in delivery, paysValue: false));

    /// <summary>
    /// Executes a source leg included by a shared sequencer or builder: the same state change as
    /// <see cref="RollupChain.TryExecute"/> for a message (value, fees and L1 data fee debited,
    /// tip held for the block's settlement, nonce up), with the tip booked to <paramref name="tip"/>.
    /// </summary>
    public static bool TrySend(RollupChain chain, in Transaction leg, FeeActor tip) =>
        chain.TryCharge(in leg, paysValue: true, tip);

    /// <summary>A delivery whose tip (if it pays gas) goes to the rollup's sequencer: see <see cref="TryDeliver(RollupChain, in Transaction, FeeActor)"/>.</summary>
    public static bool TryDeliver(RollupChain chain, in Transaction delivery) => TryDeliver(chain, in delivery, Role.Sequencer);

    /// <summary>
    /// Credits a delivery's value to its recipient. A delivery with gas (the destination leg of
    /// a same-slot bundle) is paid by its <c>From</c> account on this rollup, as any transaction
    /// there: base fee burned, tip and L1 data fee held for the block's settlement, nonce
    /// untouched (the leg's nonce field is the message's id); without gas (an asynchronous
    /// message) it is free.
    /// </summary>
    /// <returns>False, with no state change, when the recipient is no account here or the payer cannot pay.</returns>
    public static bool TryDeliver(RollupChain chain, in Transaction delivery, FeeActor tip)
    {
        if (delivery.To < 0 || delivery.To >= chain.State.Count
            || (delivery.Gas > 0 && !chain.TryCharge(in delivery, paysValue: false, tip, raisesNonce: false)))
        {
            return false;
        }

        chain.State.Credit(delivery.To, delivery.Value);
        return true;
    }
}
