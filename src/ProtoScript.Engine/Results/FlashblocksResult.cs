using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>What streaming a rollup's blocks as sub-blocks (<c>flashblocks</c>) gave its users.</summary>
/// <param name="Interval">The time between sub-blocks.</param>
/// <param name="PerBlock">F: the sub-blocks of one block.</param>
/// <param name="SubBlocks">Sub-blocks filled over the run, empty ones included (F per sealed block).</param>
/// <param name="SoftLatency">From submission to the sub-block that included the transaction: its soft confirmation.</param>
public sealed record FlashblocksResult(SimDuration Interval, int PerBlock, long SubBlocks, LatencySummary SoftLatency);
