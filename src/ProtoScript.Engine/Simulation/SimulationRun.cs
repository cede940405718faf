using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Bridge;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Trading;
using ProtoScript.Engine.Workload;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// One run, assembled inside its own service scope: the chains and workload of the
/// scenario wired to the run's scheduler and random tree.
/// </summary>
public sealed class SimulationRun
{
    private readonly ScenarioContext _context;
    private readonly Scheduler _scheduler;
    private readonly L1Chain _l1;
    private readonly ImmutableArray<RollupChain> _rollups;
    private readonly ImmutableArray<Batcher> _batchers;
    private readonly ImmutableArray<UserStream> _users;
    private readonly ImmutableArray<DepositStream> _deposits;
    private readonly CexMarket? _cex;
    private readonly ImmutableArray<ArbitrageDesk> _arbitrage;
    private readonly ImmutableArray<Timeboost.ExpressLaneBidders> _laneBidders;
    private readonly CrossChainHub? _crossChain;
    private readonly ImmutableArray<Sequencing.SlotCoordinator> _coordinators;
    private readonly ImmutableArray<Bundles.BundleStream> _bundles;
    private readonly Metrics.LatencyRecorder _bundleLatency = new();
    private readonly ImmutableArray<CrossArbitrageDesk> _crossArbitrage;
    private readonly ImmutableArray<BackRunDesk> _backRuns;

    // One per `provers` block that verifies its proofs on L1.
    private readonly List<Proving.ProofVerifier> _verifiers = [];

    // One per rollup, null for a rollup whose users create no accounts.
    private readonly ImmutableArray<State.StateGrowthSampler?> _stateSamplers;

