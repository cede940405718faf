namespace ProtoScript.Language.Model;

/// <summary>
/// Flashblocks-style streaming of a rollup's blocks (<c>flashblocks = 200 ms</c>): every
/// <see cref="Interval"/> the sequencer seals a sub-block of the open block, a soft confirmation
/// to its users; sub-block i of F may use at most i/F of the block's gas limit, counted from the
/// block's start. The block itself is still sealed (state root, fee settlement, batching,
/// derivation) at its block time.
/// </summary>
/// <param name="Interval">The time between sub-blocks; it divides the block time exactly and is shorter than it.</param>
/// <param name="PerBlock">F: the sub-blocks of one block, the block time divided by <paramref name="Interval"/>; at least 2.</param>
public sealed record FlashblocksModel(SimDuration Interval, int PerBlock)
{
    /// <summary>The gas sub-blocks 1 … <paramref name="index"/> of a block may use together: ⌊index × gas limit / F⌋.</summary>
    /// <param name="index">The sub-block, 1 … <see cref="PerBlock"/>.</param>
    /// <param name="gasLimit">The block's gas limit.</param>
    public ulong CumulativeGasCap(int index, ulong gasLimit) =>
        index >= PerBlock ? gasLimit : (ulong)((UInt128)gasLimit * (uint)index / (uint)PerBlock);
}
