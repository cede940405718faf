using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>When a rollup's sequencer is down and whom it censors, from its <see cref="SequencerModel"/>.</summary>
public sealed class SequencerFaults
{
    private readonly SequencerModel _model;
    private readonly int[] _censoredAccounts;
    private readonly int _userAccounts;

    // While a censoring proposer's block is sealed: the first accounts it leaves out (0 otherwise).
    private int _proposerCensors;

    /// <summary>Creates the faults of a sequencer whose rollup has <paramref name="userAccounts"/> user accounts.</summary>
    public SequencerFaults(SequencerModel model, int userAccounts)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;

        // Decimal, so that 10 % of 100 accounts is exactly 10 (in doubles 0.1 × 100 rounds up past it).
        _censoredAccounts = [.. model.Censor.Select(c => (int)Math.Ceiling((decimal)c.AccountShare * userAccounts))];
        _userAccounts = userAccounts;
        Set = model.Consensus is { } consensus ? new Consensus.NodeSet(consensus) : null;
    }

    /// <summary>The set of nodes that runs the sequencer (the rollup's own, or its shared sequencer's), or null for one operator.</summary>
    public Consensus.NodeSet? Set { get; private set; }

    /// <summary>The rollup's blocks are decided by a shared sequencer's set: while it has no quorum, the sequencer is down.</summary>
    internal void RunBy(Consensus.NodeSet set) => Set = set;

    /// <summary>Transactions passed over because the proposer of their block censors their sender.</summary>
    public long ProposerCensored { get; private set; }

    /// <summary>
    /// The block about to be sealed was proposed by a node that leaves out the first
    /// <paramref name="share"/> of user accounts (0: an honest proposer); call with 0 once it is sealed.
    /// </summary>
    public void CensorAsProposer(double share) =>
        _proposerCensors = share <= 0 ? 0 : (int)Math.Ceiling((decimal)share * _userAccounts);

    /// <summary>
    /// While the set's block being sealed is one of two committed at its height (a safety
    /// violation): the block sealed is the losing one, reorged out when the conflict comes out.
    /// </summary>
    public bool CommitsConflicting { get; internal set; }

    /// <summary>True when the sequencer has faults of any kind.</summary>
    public bool Any => _model.HasFaults;

    /// <summary>True when a <c>withhold</c> window covers <paramref name="time"/>: the sequencer seals blocks but posts none.</summary>
    public bool IsWithholding(SimDuration time)
    {
        foreach (var window in _model.Withhold)
        {
            if (window.Contains(time))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the sequencer is down at <paramref name="time"/>: a `down` window, or a set of nodes without a quorum alive.</summary>
    public bool IsDown(SimDuration time)
    {
        if (Set?.IsHalted(time) == true)
        {
            return true;
        }

        foreach (var window in _model.Down)
        {
            if (window.Contains(time))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How long the sequencer was down within [0, <paramref name="end"/>): its <c>down</c> windows,
    /// and for a set of nodes also the spans without a quorum alive, counted once where they overlap.
    /// </summary>
    public SimDuration Downtime(SimDuration end)
    {
        if (Set is null)
        {
            return _model.Down.Aggregate(SimDuration.Zero, (sum, w) => sum + w.Length);
        }

        // Liveness changes only at window boundaries: each span between two is down or up throughout.
        var bounds = new SortedSet<long> { 0, end.Microseconds };
        foreach (var window in _model.Down.Concat(Set.Model.Faults.Select(f => f.Window).OfType<TimeWindow>()))
        {
            bounds.Add(Math.Min(window.Start.Microseconds, end.Microseconds));
            bounds.Add(Math.Min(window.End.Microseconds, end.Microseconds));
        }

        var down = 0L;
        long? previous = null;
        foreach (var bound in bounds)
        {
            if (previous is { } start && IsDown(new SimDuration(start)))
            {
                down += bound - start;
            }

            previous = bound;
        }

        return new SimDuration(down);
    }

    /// <summary>True when the sequencer leaves out <paramref name="account"/>'s transactions at <paramref name="time"/>: a censor window covers it and the account is among the first ⌈share × users⌉.</summary>
    public bool Censors(int account, SimDuration time)
    {
        for (var i = 0; i < _censoredAccounts.Length; i++)
        {
            if (account >= 0 && account < _censoredAccounts[i] && _model.Censor[i].Window.Contains(time))
            {
                return true;
            }
        }

        if (account >= 0 && account < _proposerCensors)
        {
            ProposerCensored++;
            return true;
        }

        return false;
    }
}
