namespace ProtoScript.Engine.Sequencing;

/// <summary>What produces a slot coordinator's blocks; reports name it (see the report writers).</summary>
public enum CoordinatorKind
{
    /// <summary>A shared sequencer that is part of the rollups' own protocol: its set's rounds, no hop.</summary>
    EnshrinedSharedSequencer,

    /// <summary>A shared sequencer run as a separate network: its set's rounds, then a hop to the rollups.</summary>
    ExternalSharedSequencer,

    /// <summary>A cross-chain builder: one operator, no consensus, sealing at the slot.</summary>
    Builder,

    /// <summary>One rollup's own sequencer run by a BFT set of nodes: heights and rounds.</summary>
    BftSequencerSet,

    /// <summary>One rollup's own sequencer run by a Raft active/standby set.</summary>
    RaftSequencerSet,
}
