using System.Collections.Immutable;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>
/// The provers of one <c>provers</c> block, shared by every rollup it names, with its
/// selection rule and its own random streams (<c>provers/N/...</c>, N its position among the
/// scenario's <c>provers</c> blocks), so adding provers never shifts another component's draws.
/// </summary>
public sealed class ProverPool
{
    private readonly RandomStream _time;

    /// <summary>Builds the provers at genesis.</summary>
    /// <param name="model">The <c>provers</c> block.</param>
    /// <param name="index">Its position among the scenario's <c>provers</c> blocks.</param>
    /// <param name="random">The run's random tree.</param>
    /// <param name="chooser">The chooser of a C# selection hook; required when the selection is a hook, else ignored.</param>
    /// <param name="bidHooks">For a market of named provers: the rule of each prover whose bid is a C# hook, by prover index (null for the others).</param>
    public ProverPool(ProversModel model, int index, RandomTree random, IProverChooser? chooser = null, IReadOnlyList<IProverBidRule?>? bidHooks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        Model = model;
        var path = FormattableString.Invariant($"provers/{index}/");
        _time = random.Stream(path + "time");
        var selection = model.Selection;

        // Market provers' own costs are drawn once, in prover order, from their own stream.
        var market = random.Stream(path + "market");
        var spread = selection.Kind == ProverSelectionKind.Market && selection.MarketProvers.IsEmpty ? selection.SpreadBasisPoints : 0;
        var provers = ImmutableArray.CreateBuilder<ProverState>(model.Count);
        for (var i = 0; i < model.Count; i++)
        {
            var stake = selection.Stakes.IsDefaultOrEmpty ? UInt128.Zero : selection.Stakes[i];
            var factor = spread == 0 ? 10_000 : 10_000 - spread + (int)market.NextUInt64((ulong)(2 * spread) + 1);
            provers.Add(new ProverState(i, stake, factor));
        }

        Provers = provers.MoveToImmutable();
        Selection = selection.Kind switch
        {
            ProverSelectionKind.ProofOfNecessaryWork => new ProofOfNecessaryWork(selection.DifficultyBits, selection.HashRatePerSecond, selection.Racers, random.Stream(path + "work"), selection.HashRatesPerSecond.IsDefault ? null : selection.HashRatesPerSecond),
            ProverSelectionKind.Stake => new LeaderSelection("stake", new StakeChooser(random.Stream(path + "selection"))),
            ProverSelectionKind.Market when !selection.MarketProvers.IsEmpty => new ProofMarket(model, bidHooks),
            ProverSelectionKind.Market => new LeaderSelection("market", new MarketChooser()),
            ProverSelectionKind.RoundRobin => new LeaderSelection("round_robin", new RoundRobinChooser()),
            _ => new LeaderSelection("csharp", chooser ?? throw new ArgumentException(
                $"The provers for {string.Join(", ", model.Rollups)} select with a C# hook but the run was given no compiled chooser for it.", nameof(chooser))),
        };
    }

    /// <summary>The block's description.</summary>
    public ProversModel Model { get; }

    /// <summary>The provers, by index.</summary>
    public IReadOnlyList<ProverState> Provers { get; }

    /// <summary>The rule that assigns each job.</summary>
    public IProverSelection Selection { get; }

    /// <summary>
    /// One draw of the time a job of <paramref name="kind"/> takes, in whole microseconds
    /// (negative draws of a normal are zero): the aggregation time for an aggregation (a tree's node
    /// time with <c>aggregation { ... }</c>), the wrap time for a wrap, else the proof time.
    /// </summary>
    public long DrawProofTime(ProofJobKind kind)
    {
        var distribution = kind switch
        {
            ProofJobKind.Aggregation => Model.Aggregation?.LevelTime ?? Model.AggregationTime,
            ProofJobKind.Wrap => Model.Aggregation?.WrapTime ?? Model.AggregationTime,
            _ => Model.ProofTime,
        };
        return Draw(distribution);
    }

    /// <summary>One draw of a block's execution time (pipeline <c>per_shard</c>), in whole microseconds.</summary>
    public long DrawExecutionTime() => Draw(Model.Execution);

    private long Draw(DistributionModel distribution)
    {
        if (distribution.Kind == DistributionKind.Constant)
        {
            return (long)Math.Round(distribution.A, MidpointRounding.ToEven); // no draw, so a constant does not consume the stream
        }

        var x = DistributionSampler.Sample(distribution, _time);
        return x > 0 ? (long)Math.Min(Math.Round(x, MidpointRounding.ToEven), 1e15) : 0;
    }
}
