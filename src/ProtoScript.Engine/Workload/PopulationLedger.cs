using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Workload;

/// <summary>Which of a rollup's user accounts one population sends from: <c>First .. First + Count - 1</c>.</summary>
/// <param name="Stream">The population.</param>
/// <param name="First">Its first account.</param>
/// <param name="Count">How many accounts it has.</param>
public readonly record struct PopulationAccounts(UserStreamModel Stream, int First, int Count);

/// <summary>
/// What happened to each user population's transactions on one rollup: sent, refused on arrival
/// (by reason), admitted, dropped after admission (evicted, replaced, invalid), included, with
/// latency and fees paid. A rollup has one when a named population sends to it or it has a
/// <c>mempool</c> block; the populations' accounts do not overlap, so an account tells its population.
/// </summary>
public sealed class PopulationLedger
{
    private readonly int[] _populationOf;
    private readonly Counters[] _counters;

    private PopulationLedger(ImmutableArray<PopulationAccounts> populations, int userAccounts)
    {
        Populations = populations;
        _populationOf = new int[userAccounts];
        _populationOf.AsSpan().Fill(-1);
        _counters = new Counters[populations.Length];
        for (var p = 0; p < populations.Length; p++)
        {
            _counters[p] = new Counters();
            _populationOf.AsSpan(populations[p].First, populations[p].Count).Fill(p);
        }
    }

    /// <summary>The populations of the rollup and their accounts, in declaration order.</summary>
    public ImmutableArray<PopulationAccounts> Populations { get; }

    /// <summary>
    /// The accounts of each stream of <paramref name="workload"/> that sends to <paramref name="rollup"/>,
    /// in declaration order: each takes its <c>accounts</c> in turn; the one that leaves it out takes
    /// what the others leave (the workload's own <c>users</c> take every account).
    /// </summary>
    public static ImmutableArray<PopulationAccounts> Assign(WorkloadModel workload, RollupModel rollup)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(rollup);
        var streams = workload.Streams.Where(s => s.Rollups.Contains(rollup.Name)).ToList();
        var fixedAccounts = streams.Sum(s => s.Accounts);
        var result = ImmutableArray.CreateBuilder<PopulationAccounts>(streams.Count);
        var next = 0;
        foreach (var stream in streams)
        {
            var count = stream.Accounts > 0 ? stream.Accounts : Math.Max(0, rollup.Accounts - fixedAccounts);
            result.Add(new PopulationAccounts(stream, next, count));
            next += count;
        }

        return result.MoveToImmutable();
    }

    /// <summary>The rollup's ledger, or null when no named population sends to it and it has no <c>mempool</c> block (its report then stays as it was).</summary>
    public static PopulationLedger? Create(WorkloadModel workload, RollupModel rollup)
    {
        var populations = Assign(workload, rollup);
        return rollup.Mempool is null && !populations.Any(p => p.Stream.Name is not null)
            ? null
            : new PopulationLedger(populations, rollup.Accounts);
    }

    /// <summary>A transaction of <paramref name="sender"/> reached the sequencer.</summary>
    public void Sent(int sender)
    {
        if (Of(sender) is { } c)
        {
            c.Sent++;
        }
    }

    /// <summary>The pool admitted a transaction of <paramref name="sender"/>.</summary>
    public void Admitted(int sender)
    {
        if (Of(sender) is { } c)
        {
            c.Admitted++;
        }
    }

    /// <summary>A transaction of <paramref name="sender"/> was refused or dropped for <paramref name="reason"/>.</summary>
    public void Rejected(int sender, RejectReason reason, long count = 1)
    {
        if (Of(sender) is { } c)
        {
            c.Rejected[(int)reason] += count;
        }
    }

    /// <summary>A transaction of <paramref name="sender"/> was included <paramref name="latency"/> after it was sent, and its sender paid <paramref name="fee"/> in fees.</summary>
    public void Included(int sender, SimDuration latency, UInt128 fee)
    {
        if (Of(sender) is { } c)
        {
            c.Included++;
            c.Latency.Record(latency);
            c.Fees += fee;
        }
    }

    /// <summary>
    /// Each population's result; <paramref name="pending"/> tells how many of an account's transactions
    /// are still pending. The reasons only pool defences or a validity rule give are listed when the rollup has them.
    /// </summary>
    public ImmutableArray<PopulationResult> Collect(Func<int, int> pending, bool showPoolReasons, bool showValidity)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var result = ImmutableArray.CreateBuilder<PopulationResult>(Populations.Length);
        for (var p = 0; p < Populations.Length; p++)
        {
            var population = Populations[p];
            var c = _counters[p];
            long waiting = 0;
            for (var a = population.First; a < population.First + population.Count; a++)
            {
                waiting += pending(a);
            }

            var rejected = ImmutableArray.CreateBuilder<RejectionCount>();
            foreach (var reason in RejectReasons.All)
            {
                if (!RejectReasons.IsSwapOnly(reason) && (showPoolReasons || !RejectReasons.IsPoolOnly(reason)) && (showValidity || !RejectReasons.IsValidityOnly(reason)))
                {
                    rejected.Add(new RejectionCount(RejectReasons.Name(reason), c.Rejected[(int)reason]));
                }
            }

            result.Add(new PopulationResult(population.Stream.Name ?? "users", population.Count, c.Sent, c.Admitted, rejected.ToImmutable(), c.Included, waiting, c.Latency.Summarize(), c.Fees));
        }

        return result.MoveToImmutable();
    }

    private Counters? Of(int sender)
    {
        var p = sender >= 0 && sender < _populationOf.Length ? _populationOf[sender] : -1;
        return p < 0 ? null : _counters[p];
    }

    private sealed class Counters
    {
        public long[] Rejected { get; } = new long[RejectReasons.All.Count];

        public LatencyRecorder Latency { get; } = new();

        public long Sent { get; set; }

        public long Admitted { get; set; }

        public long Included { get; set; }

        public UInt128 Fees { get; set; }
    }
}
