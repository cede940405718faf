namespace ProtoScript.Engine.Chains;

/// <summary>A rollup's events.</summary>
public enum RollupEvent
{
    /// <summary>A block time comes: forced blocks due by then are sealed, then the sequencer seals its own unless it is down.</summary>
    BlockTime,

    /// <summary>A sub-block of a streamed block is due (<c>flashblocks</c>): the mempool fills it up to its cumulative gas cap.</summary>
    Flashblock,
}
