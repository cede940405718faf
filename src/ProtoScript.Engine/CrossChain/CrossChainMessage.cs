using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// One transfer between rollups on its way: executed on the source (the sender paid value and
/// fees there), not yet credited on the destination.
/// </summary>
/// <param name="Id">The run-wide message number, from 0; the delivery carries it as its nonce.</param>
/// <param name="Source">The source rollup's index in the scenario.</param>
/// <param name="Destination">The destination rollup's index.</param>
/// <param name="From">The sender's account on the source.</param>
/// <param name="To">The recipient's account on the destination.</param>
/// <param name="Value">The value moved, in wei.</param>
/// <param name="SubmitTime">When the user sent the transaction on the source.</param>
/// <param name="SourceBlock">The source block that executed it.</param>
internal sealed record CrossChainMessage(
    ulong Id,
    int Source,
    int Destination,
    int From,
    int To,
    UInt128 Value,
    SimDuration SubmitTime,
    ulong SourceBlock)
{
    /// <summary>
    /// When the destination may trust it (the source batch carrying it landed on L1, that L1 block
    /// is final, or the source block's proof is verified on L1, by <c>cross_chain_trust</c>); a
    /// block sealed strictly later delivers it.
    /// </summary>
    public SimDuration ReadyAt { get; set; }

    /// <summary>Whether a destination block credited it (it may be undone by a reorg of that block).</summary>
    public bool Credited { get; set; }

    /// <summary>
    /// Under soft trust: the source block that sent it was reorged before the destination credited
    /// it, so the destination drops it unread.
    /// </summary>
    public bool Revoked { get; set; }

    /// <summary>The destination block that credited it, or whose delivery of it failed.</summary>
    public ulong DeliveredBlock { get; set; }

    /// <summary>Under soft trust: routed on its source block's soft confirmation.</summary>
    public bool Soft { get; set; }

    /// <summary>Under soft trust: its source batch landed on L1, so no reorg can take its source block back.</summary>
    public bool Settled { get; set; }

    /// <summary>Trusted on a soft confirmation whose source block may still be reorged.</summary>
    public bool Unsettled => Soft && !Settled;
}