    /// <summary>Builds every component of the scenario at genesis.</summary>
    public SimulationRun(ScenarioContext context, Scheduler scheduler, RandomTree random, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(services);
        _context = context;
        _scheduler = scheduler;
        var model = context.Model;
        _l1 = new L1Chain(model.L1, context.Options.RetainL1Data ? new L1DataLog() : null);

        // Trading state exists only in scenarios that declare tokens or pools, so the state
        // (and root) of every other scenario stays exactly as it was.
        var trading = model.Workload.Trading;
        _cex = trading.CexPrice is { } cex ? new CexMarket(cex, trading.SyncDelay, random) : null;
        var market = CreateMarket(model, _cex);
        var rollups = ImmutableArray.CreateBuilder<RollupChain>(model.Rollups.Length);
        var byName = new Dictionary<string, RollupChain>(StringComparer.Ordinal);
        var proving = Proving.ProvingSetup.Create(model, random, context.Options.Rules, _l1, _verifiers);
        _crossChain = model.Workload.CrossChain.Share > 0 || !model.Workload.Bundles.IsDefaultOrEmpty ? new CrossChainHub(model.Rollups.Length, model.Workload.CrossChain.AfterFinality ? model.L1.Finality : Language.Model.SimDuration.Zero, model.Workload.CrossChain.OnSoftConfirmation, model.Workload.CrossChain.OnValidityProof) : null;
        var checkSupply = model.Expectations.Any(e => e.Kind == Language.Model.ExpectationKind.ConservedTotalSupply);
        for (var index = 0; index < model.Rollups.Length; index++)
        {
            var rollup = model.Rollups[index];
            var ordering = RuleRegistry.Ordering.Resolve(rollup, context.Options.Rules);
            RollupChain? chain = null;
            if (ordering is not null and not IInfallibleOrderingRule)
            {
                var name = rollup.Name;
                ordering = new FaultReportingOrderingRule(ordering, name, scheduler.Clock, () => (long)chain!.Metrics.Blocks + 1);
            }

            // A host's keyed service replaces a stateless built-in rule; a per-run rule (random) is made here from the run's seed.
            var builtIn = RuleRegistry.BuiltIn(rollup.Ordering);
            ordering ??= (builtIn.PerRun ? null : services.GetKeyedService<IOrderingRule>(builtIn.Key))
                ?? builtIn.Create(() => random.Stream("ordering/" + rollup.Name));

            // Every part of the rollup, made before it: none is set after it is built (RollupParts).
            var fresh = FreshAccounts.Reserve(model, rollup.Name);
            var parts = new RollupParts
            {
                Validity = Validity.ValidityRules.Gate(rollup, context.Options.Rules, RollupChain.AccountCount(rollup, market) + fresh),
                FreshAccounts = fresh,
                StorageSlots = StorageReserve.Slots(model, rollup.Name),
                Proving = proving.GetValueOrDefault(rollup.Name),
                Batcher = Batcher.Part(index, _l1, RuleRegistry.DaChoice.Resolve(rollup, context.Options.Rules)),
                CrossChain = _crossChain?.Connect(index),
                PbsRules = Pbs.PbsRules.Resolve(rollup, context.Options.Rules),
                Populations = Workload.PopulationLedger.Create(model.Workload, rollup),
            };
            parts = FeeWiring.Connect(BridgeSetup.WithSequencing(parts, _l1, index), rollup, _l1, context.Options.Rules);
            chain = new RollupChain(rollup, ordering, market, parts)
            {
                CheckSupplyEachBlock = checkSupply,
            };
            if (context.Options.RetainL1Data)
            {
                chain.RecordBlockRoots();
            }

            rollups.Add(chain);
            byName.Add(rollup.Name, chain);
        }

        _rollups = rollups.MoveToImmutable();
        if (_crossChain is { TrustsSoft: true } hub)
        {
            for (var index = 0; index < _rollups.Length; index++)
            {
                hub.Endpoint(index).RollsBackDependents = CrossChain.DependentRollback.Covers(model, _rollups[index]);
            }
        }
        var strategy = RuleRegistry.Strategy.Resolve(model.Workload, context.Options.Rules);
        ImmutableArray<RollupChain> venues = [.. _rollups.Where(r => r.Market is { Arbitrageurs: > 0 })];
        _arbitrage = [.. venues.Select(r => new ArbitrageDesk(r, random, strategy) { Venues = venues })];
        _laneBidders = [.. _arbitrage.Where(d => d.Chain.ExpressLane is not null && d.Chain.Market!.Cex is not null).Select(d => new Timeboost.ExpressLaneBidders(d, RuleRegistry.ExpressLaneBid.Resolve(d.Chain.Model, context.Options.Rules)))];
        _batchers = [.. _rollups.Select(chain => chain.Batcher!)];
        _coordinators = Sequencing.SlotCoordinatorSetup.Create(model, byName, _crossChain, random, context.Options.Rules);
        var users = ImmutableArray.CreateBuilder<UserStream>();
        for (var i = 0; i < model.Workload.Streams.Length; i++)
        {
            var stream = model.Workload.Streams[i];
            foreach (var target in stream.Rollups)
            {
                var path = FormattableString.Invariant($"workload/{i}/rollup/{target}");
                var chain = byName[target];
                users.Add(new UserStream(stream, chain, random, path, chain.Market is { Pools.Count: > 0 } ? trading : null)
                {
                    CrossChain = CrossChainTraffic.ForStream(_crossChain, model, stream, target, byName, random, path),

                    // A named population sends from its own accounts; the workload's own users from all of them.
                    Accounts = stream.Name is null ? null : Workload.PopulationLedger.Assign(model.Workload, chain.Model).First(p => ReferenceEquals(p.Stream, stream)),
                });
            }
        }

        // Surges after every steady stream, so the steady streams' events keep their order.
        for (var i = 0; i < model.Workload.Streams.Length; i++)
        {
            var stream = model.Workload.Streams[i];
            if (stream.Surge is not { } surge)
            {
                continue;
            }

            var surging = stream with { RatePerSecond = surge.RatePerSecond, Surge = null };
            foreach (var target in stream.Rollups)
            {
                var path = FormattableString.Invariant($"workload/{i}/rollup/{target}/surge");
                users.Add(new UserStream(surging, byName[target], random, path, byName[target].Market is { Pools.Count: > 0 } ? trading : null)
                {
                    CrossChain = CrossChainTraffic.ForStream(_crossChain, model, surging, target, byName, random, path),
                    ActiveDuring = surge.Window,
                });
            }
        }

        _users = users.ToImmutable();
        _deposits = BridgeSetup.Create(model, _rollups, random);
        _bundles = Bundles.BundleSetup.Create(model, _rollups, _crossChain, _coordinators, random, _bundleLatency);
        _crossArbitrage = CrossArbitrageSetup.Create(model, _rollups, _coordinators, random);
        _backRuns = [.. _rollups.Where(r => r.Market is { BackRunners: > 0 }).Select(r => new BackRunDesk(r, random))];
        _stateSamplers = [.. _rollups.Select(r => r.FreshAccountReserve > 0 || r.Storage is not null ? new State.StateGrowthSampler(r, model.Duration) : null)];
    }

