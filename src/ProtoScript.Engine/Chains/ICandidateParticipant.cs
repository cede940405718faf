namespace ProtoScript.Engine.Chains;

/// <summary>
/// Something a block's execution writes outside the world state's journal (a pool's reserves and
/// the market's counters, the bridge's withdrawal counters, the cross-chain outbox), which the
/// <see cref="CandidateStage"/> puts back with the accounts when it discards a block candidate.
/// </summary>
/// <remarks>
/// One mark at a time: every candidate of a slot starts from the state the slot started from, so
/// the stage marks once per slot and restores to that mark as often as it needs. A participant
/// copies its few values at the mark rather than journaling each write, so execution pays
/// nothing for it, and the default path (no builders) never marks at all.
/// </remarks>
internal interface ICandidateParticipant
{
    /// <summary>Remembers its current state, forgetting any earlier mark.</summary>
    void Mark();

    /// <summary>Returns to the state of the last <see cref="Mark"/> (which it keeps).</summary>
    void Restore();
}

/// <summary>The participants of one rollup, marked and restored together.</summary>
internal sealed class CandidateParticipants
{
    private readonly ICandidateParticipant[] _participants;

    private CandidateParticipants(ICandidateParticipant[] participants) => _participants = participants;

    /// <summary>What the chain's candidates can write outside the journal: its market, its bridge counters and its cross-chain endpoint.</summary>
    public static CandidateParticipants Of(RollupChain chain)
    {
        ICandidateParticipant?[] all = [chain.Market, new BridgeCounters(chain.Bridge), chain.CrossChain];
        return new CandidateParticipants([.. all.OfType<ICandidateParticipant>()]);
    }

    public void Mark()
    {
        foreach (var participant in _participants)
        {
            participant.Mark();
        }
    }

    public void Restore()
    {
        foreach (var participant in _participants)
        {
            participant.Restore();
        }
    }

    /// <summary>The two counters a withdrawal's execution moves (deposits are minted when the block opens, before any candidate).</summary>
    private sealed class BridgeCounters(Bridge.BridgeMetrics bridge) : ICandidateParticipant
    {
        private long _initiated;
        private UInt128 _withdrawn;

        public void Mark()
        {
            _initiated = bridge.WithdrawalsInitiated;
            _withdrawn = bridge.Withdrawn;
        }

        public void Restore()
        {
            bridge.WithdrawalsInitiated = _initiated;
            bridge.Withdrawn = _withdrawn;
        }
    }
}
