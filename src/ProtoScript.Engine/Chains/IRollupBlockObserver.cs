using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>Follows a rollup's blocks as the sequencer seals them.</summary>
internal interface IRollupBlockObserver
{
    /// <summary>A transaction was executed into the block being built.</summary>
    void OnTransactionIncluded(in Transaction transaction);

    /// <summary>The block being built was sealed as block <paramref name="number"/> at <paramref name="time"/>.</summary>
    void OnBlockSealed(ulong number, SimDuration time);
}
