using System.Collections.ObjectModel;

namespace ProtoScript.Hooks;

/// <summary>One L2 block of a batch, as a derivation hook sees it.</summary>
/// <param name="Number">The L2 block number (1-based).</param>
/// <param name="TimestampMicroseconds">The block's timestamp, in simulated microseconds since genesis.</param>
/// <param name="L1Origin">The L1 block the sequencer built it on (its L1 origin).</param>
/// <param name="Transactions">How many transactions it carries.</param>
public readonly record struct DerivationBlockView(ulong Number, long TimestampMicroseconds, ulong L1Origin, int Transactions);

/// <summary>
/// A read-only copy of one decoded batch, as a derivation hook sees it when it decides whether
/// derivation accepts the batch: the L1 block it landed in and the L2 blocks it carries.
/// </summary>
public sealed class DerivationBatchView
{
    private readonly long[] _l1Times;

    /// <summary>Creates a view.</summary>
    /// <param name="l1Block">The L1 block the batch's last frame landed in.</param>
    /// <param name="blocks">The L2 blocks it carries, in order.</param>
    /// <param name="l1Times">The time of every L1 block of the run so far, in microseconds; entry <c>i</c> is block <c>i + 1</c>.</param>
    public DerivationBatchView(ulong l1Block, IReadOnlyList<DerivationBlockView> blocks, IReadOnlyList<long> l1Times)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(l1Times);
        L1Block = l1Block;
        Blocks = new ReadOnlyCollection<DerivationBlockView>([.. blocks]);
        _l1Times = [.. l1Times];
        L1BlockTimeMicroseconds = L1TimeOf(l1Block);
    }

    /// <summary>The L1 block the batch landed in (its last frame's block).</summary>
    public ulong L1Block { get; }

    /// <summary>That L1 block's time, in simulated microseconds since genesis.</summary>
    public long L1BlockTimeMicroseconds { get; }

    /// <summary>The L2 blocks the batch carries, in order (never empty).</summary>
    public IReadOnlyList<DerivationBlockView> Blocks { get; }

    /// <summary>
    /// The time of L1 block <paramref name="origin"/> in microseconds: 0 for genesis (block 0),
    /// <see cref="long.MaxValue"/> for a block not produced yet (the standard rule treats such an
    /// origin as infinitely late).
    /// </summary>
    public long L1TimeOf(ulong origin) =>
        origin == 0 ? 0 : origin <= (ulong)_l1Times.Length ? _l1Times[(int)(origin - 1)] : long.MaxValue;
}
