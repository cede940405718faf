using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// The heads of one rollup's chain, after the block tree of an execution client:
/// <list type="bullet">
/// <item><see cref="SoftHead"/>: the last block sealed (sequenced, or forced in by the L1 rules,
/// or derived), which users see as soft-confirmed;</item>
/// <item><see cref="SafeHead"/>: the last block whose batch landed on L1, so any replica derives
/// it; a reorg can never go below it;</item>
/// <item><see cref="FinalHead"/>: the last safe block that can no longer change on L1: its proof
/// is ready (a proven rollup) or its challenge period has run out (an optimistic one).</item>
/// </list>
/// Always <c>FinalHead ≤ SafeHead ≤ SoftHead</c>. The tree also keeps each block's state root
/// when verification asks for them (32 bytes a block, so only then).
/// </summary>
public sealed class BlockTree
{
    private readonly Queue<(ulong Block, SimDuration FinalAt)> _pendingFinal = new();
    private List<BlockStateRoot>? _roots;

    /// <summary>The last block sealed; 0 at genesis.</summary>
    public ulong SoftHead { get; private set; }

    /// <summary>The last block whose batch landed on L1; 0 until one has.</summary>
    public ulong SafeHead { get; private set; }

    /// <summary>The last block final on L1; 0 until one is.</summary>
    public ulong FinalHead { get; private set; }

    /// <summary>The state root after each block, oldest first, once <see cref="RecordRoots"/> was called; otherwise null.</summary>
    public IReadOnlyList<BlockStateRoot>? Roots => _roots;

    /// <summary>Keeps the state root of every block from now on.</summary>
    public void RecordRoots() => _roots ??= [];

    /// <summary>Block <c>SoftHead + 1</c> was sealed with state root <paramref name="root"/>: it is the new soft head.</summary>
    public void Sealed(ReadOnlySpan<byte> root)
    {
        SoftHead++;
        _roots?.Add(new BlockStateRoot(SoftHead, root.ToArray()));
    }

    /// <summary>
    /// The batch holding blocks up to <paramref name="block"/> landed on L1: they are safe, and
    /// final from <paramref name="finalAt"/> on (when their proof is ready, or their challenge period ends).
    /// </summary>
    /// <exception cref="InvalidOperationException">The block was not sealed, or was reorged out.</exception>
    public void MarkSafe(ulong block, SimDuration finalAt)
    {
        if (block > SoftHead)
        {
            throw new InvalidOperationException($"Block {block} cannot be safe: the soft head is {SoftHead}.");
        }

        if (block <= SafeHead)
        {
            return;
        }

        SafeHead = block;
        _pendingFinal.Enqueue((block, finalAt));
    }

    /// <summary>Moves the final head over every safe block final by <paramref name="now"/>.</summary>
    /// <returns>The final head.</returns>
    public ulong AdvanceFinal(SimDuration now)
    {
        // Final times need not grow with the blocks (a later proof may be faster): a block is final
        // only once every block before it is, so the queue is read in block order.
        while (_pendingFinal.TryPeek(out var pending) && pending.FinalAt <= now)
        {
            _pendingFinal.Dequeue();
            FinalHead = pending.Block;
        }

        return FinalHead;
    }

    /// <summary>A reorg: the blocks after <paramref name="head"/> are dropped and it is the soft head again.</summary>
    /// <exception cref="InvalidOperationException">The reorg would drop a safe block, or <paramref name="head"/> is ahead of the soft head.</exception>
    public void ReorgTo(ulong head)
    {
        if (head < SafeHead || head > SoftHead)
        {
            throw new InvalidOperationException($"Cannot reorg to block {head}: the safe head is {SafeHead} and the soft head {SoftHead}.");
        }

        while (_roots is { Count: > 0 } roots && roots[^1].Number > head)
        {
            roots.RemoveAt(roots.Count - 1);
        }

        SoftHead = head;
    }
}