    /// <summary>The scenario's tokens and trading setup, or null when it declares no tokens and no pools (derivation builds the same genesis from it).</summary>
    internal static MarketSetup? CreateMarket(Language.Model.ScenarioModel model, CexMarket? cex) =>
        model.Tokens.Length > 0 || model.Rollups.Any(r => r.Amms.Length > 0)
            ? new MarketSetup(model.Tokens, model.Workload.Trading, cex) { CrossArbitrage = model.Workload.CrossArbitrage }
            : null;

    /// <summary>Runs the scenario to its end and collects the result.</summary>
    public SimulationResult Execute()
    {
        // Start order fixes the sequence numbers that break ties between simultaneous events.
        _l1.Start(_scheduler);
        _cex?.Begin(_scheduler);
        foreach (var rollup in _rollups)
        {
            if (!_coordinators.Any(s => s.Sequences(rollup)))
            {
                rollup.Start(_scheduler);
            }
        }

        foreach (var sequencer in _coordinators)
        {
            sequencer.Start(_scheduler);
        }

        foreach (var batcher in _batchers)
        {
            batcher.Start(_scheduler);
        }

        foreach (var user in _users)
        {
            user.Start(_scheduler);
        }

        foreach (var desk in _arbitrage)
        {
            desk.Begin(_scheduler);
        }

        foreach (var bidders in _laneBidders)
        {
            bidders.Begin(_scheduler);
        }

        foreach (var deposits in _deposits)
        {
            deposits.Start(_scheduler);
        }

        foreach (var bundles in _bundles)
        {
            bundles.Start(_scheduler);
        }

        foreach (var desk in _crossArbitrage)
        {
            desk.Begin(_scheduler);
        }

        foreach (var desk in _backRuns)
        {
            desk.Begin(_scheduler);
        }

        foreach (var sampler in _stateSamplers)
        {
            sampler?.Start(_scheduler);
        }

        foreach (var verifier in _verifiers)
        {
            verifier.Start(_scheduler);
        }

        var model = _context.Model;
        if (_context.Options.Progress is { } progress)
        {
            // Chunks of simulated time; the clock only moves to each chunk's end between events.
            const int Steps = 100;
            for (var step = 1; step < Steps; step++)
            {
                var until = new Language.Model.SimDuration(model.Duration.Microseconds / Steps * step);
                _scheduler.RunUntil(until);
                progress(Progress(until, model.Duration));
            }
        }

        _scheduler.RunUntil(model.Duration);
        _context.Options.Progress?.Invoke(Progress(model.Duration, model.Duration));

        ImmutableArray<SequencerResult> sequencers = [.. _coordinators.Select(s => s.Collect(model.Duration))];
        var rollupResults = ImmutableArray.CreateBuilder<RollupResult>(_rollups.Length);
        for (var i = 0; i < _rollups.Length; i++)
        {
            var collected = ResultCollector.Collect(_rollups[i], _batchers[i], _l1, model.Duration) with
            {
                Proving = _rollups[i].Proving?.Collect(model.Duration),
                Bridge = BridgeCollector.Collect(_rollups[i], model.Duration),
                Sequencing = Sequencing.SequencingCollector.Collect(_rollups[i], model.Duration),
                StateGrowth = _stateSamplers[i]?.Collect(_batchers[i].Metrics, _l1.Spec.BlobSizeBytes),
            };
            var layerFee = sequencers.Select(q => q.Layer?.Rollups.FirstOrDefault(f => f.Rollup == collected.Name)).OfType<SharedLayerFee>().FirstOrDefault();
            rollupResults.Add(collected with { ValueFlow = Fees.ValueFlowCollector.Collect(_rollups[i], collected, layerFee?.Fee) });
        }

        return new SimulationResult(
            model.Name,
            model.Seed,
            model.Duration,
            ResultCollector.Collect(_l1),
            rollupResults.MoveToImmutable())
        {
            L1Data = _l1.DataLog,
            SequencerRoots = _l1.DataLog is null ? null : [.. _rollups.Select(r => r.BlockRoots!)],
            CrossChain = _crossChain?.Collect() is { } crossChain ? crossChain with { Bundles = Bundles.BundleSetup.Collect(_bundles, _bundleLatency) } : null,
            Sequencers = sequencers,
            CrossArbitrage = [.. _crossArbitrage.Select(d => d.Collect())],
        };
    }

    private RunProgress Progress(Language.Model.SimDuration now, Language.Model.SimDuration duration)
    {
        long blocks = 0, transactions = 0;
        foreach (var rollup in _rollups)
        {
            blocks += rollup.Metrics.Blocks;
            transactions += rollup.Metrics.Included;
        }

        return new RunProgress(now, duration, blocks, transactions);
    }
}
