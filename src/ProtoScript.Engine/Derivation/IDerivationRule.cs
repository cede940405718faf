using ProtoScript.Engine.DataAvailability;

namespace ProtoScript.Engine.Derivation;

/// <summary>One decoded batch at the moment derivation decides whether to accept it.</summary>
/// <param name="Batch">The batch's L2 blocks (never empty).</param>
/// <param name="L1Block">The L1 block the batch landed in (its channel's last frame's block).</param>
/// <param name="L1Times">The time of every L1 block of the run in microseconds; entry <c>i</c> is block <c>i + 1</c>.</param>
public sealed record DerivationBatch(Batch Batch, ulong L1Block, IReadOnlyList<long> L1Times)
{
    /// <summary>The time of L1 block <paramref name="block"/>: 0 for genesis, <see cref="long.MaxValue"/> for a block the run did not produce.</summary>
    public long L1TimeOf(ulong block) =>
        block == 0 ? 0 : block <= (ulong)L1Times.Count ? L1Times[(int)(block - 1)] : long.MaxValue;
}

/// <summary>
/// A batch-acceptance rule that replaces standard derivation's sequencing-window and
/// max-sequencer-drift checks (a C# <c>derivation</c> hook). Framing, channel timeout,
/// decompression, decoding, block ordering, deposits and execution stay standard.
/// </summary>
public interface IDerivationRule
{
    /// <summary>Null to accept <paramref name="batch"/>; otherwise why the whole batch is dropped.</summary>
    string? Check(DerivationBatch batch);
}
