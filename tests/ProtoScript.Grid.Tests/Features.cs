using System.Collections.Immutable;
using System.Text.Json;
using static ProtoScript.Grid.Tests.Evidence;

namespace ProtoScript.Grid.Tests;

/// <summary>One way a feature can be set: its name in a feature set, and the text it adds to a scenario.</summary>
/// <param name="Id">How the level is named in a feature set, e.g. <c>l1_finality</c>.</param>
/// <param name="Apply">Adds the level's text to a scenario.</param>
/// <param name="Evidence">Checks a run's JSON report for a sign that the level took effect; null when there is nothing to see.</param>
internal sealed record Level(string Id, Action<ScenarioText> Apply, Func<JsonElement, string?>? Evidence = null);

/// <summary>
/// A feature and the ways it can be set. Level 0 is the feature left out (the scenario's default),
/// so a feature set names only the features a scenario turns on.
/// </summary>
internal sealed record Factor(string Name, ImmutableArray<Level> Levels)
{
    public static Factor Of(string name, params Level[] levels) => new(name, [.. levels]);
}

/// <summary>A pair of settings that cannot be in one scenario, and why.</summary>
internal sealed record Conflict(string FactorA, string LevelA, string FactorB, string LevelB, string Why);

/// <summary>
/// The fragments of issue 12's grid: every feature the engine combines, each as a small piece of
/// scenario text. Two rollups, A and B (B <c>like A</c>), carry every fragment, so the features
/// that need two rollups (cross-chain messages, shared sequencers, builders) always have them.
/// </summary>
internal static class Features
{
    private static readonly Level Off = new("off", _ => { });

    /// <summary>The levels that give every rollup a `fees` block, which several features refuse.</summary>
    private static readonly (string Factor, string[] Levels, string What)[] FeeBlockLevels =
    [
        ("distribute", ["split", "hook", "op_stack", "op_operator_fee", "arbitrum"], "a fees block"),
        ("l1_data_fee", ["on"], "a fees block"),
        ("issuance", ["on"], "a fees block"),
        ("base_fee", ["burn", "treasury"], "a fees block"),
        ("base_fee_market", ["eip1559", "speed_limit", "hooked"], "a fees block"),
    ];

    public static ImmutableArray<Factor> All { get; } =
    [
        Factor.Of(
            "distribute",
            new("default", _ => { }),
            new("split", s => s.Fees.Add("distribute = split {\n  sequencer = 30 %\n  treasury = 70 %\n}"), EveryRollup("feeDistribution.rule", Is("split"), "split")),
            new("hook", s => s.Fees.Add(
                "distribute = csharp {\n" +
                "  var pot = block.PriorityFees + block.L1DataFees;\n" +
                "  var da = pot < block.DaOwed ? pot : block.DaOwed;\n" +
                "  Pay(Role.DataAvailability, da);\n" +
                "  var sequencer = (pot - da) * 3 / 10;\n" +
                "  Pay(Role.Sequencer, sequencer);\n" +
                "  Pay(Role.Treasury, pot - da - sequencer + block.BaseFees);\n" +
                "}"), EveryRollup("feeDistribution.rule", Is("csharp"), "csharp")),
            new("op_stack", s => s.Fees.Add("distribute = op_stack { }"), EveryRollup("feeDistribution.rule", Is("op_stack"), "op_stack")),
            new("op_operator_fee", s => s.Fees.Add("distribute = op_stack {\n  operator_fee_scalar = 1_000_000\n  operator_fee_constant = 1 gwei\n}"), EveryRollup("feeDistribution.components.operator_fee_vault", Positive, "operator fees paid")),
            new("arbitrum", s => s.Fees.Add("distribute = arbitrum { }"), EveryRollup("feeDistribution.rule", Is("arbitrum"), "arbitrum"))),
        Factor.Of("l1_data_fee", Off, new("on", s => s.Fees.Add("l1_data_fee = true"), EveryRollup("feeDistribution.usersPaid.l1DataFeesWei", Positive, "L1 data fees paid"))),
        Factor.Of("issuance", Off, new("on", s => s.Fees.Add("issuance = 0.0001 eth per block"), EveryRollup("supply.issuedWei", Positive, "wei issued"))),
        Factor.Of(
            "base_fee",
            new("default", _ => { }),
            new("burn", s => s.Fees.Add("base_fee = burn"), EveryRollup("feeDistribution.usersPaid.baseFeesWei", Positive, "base fees paid")),
            new("treasury", s => s.Fees.Add("base_fee = treasury"), EveryRollup("feeDistribution.roles.treasury.receivedWei", Positive, "the treasury paid"))),
        // The base fee follows demand; users cap what they pay (max_fee), and the section's rule is the sign.
        Factor.Of(
            "base_fee_market",
            Off,
            new("eip1559", s =>
            {
                s.Fees.Add("base_fee_market = eip1559 { elasticity = 6  denominator = 250 }");
                s.Workload.Add("max_fee = uniform(0.0005 gwei, 0.01 gwei)");
            }, EveryRollup("baseFeeMarket.rule", Is("eip1559"), "an EIP-1559 base fee")),
            new("speed_limit", s => s.Fees.Add("base_fee_market = speed_limit { limit = 100_000 gas / s  tolerance = 10 s  min = 0.001 gwei }"), EveryRollup("baseFeeMarket.rule", Is("speed_limit"), "a speed-limit base fee")),
            new("hooked", s => s.Fees.Add("base_fee_market = csharp => parent.GasUsed * 2 > parent.GasLimit ? parent.BaseFee * 9 / 8 : BaseFeeParentView.Gwei(1) / 1000"), EveryRollup("baseFeeMarket.rule", Is("csharp"), "a base fee priced by a C# hook"))),
        Factor.Of("deposits", Off, new("on", s => s.Workload.Add("deposits = poisson(6 / min) on A, B"), EveryRollup("bridge.deposits.included", Positive, "deposits minted"))),
        Factor.Of("withdrawals", Off, new("on", s =>
        {
            s.Workload.Add("withdrawals = 10 %");
            s.Rollup.Add("withdrawal_delay = 30 s");
        }, EveryRollup("bridge.withdrawals.finalized", Positive, "withdrawals paid out on L1")),
        new("proof", s =>
        {
            s.Workload.Add("withdrawals = 10 %");
            s.Rollup.Add("withdrawal_delay = proof");
            s.NeedsProvers = true;
        }, All(EveryRollup("bridge.withdrawals.finalOn", Is("proof verified on L1"), "withdrawals final on their proof"), EveryRollup("bridge.withdrawals.finalized", Positive, "withdrawals paid out on L1")))),
        Factor.Of(
            "cross_chain",
            Off,
            new("l1_inclusion", s => s.Workload.Add("cross_chain = 10 %\ncross_chain_trust = l1_inclusion"), Root("crossChain.delivered", Positive, "messages delivered")),
            new("l1_finality", s => s.Workload.Add("cross_chain = 10 %\ncross_chain_trust = l1_finality"), Root("crossChain.delivered", Positive, "messages delivered")),
            new("soft", s => s.Workload.Add("cross_chain = 10 %\ncross_chain_trust = soft"), All(Root("crossChain.delivered", Positive, "messages delivered"), Root("crossChain.softTrust.failed", v => v.ValueKind == JsonValueKind.Number, "soft trust's failures counted"))),
            new("validity_proof", s =>
            {
                s.Workload.Add("cross_chain = 10 %\ncross_chain_trust = validity_proof");
                s.NeedsProvers = true;
            }, All(Root("crossChain.delivered", Positive, "messages delivered"), EveryRollup("proofFinalConfirmationLatencyMicroseconds.samples", Positive, "proofs verified on L1")))),
        Factor.Of(
            "bundles",
            Off,
            new("callback", s => s.Workload.Add("bundles {\n  path = [A, B, A]\n  rate = 0.5 / s\n  value = 0.01 eth\n}"), Root("crossChain.bundles.included", Positive, "callback bundles included"))),
        Factor.Of(
            "sequencing",
            new("solo", _ => { }),
            new("shared_executes_enshrined", s => s.Blocks.Add(SharedSequencer(executes: true, "enshrined")), Root("sequencers.0.kind", Is("shared sequencer (enshrined)"), "the shared sequencer")),
            new("shared_executes_external", s => s.Blocks.Add(SharedSequencer(executes: true, "external")), Root("sequencers.0.kind", Is("shared sequencer (external)"), "the shared sequencer")),
            new("shared_orders_only_enshrined", s => s.Blocks.Add(SharedSequencer(executes: false, "enshrined")), Root("sequencers.0.kind", Is("shared sequencer (enshrined)"), "the shared sequencer")),
            new("shared_orders_only_external", s => s.Blocks.Add(SharedSequencer(executes: false, "external")), Root("sequencers.0.kind", Is("shared sequencer (external)"), "the shared sequencer")),
            new("builder", s => s.Blocks.Add(Builder), Root("sequencers.0.kind", Is("builder"), "the builder")),
            new("shared_with_builder", s =>
            {
                s.Blocks.Add(SharedSequencer(executes: true, "enshrined"));
                s.Blocks.Add(Builder);
            }, Root("sequencers.0.slots", Positive, "slots sealed by the shared sequencer")),
            new("shared_external_aggregated", s => s.Blocks.Add(PaidAggregatingSequencer), All(Root("sequencers.0.layerFee.totalWei", Positive, "the external network's fee"), Root("sequencers.0.aggregation.postings", Positive, "shared postings landed"))),

            // A shared sequencer run by a Raft set (as an OP conductor for both rollups) whose active sequencer crashes: one failover.
            new("shared_raft", s => s.Blocks.Add("shared_sequencer s for A, B {\n  consensus = raft {\n    nodes = 3\n    failover = 3 s\n    crashed = [1] at 60 s for 40 s\n  }\n}"), All(Root("sequencers.0.consensus.protocol", Is("raft"), "a Raft set"), Root("sequencers.0.consensus.failovers", Positive, "a failover"))),
            new("shared_external_aggregated_hooked", s => s.Blocks.Add(HookedAggregatingSequencer), All(Root("sequencers.0.layerFee.rule", Is("csharp (per block)"), "the fee hook"), Root("sequencers.0.layerFee.totalWei", Positive, "the fee hook's fee"), Root("sequencers.0.aggregation.split", Is("csharp"), "the cost split hook"), Root("sequencers.0.aggregation.postings", Positive, "shared postings landed")))),
        Factor.Of(
            "provers",
            Off,
            new("proof_of_necessary_work", s => AddProvers(s, "proof_of_necessary_work { difficulty = 10 bits  racers = 2 }"), Proven("proof_of_necessary_work")),

            // Hash-power skew: the first of the three provers grinds at three times the others' rate.
            new("proof_of_necessary_work_skewed", s => AddProvers(s, "proof_of_necessary_work { difficulty = 10 bits  hash_rates = [3_000_000 / s, 1_000_000 / s, 1_000_000 / s] }"), Proven("proof_of_necessary_work")),
            new("stake", s => AddProvers(s, "stake { stakes = [32 eth, 64 eth, 128 eth] }"), Proven("stake")),
            new("market", s => AddProvers(s, "market { spread = 20 % }"), Proven("market")),
            new("market_strategies", s => s.Blocks.Add(MarketProvers), All(Proven("market"), EveryRollup("proving.market.jobs", Positive, "jobs auctioned among named provers"))),
            new("round_robin", s => AddProvers(s, "round_robin"), Proven("round_robin")),
            new("hook", s => AddProvers(s, "csharp => random.NextInt(provers.Count)"), Proven("csharp")),
            new("proving_aggregation", s => s.Blocks.Add(AggregatingProvers), All(
                Proven("market"),
                EveryRollup("proving.aggregation.wraps", Positive, "blocks wrapped after their aggregation tree"),
                EveryRollup("proving.verification.shared", Positive, "verifications shared across the rollups landed on L1")))),
        // Proof deadlines need a provers block per rollup (shared provers are refused), so the fragment brings its own.
        Factor.Of(
            "proving_deadline",
            Off,
            new("on_time", s => s.Blocks.Add(DeadlineProvers("normal(500 ms, 100 ms)", fallback: false)), All(EveryRollup("proving.deadline.provenOnTime", Positive, "epochs proven on time"), EveryRollup("proving.deadline.missed", v => v.ValueKind == JsonValueKind.Number && v.GetInt64() == 0, "no window missed"))),
            new("missed", s => s.Blocks.Add(DeadlineProvers("3 s", fallback: false)), All(EveryRollup("proving.deadline.missed", Positive, "windows missed"), EveryRollup("proving.deadline.prunedBlocks", Positive, "blocks pruned"))),
            new("fallback", s => s.Blocks.Add(DeadlineProvers("normal(500 ms, 100 ms)", fallback: true, offline: "  offline = 0 at 10 s for 30 s\n")), All(EveryRollup("proving.deadline.missed", Positive, "a window missed by the offline prover"), EveryRollup("proving.deadline.fallbackClaims", Positive, "fallback claims")))),
        Factor.Of(
            "ordering",
            new("fcfs", _ => { }),
            new("priority_fee", s => s.Rollup.Add("ordering = priority_fee"), EveryRollup("ordering", Is("priority_fee"), "priority_fee")),
            new("auction", s => s.Rollup.Add("ordering = auction"), EveryRollup("ordering", Is("auction"), "auction")),
            new("hook", s => s.Rollup.Add(
                "ordering = csharp => y.PriorityFeePerGas != x.PriorityFeePerGas ? y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas) : x.ArrivalSequence.CompareTo(y.ArrivalSequence)"), EveryRollup("ordering", Is("csharp"), "csharp"))),
        Factor.Of("outage", Off, new("on", s => s.Sequencer.Add("down = 40 s for 30 s"), EveryRollup("sequencer.missedBlocks", Positive, "blocks missed"))),
        Factor.Of("censorship", Off, new("on", s => s.Sequencer.Add("censor = 20 % at 90 s for 40 s"), EveryRollup(
            "sequencer",
            // With a forced-inclusion route, censored users send through L1 instead of waiting to be skipped.
            v => Positive(v.GetProperty("censoredSkips")) || v.TryGetProperty("forcedInclusion", out var route) && Positive(route.GetProperty("sentViaL1")),
            "transactions censored (skipped, or sent through L1)"))),

        // A withholding that ends in time posts late and reorgs nothing; one that outlasts an
        // 8-L1-block sequencing window has its soft-confirmed blocks reorged out.
        Factor.Of(
            "withholding",
            Off,
            new("in_time", s => s.Sequencer.Add("withhold = 100 s for 30 s"), EveryRollup("sequencer.withholding.withheldMicroseconds", Positive, "time withheld")),
            new("reorged", s =>
            {
                s.Rollup.Add("derivation = standard { sequencing_window = 8 }");
                s.Sequencer.Add("withhold = 20 s for 160 s");
            }, EveryRollup("sequencer.withholding.reorgs", Positive, "blocks reorged out"))),
        Factor.Of(
            "forced_inclusion",
            new("none", _ => { }),
            new("deposits", s => s.Rollup.Add("forced_inclusion = deposits"), EveryRollup("sequencer.forcedInclusion.route", Is("deposits"), "deposits")),
            new("delayed_inbox", s => s.Rollup.Add("forced_inclusion = delayed_inbox { delay_blocks = 2  delay = 30 s }"), EveryRollup("sequencer.forcedInclusion.route", Is("delayed_inbox"), "delayed_inbox"))),
        Factor.Of("amm", Off, new("arbitrageurs", s =>
        {
            s.Tokens.Add("token usdc { decimals = 6 }");
            s.Funding.Add("30_000 usdc");
            s.Rollup.Add("amm \"ETH/USDC\" { reserves = (1_000 eth, 3_000_000 usdc)  fee = 0.3 % }");
            s.Workload.Add(
                "swaps = 20 %\n" +
                "swap_size = exponential(0.5 eth)\n" +
                "cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)\n" +
                "arbitrageurs = 2");
        }, All(EveryRollup("trading.swaps.included", Positive, "swaps included"), EveryRollup("trading.arbitrages.included", Positive, "arbitrages included")))),
        Factor.Of("pbs", Off, new("builders", s =>
        {
            s.Blocks.Add("builder pa1 for A { latency = 10 ms  bid = 90 % }");
            s.Blocks.Add("builder pa2 for A { latency = 40 ms  exclusive_flow = 20 %  bid = 80 % }");
            s.Blocks.Add("builder pb1 for B { latency = 20 ms  bid = 95 % }");
        }, EveryRollup("pbs.builderBlocks", Positive, "blocks built by PBS builders")), new("hooked", s =>
        {
            // A's first builder bids and orders by C# hooks: 90 % of its block, and its pool reversed.
            s.Blocks.Add("builder pa1 for A {\n  latency = 10 ms\n  bid = csharp => BuilderBidView.Percent(candidate.Value, 90)\n  strategy = csharp {\n    var order = pool.Greedy();\n    Array.Reverse(order);\n    return order;\n  }\n}");
            s.Blocks.Add("builder pa2 for A { latency = 40 ms  exclusive_flow = 20 %  bid = 80 % }");
            s.Blocks.Add("builder pb1 for B { latency = 20 ms  bid = csharp => candidate.Value / 2 }");
        }, EveryRollup("pbs.builderBlocks", Positive, "blocks built by PBS builders"))),
        Factor.Of("express_lane", Off, new("arbitrum", s => s.Rollup.Add("express_lane {\n  round = 60 s\n  closing = 15 s\n  delay = 200 ms\n  reserve = 0.001 eth\n  price = second\n}"), EveryRollup("expressLane.rounds", Positive, "express lane auctions held")),
            new("bid_hook", s => s.Rollup.Add("express_lane {\n  round = 60 s\n  closing = 15 s\n  reserve = 0 eth\n  bid = csharp => me.BuiltInBid / 2 + (UInt128)me.Index + 1\n}"), EveryRollup("expressLane.rounds", Positive, "express lane auctions held"))),
        // Searchers trade the amm fragment's pool on A against B's: the section's presence is the sign (with a CEX arbitrageur on each pool, a gap wider than both fees is rare in 3 min).
        Factor.Of(
            "cross_arbitrage",
            Off,
            new("atomic", s => s.Workload.Add("cross_arbitrage {\n  path = [A, B]\n  searchers = 2\n  mode = atomic\n}"), Root("crossArbitrage.paths.0.searchers", Positive, "cross-rollup searchers")),
            new("independent", s => s.Workload.Add("cross_arbitrage {\n  path = [A, B]\n  searchers = 2\n  mode = independent\n}"), Root("crossArbitrage.paths.0.searchers", Positive, "cross-rollup searchers"))),
        // Back-runners follow the amm fragment's users' swaps; a back-run booked to `br1`/`br2` is the sign.
        Factor.Of("back_running", Off, new("two", s => s.Workload.Add("back_runners = 2"), EveryRollup(
            "trading.mev.byCaptorQuoteUnits",
            v => v.EnumerateObject().Any(p => p.Name.StartsWith("arbitrageur br", StringComparison.Ordinal)),
            "back-runs booked"))),
        Factor.Of("flashblocks", Off, new("200ms", s => s.Rollup.Add("flashblocks = 200 ms"), EveryRollup("flashblocks.subBlocks", Positive, "sub-blocks filled"))),
        Factor.Of(
            "da",
            new("blobs", _ => { }),
            new("calldata", s => s.BatchTarget = "calldata", EveryRollup("dataAvailability.target", Is("calldata"), "calldata")),
            new("auto", s => s.BatchTarget = "auto", EveryRollup("dataAvailability.auto.blobBatches", Positive, "batches the auto batcher posted")),
            new("auto_hooked", s =>
            {
                s.BatchTarget = "auto";
                s.BatchChoose = "csharp => DaChoice.Calldata";
            }, All(EveryRollup("dataAvailability.auto.calldataBatches", Positive, "batches the choose hook sent to calldata"), EveryRollup("dataAvailability.auto.rule", Is("csharp"), "the choose hook")))),
        Factor.Of(
            "state_growth",
            Off,
            new("accounts", s => s.Workload.Add("new_accounts = 20 %"), EveryRollup("stateGrowth.accountsCreated", Positive, "accounts created")),
            new("storage", s => s.Workload.Add("storage_writes = 20 %\nstorage_slots = 2\nnew_slots = 50 %"), EveryRollup("stateGrowth.storageSlotsCreated", Positive, "storage slots created"))),
        // A rollup's own sequencer run by a set: a BFT set of 4 with a crashed node (extra rounds), the same
        // with a proposer hook that names the crashed node first in every height (an extra round each), one
        // that loses its quorum for 40 s (halted, forced inclusion if the fragment is on), one with two equivocators
        // of 4 (past the safety bound: every height they propose commits two blocks, the losing one reorged out),
        // a Raft set that fails over.
        Factor.Of(
            "sequencer_set",
            Off,
            new("bft", s => s.Sequencer.Add("consensus = bft {\n  nodes = 4\n  vote_delay = 100 ms\n  crashed = 1\n  censor = 10 % by [2]\n}"), Root("sequencers.0.consensus.extraRounds", Positive, "extra rounds after a crashed proposer")),
            new("bft_hooked", s => s.Sequencer.Add("consensus = bft {\n  nodes = 4\n  vote_delay = 100 ms\n  crashed = [1]\n  proposer = csharp => round.Round == 0 ? 1 : 2\n}"), Root("sequencers.0.consensus.extraRounds", Positive, "extra rounds after a hook named a crashed proposer")),
            new("bft_halting", s => s.Sequencer.Add("consensus = bft {\n  nodes = 4\n  crashed = 2 at 60 s for 40 s\n}"), Root("sequencers.0.consensus.haltedSlots", Positive, "block times halted")),
            new("bft_equivocating", s => s.Sequencer.Add("consensus = bft {\n  nodes = 4\n  vote_delay = 100 ms\n  equivocate = [1, 2]\n}"), All(Root("sequencers.0.consensus.safetyViolations", Positive, "conflicting commits"), EveryRollup("sequencer.equivocation.blocksReorged", Positive, "losing blocks reorged out"))),
            new("raft", s => s.Sequencer.Add("consensus = raft {\n  nodes = 3\n  failover = 3 s\n  crashed = [1] at 60 s for 40 s\n}"), Root("sequencers.0.consensus.failovers", Positive, "a failover"))),

        // Pool defences: limits and caps (the grid's users send 5 a second, so they bind only now and then: the section and its admissions are the sign), proof of work, and a private pool.
        Factor.Of(
            "mempool",
            Off,
            new("limits", s => s.Rollup.Add("mempool {\n  rate_limit = 3\n  rate_window = 10 s\n  max_pending = 50\n  max_per_sender = 2\n}"), EveryRollup("mempool.populations.0.admitted", Positive, "transactions admitted by the pool")),
            new("pow", s => s.Rollup.Add("mempool { pow = 8 bits }"), EveryRollup("mempool.populations.0.admitted", Positive, "transactions admitted with a proof of work")),
            new("private", s => s.Rollup.Add("mempool { public = false }"), EveryRollup("mempool.public", v => v.ValueKind == JsonValueKind.False, "a private pool"))),
        Factor.Of(
            "compression",
            new("brotli", _ => { }),
            new("zlib", s => s.Compression = "zlib", EveryRollup("dataAvailability.compression", Is("zlib"), "zlib")),
            new("none", s => s.Compression = "none", EveryRollup("dataAvailability.compression", Is("none"), "none"))),
    ];

    /// <summary>Settings that cannot be combined, with the reason; the grid never puts both in one scenario.</summary>
    public static ImmutableArray<Conflict> Conflicts { get; } =
    [
        .. WithholdingConflicts(),
        .. EquivocatingSetConflicts(),
        .. FlashblocksConflicts(),
        .. ExpressLaneConflicts(),
        .. PbsConflicts(),
        .. CrossArbitrageConflicts(),
        .. BackRunningConflicts(),
        .. AutoDaConflicts(),

        // A stack's rule decides where base fees go (the OP Stack's BaseFeeVault, Arbitrum's infrastructure and network fees): PS3005 at `base_fee`.
        new("distribute", "op_stack", "base_fee", "burn", "the language refuses `base_fee` with `distribute = op_stack` (PS3005): the rule pays base fees to the BaseFeeVault"),
        new("distribute", "op_stack", "base_fee", "treasury", "the language refuses `base_fee` with `distribute = op_stack` (PS3005): the rule pays base fees to the BaseFeeVault"),
        new("distribute", "op_operator_fee", "base_fee", "burn", "the language refuses `base_fee` with `distribute = op_stack` (PS3005): the rule pays base fees to the BaseFeeVault"),
        new("distribute", "op_operator_fee", "base_fee", "treasury", "the language refuses `base_fee` with `distribute = op_stack` (PS3005): the rule pays base fees to the BaseFeeVault"),
        new("distribute", "arbitrum", "base_fee", "burn", "the language refuses `base_fee` with `distribute = arbitrum` (PS3005): the rule splits base fees into infrastructure and network fees"),
        new("distribute", "arbitrum", "base_fee", "treasury", "the language refuses `base_fee` with `distribute = arbitrum` (PS3005): the rule splits base fees into infrastructure and network fees"),

        // One batch stream fills shared blobs: PS3005 at `aggregate_data` when a rollup posts to calldata.
        new("sequencing", "shared_external_aggregated", "da", "calldata", "the language refuses `aggregate_data` when a rollup posts its batches to calldata (PS3005)"),
        new("sequencing", "shared_external_aggregated", "da", "auto", "the language refuses `aggregate_data` when a rollup's batcher chooses blobs or calldata per batch (PS3005)"),
        new("sequencing", "shared_external_aggregated", "da", "auto_hooked", "the language refuses `aggregate_data` when a rollup's batcher chooses blobs or calldata per batch (PS3005)"),
        new("sequencing", "shared_external_aggregated_hooked", "da", "calldata", "the language refuses `aggregate_data` when a rollup posts its batches to calldata (PS3005)"),
        new("sequencing", "shared_external_aggregated_hooked", "da", "auto", "the language refuses `aggregate_data` when a rollup's batcher chooses blobs or calldata per batch (PS3005)"),
        new("sequencing", "shared_external_aggregated_hooked", "da", "auto_hooked", "the language refuses `aggregate_data` when a rollup's batcher chooses blobs or calldata per batch (PS3005)"),
        .. SequencerSetConflicts(),
        .. MempoolConflicts(),
        .. ProofFinalityConflicts(),
        .. ProvingDeadlineConflicts(),

        // The grid binds without a diagnostic, and a path no producer holds whole is warned about (it goes asynchronously).
        new("bundles", "callback", "sequencing", "solo", "without a shared sequencer or builder for A and B the binder warns that the bundles go asynchronously"),

        // Implied by the two above: the callback needs a producer holding A and B, which a streamed rollup refuses.
        new("flashblocks", "200ms", "bundles", "callback", "the grid's callback bundles need a shared sequencer or builder for A and B, and the language refuses `flashblocks` with one"),
    ];

    /// <summary>A batcher choosing blobs or calldata per batch cannot price a fees block's L1 data fee from one market (PS3005 at the `fees` block).</summary>
    private static IEnumerable<Conflict> AutoDaConflicts()
    {
        foreach (var (factor, levels, _) in FeeBlockLevels)
        {
            foreach (var level in levels)
            {
                yield return new("da", "auto", factor, level, "the language refuses `to = L1.auto` on a rollup with a `fees` block (PS3005): its L1 data fee is priced from one market");
                yield return new("da", "auto_hooked", factor, level, "the language refuses `to = L1.auto` on a rollup with a `fees` block (PS3005): its L1 data fee is priced from one market");
            }
        }
    }

    /// <summary>
    /// Cross-rollup arbitrage trades the amm fragment's pools (without them the binder refuses the
    /// path, `PS3002`), and an atomic path needs a shared sequencer or builder for A and B
    /// (`PS3005`); what those refuse (withholding with pools, flashblocks with a coordinator) follows.
    /// </summary>
    private static IEnumerable<Conflict> CrossArbitrageConflicts()
    {
        foreach (var mode in new[] { "atomic", "independent" })
        {
            yield return new("cross_arbitrage", mode, "amm", "off", "cross-rollup arbitrage trades the first pools of A and B, which only the amm fragment declares (PS3002 without them)");
            foreach (var withholding in new[] { "in_time", "reorged" })
            {
                yield return new("withholding", withholding, "cross_arbitrage", mode, "cross-rollup arbitrage needs the amm fragment's pools, and the engine refuses `withhold` on a rollup with pools");
            }
        }

        foreach (var mode in new[] { "atomic", "independent" })
        {
            // PS3005 at the PBS builder's rollup (checked in the language's PBS binding tests; here the amm fragment is off, so the path is refused first).
            foreach (var pbs in new[] { "builders", "hooked" })
            {
                yield return new("cross_arbitrage", mode, "pbs", pbs, "the language refuses PBS builders on a rollup a `cross_arbitrage` path trades");
            }
        }

        yield return new("cross_arbitrage", "atomic", "sequencing", "solo", "`mode = atomic` needs a shared sequencer or builder for A and B (PS3005 without one)");
        yield return new("flashblocks", "200ms", "cross_arbitrage", "atomic", "an atomic path needs a shared sequencer or builder for A and B, and the language refuses `flashblocks` with one");
    }

    /// <summary>
    /// Back-runners follow the amm fragment's swaps (PS3002 without them) and are bound only on
    /// the built-in `priority_fee` ordering with one plain sequencer (PS3005 at `back_runners`
    /// otherwise); what needs another producer, or what the pools exclude, follows.
    /// </summary>
    private static IEnumerable<Conflict> BackRunningConflicts()
    {
        (string Factor, string[] Levels, string Why)[] refused =
        [
            ("amm", ["off"], "back-runners need the amm fragment's users' swaps (PS3002 without them)"),
            ("ordering", ["fcfs", "auction", "hook"], "back-running is bound only under `ordering = priority_fee` (PS3005)"),
            ("pbs", ["builders", "hooked"], "the language refuses back-running on a PBS rollup (PS3005)"),
            ("express_lane", ["arbitrum", "bid_hook"], "the language refuses back-running with an express lane (PS3005), which in turn needs fcfs"),
            ("flashblocks", ["200ms"], "the language refuses back-running on a streamed rollup (PS3005)"),
            ("sequencing", ["shared_executes_enshrined", "shared_executes_external", "shared_orders_only_enshrined", "shared_orders_only_external", "builder", "shared_with_builder", "shared_external_aggregated", "shared_raft", "shared_external_aggregated_hooked"], "the language refuses back-running on a rollup a shared sequencer or builder orders (PS3005)"),

            // Implied: the pools back-runners need are refused with withholding; the callback and an atomic path need a coordinator.
            ("withholding", ["in_time", "reorged"], "back-runners need the amm fragment's pools, and the engine refuses `withhold` on a rollup with pools"),
            ("bundles", ["callback"], "the callback needs a shared sequencer or builder for A and B, which back-running refuses"),
            ("cross_arbitrage", ["atomic"], "an atomic path needs a shared sequencer or builder for A and B, which back-running refuses"),
        ];
        foreach (var (factor, levels, why) in refused)
        {
            foreach (var level in levels)
            {
                yield return new("back_running", "two", factor, level, why);
            }
        }
    }

    /// <summary>
    /// The language refuses pool defences where something else builds from or bypasses the pool
    /// (PBS builders, an express lane: PS3005 at `mempool`), proof of work where traders' swaps or
    /// cross-chain transfers would go unstamped (PS3005 at `pow`), and a private pool beside those
    /// who act on the public one (back-runners, a cross-chain builder: PS3005 at `public`).
    /// </summary>
    private static IEnumerable<Conflict> MempoolConflicts()
    {
        foreach (var level in new[] { "limits", "pow", "private" })
        {
            foreach (var pbs in new[] { "builders", "hooked" })
            {
                yield return new("mempool", level, "pbs", pbs, "the language refuses pool defences on a rollup with PBS builders (PS3005 at `mempool`)");
            }

            foreach (var lane in new[] { "arbitrum", "bid_hook" })
            {
                yield return new("mempool", level, "express_lane", lane, "the language refuses pool defences beside an express lane (PS3005 at `mempool`)");
            }
        }

        yield return new("mempool", "pow", "amm", "arbitrageurs", "the language refuses `pow` on a rollup with a pool: traders' swaps are not stamped (PS3005 at `pow`)");
        foreach (var trust in new[] { "l1_inclusion", "l1_finality", "soft", "validity_proof" })
        {
            yield return new("mempool", "pow", "cross_chain", trust, "the language refuses `pow` with cross-chain transfers, which are not stamped (PS3005 at `pow`)");
        }

        // Implied: back-runners and cross-rollup arbitrage need the amm fragment's pools, which `pow` refuses.
        yield return new("mempool", "pow", "back_running", "two", "back-runners need the amm fragment's pools, which the language refuses with `pow`");
        yield return new("mempool", "pow", "cross_arbitrage", "atomic", "cross-rollup arbitrage needs the amm fragment's pools, which the language refuses with `pow`");
        yield return new("mempool", "pow", "cross_arbitrage", "independent", "cross-rollup arbitrage needs the amm fragment's pools, which the language refuses with `pow`");

        yield return new("mempool", "private", "back_running", "two", "the language refuses a private pool beside back-runners (PS3005 at `public`)");
        foreach (var sequencing in new[] { "builder", "shared_with_builder" })
        {
            yield return new("mempool", "private", "sequencing", sequencing, "the language refuses a private pool beside a cross-chain builder (PS3005 at `public`)");
        }
    }

    /// <summary>
    /// The language refuses `flashblocks` with what takes over block building in a way a streamed
    /// block cannot follow (an auction, outages, withholding, forced inclusion, shared sequencing).
    /// </summary>
    private static IEnumerable<Conflict> FlashblocksConflicts()
    {
        (string Factor, string[] Levels)[] refused =
        [
            ("ordering", ["auction"]),
            ("outage", ["on"]),
            ("withholding", ["in_time", "reorged"]),
            ("forced_inclusion", ["deposits", "delayed_inbox"]),
            ("sequencing", ["shared_executes_enshrined", "shared_executes_external", "shared_orders_only_enshrined", "shared_orders_only_external", "builder", "shared_with_builder", "shared_external_aggregated", "shared_raft", "shared_external_aggregated_hooked"]),
        ];
        foreach (var (factor, levels) in refused)
        {
            foreach (var level in levels)
            {
                yield return new("flashblocks", "200ms", factor, level, $"the language refuses `flashblocks` with `{factor}` {level}: it takes over building the streamed block");
            }
        }
    }

    /// <summary>
    /// The language refuses an `express_lane` on a rollup ordered by anything but fcfs, streamed
    /// by flashblocks, with a withholding sequencer, or ordered by a shared sequencer or builder.
    /// </summary>
    private static IEnumerable<Conflict> ExpressLaneConflicts()
    {
        (string Factor, string[] Levels)[] refused =
        [
            ("ordering", ["priority_fee", "auction", "hook"]),
            ("flashblocks", ["200ms"]),
            ("withholding", ["in_time", "reorged"]),
            ("sequencing", ["shared_executes_enshrined", "shared_executes_external", "shared_orders_only_enshrined", "shared_orders_only_external", "builder", "shared_with_builder", "shared_external_aggregated", "shared_raft", "shared_external_aggregated_hooked"]),

            // Implied: the callback needs a producer holding A and B, which the lane refuses, and without one the binder warns.
            ("bundles", ["callback"]),

            // PS3005 at a PBS builder for a rollup with the lane: the builders, not a first-come-first-served sequencer, order its blocks.
            ("pbs", ["builders", "hooked"]),

            // Implied: an atomic path needs a shared sequencer or builder for A and B, which the lane refuses.
            ("cross_arbitrage", ["atomic"]),
        ];
        foreach (var (factor, levels) in refused)
        {
            foreach (var level in levels)
            {
                yield return new("express_lane", "arbitrum", factor, level, $"the language refuses `express_lane` with `{factor}` {level}");
                yield return new("express_lane", "bid_hook", factor, level, $"the language refuses `express_lane` with `{factor}` {level}");
            }
        }
    }

    /// <summary>
    /// The language refuses PBS builders on a rollup whose blocks another rule builds, orders or
    /// settles (PS3005 "a builder for a rollup that another PBS rule excludes", at the builder's rollup).
    /// </summary>
    private static IEnumerable<Conflict> PbsConflicts()
    {
        (string Factor, string[] Levels, string What)[] refused =
        [
            .. FeeBlockLevels,
            ("ordering", ["auction"], "`ordering = auction`"),
            ("withholding", ["in_time", "reorged"], "a withholding sequencer"),
            ("censorship", ["on"], "a censoring sequencer"),
            ("flashblocks", ["200ms"], "`flashblocks`"),
            ("bundles", ["callback"], "a `bundles` path through it"),
            ("sequencing", ["shared_executes_enshrined", "shared_executes_external", "shared_orders_only_enshrined", "shared_orders_only_external", "builder", "shared_with_builder", "shared_external_aggregated", "shared_raft", "shared_external_aggregated_hooked"], "a shared sequencer or cross-chain builder"),
        ];
        foreach (var pbs in new[] { "builders", "hooked" })
        {
            foreach (var (factor, levels, what) in refused)
            {
                foreach (var level in levels)
                {
                    yield return new("pbs", pbs, factor, level, $"the language refuses PBS builders on a rollup with {what} (PS3005)");
                }
            }
        }
    }

    /// <summary>
    /// An equivocating set past the safety bound reorgs its losing blocks, so the language refuses
    /// it with the state a reorg cannot roll back yet, as it refuses `withhold` (PS3005 at the
    /// rollup's `sequencer`); shared sequencers, builders and bundles are refused with any set.
    /// </summary>
    private static IEnumerable<Conflict> EquivocatingSetConflicts()
    {
        (string Factor, string[] Levels, string What)[] refused =
        [
            .. FeeBlockLevels,
            ("amm", ["arbitrageurs"], "pools"),
            ("ordering", ["auction"], "an auction"),
            ("provers", ["proof_of_necessary_work", "proof_of_necessary_work_skewed", "stake", "market", "market_strategies", "round_robin", "hook", "proving_aggregation"], "provers"),
        ];
        foreach (var (factor, levels, what) in refused)
        {
            foreach (var level in levels)
            {
                yield return new("sequencer_set", "bft_equivocating", factor, level, $"the language refuses a set that can commit conflicting blocks on a rollup with {what}: a reorg of the losing block cannot roll that state back yet (PS3005)");
            }
        }

        // Implied: back-runners and independent cross-rollup arbitrage need the amm fragment's pools.
        yield return new("sequencer_set", "bft_equivocating", "back_running", "two", "back-runners need the amm fragment's pools, which the language refuses with an equivocating set");
        yield return new("sequencer_set", "bft_equivocating", "cross_arbitrage", "independent", "cross-rollup arbitrage needs the amm fragment's pools, which the language refuses with an equivocating set");

        // Proof-gated finality needs provers, which the language refuses with an equivocating set.
        yield return new("sequencer_set", "bft_equivocating", "withdrawals", "proof", "`withdrawal_delay = proof` needs provers, which the language refuses with an equivocating set");
        yield return new("sequencer_set", "bft_equivocating", "cross_chain", "validity_proof", "`cross_chain_trust = validity_proof` needs provers, which the language refuses with an equivocating set");
    }

    /// <summary>
    /// Proof-gated finality waits for proofs: the language refuses `withdrawal_delay = proof` on a
    /// rollup without provers and `cross_chain_trust = validity_proof` with an unproven sender
    /// (PS3005); what refuses provers (withholding) follows.
    /// </summary>
    private static IEnumerable<Conflict> ProofFinalityConflicts()
    {
        foreach (var (factor, level, what) in new[] { ("withdrawals", "proof", "`withdrawal_delay = proof`"), ("cross_chain", "validity_proof", "`cross_chain_trust = validity_proof`") })
        {
            foreach (var withholding in new[] { "in_time", "reorged" })
            {
                yield return new(factor, level, "withholding", withholding, $"{what} needs provers, which the engine refuses with `withhold`");
            }
        }
    }

    /// <summary>
    /// A proving deadline brings a `provers` block per rollup, so it cannot be combined with the
    /// `provers` fragment (one `provers` block per rollup, PS3004), nor with withholding (any
    /// `provers`, refused at the sequencer).
    /// </summary>
    private static IEnumerable<Conflict> ProvingDeadlineConflicts()
    {
        foreach (var deadline in new[] { "on_time", "missed", "fallback" })
        {
            foreach (var provers in new[] { "proof_of_necessary_work", "proof_of_necessary_work_skewed", "stake", "market", "market_strategies", "round_robin", "hook", "proving_aggregation" })
            {
                yield return new("proving_deadline", deadline, "provers", provers, "a rollup is proven by one `provers` block (PS3004), and the deadline fragment brings its own");
            }

            foreach (var withholding in new[] { "in_time", "reorged" })
            {
                yield return new("proving_deadline", deadline, "withholding", withholding, "the engine refuses `withhold` on a rollup with provers: a reorg cannot roll that state back yet");
            }

            yield return new("proving_deadline", deadline, "sequencer_set", "bft_equivocating", "the language refuses a set that can commit conflicting blocks on a rollup with provers (PS3005)");
        }
    }

    /// <summary>
    /// The engine refuses `withhold` on a rollup whose other state its reorg cannot roll back yet
    /// (fees, pools, auctions, provers, shared sequencers and builders, cross-chain bundles; a reorg
    /// rolls cross-chain messages back, so those combine with it).
    /// </summary>
    private static IEnumerable<Conflict> WithholdingConflicts()
    {
        (string Factor, string[] Levels, string What)[] refused =
        [
            .. FeeBlockLevels,
            ("bundles", ["callback"], "cross-chain bundles"),
            ("amm", ["arbitrageurs"], "pools"),
            ("ordering", ["auction"], "an auction"),
            ("sequencing", ["shared_executes_enshrined", "shared_executes_external", "shared_orders_only_enshrined", "shared_orders_only_external", "builder", "shared_with_builder", "shared_external_aggregated", "shared_raft", "shared_external_aggregated_hooked"], "a shared sequencer or builder"),
            ("provers", ["proof_of_necessary_work", "proof_of_necessary_work_skewed", "stake", "market", "market_strategies", "round_robin", "hook", "proving_aggregation"], "provers"),
        ];
        foreach (var (factor, levels, what) in refused)
        {
            foreach (var level in levels)
            {
                foreach (var withholding in new[] { "in_time", "reorged" })
                {
                    yield return new("withholding", withholding, factor, level, $"the engine refuses `withhold` on a rollup with {what}: a reorg cannot roll that state back yet");
                }
            }
        }
    }

    /// <summary>
    /// The language refuses a rollup's `consensus` set with another producer of its blocks: a shared
    /// sequencer or cross-chain builder, PBS builders, an express lane, flashblocks, withholding
    /// (PS3005 at the rollup's `sequencer`); what needs a shared producer follows.
    /// </summary>
    internal static IEnumerable<Conflict> SequencerSetConflicts()
    {
        (string Factor, string[] Levels, bool Implied)[] refused =
        [
            ("sequencing", ["shared_executes_enshrined", "shared_executes_external", "shared_orders_only_enshrined", "shared_orders_only_external", "builder", "shared_with_builder", "shared_external_aggregated", "shared_raft", "shared_external_aggregated_hooked"], false),
            ("pbs", ["builders", "hooked"], false),
            ("express_lane", ["arbitrum", "bid_hook"], false),
            ("flashblocks", ["200ms"], false),
            ("withholding", ["in_time", "reorged"], false),

            // Implied: the callback and an atomic path need a shared sequencer or builder for A and B.
            ("bundles", ["callback"], true),
            ("cross_arbitrage", ["atomic"], true),
        ];
        foreach (var set in new[] { "bft", "bft_hooked", "bft_halting", "bft_equivocating", "raft" })
        {
            foreach (var (factor, levels, implied) in refused)
            {
                foreach (var level in levels)
                {
                    yield return new("sequencer_set", set, factor, level, implied
                        ? $"`{factor}` {level} needs a shared sequencer or builder for A and B, which the language refuses with a `consensus` set"
                        : $"the language refuses a `consensus` set with `{factor}` {level} (PS3005)");
                }
            }
        }
    }

    private const string Builder = "builder b for A, B {\n  simulate = cross_chain\n}";

    private const string PaidAggregatingSequencer =
        "shared_sequencer s for A, B {\n" +
        "  consensus = bft { nodes = 4  faulty = 1  round = 300 ms }\n" +
        "  kind = external\n" +
        "  hop = 200 ms\n" +
        "  fee = 0.001 gwei\n" +
        "  aggregate_data = true\n" +
        "}";

    // The same sequencer with its three rules as hooks: 10 % of each block's tips, and half of each posting equally, half by bytes.
    private const string HookedAggregatingSequencer =
        "shared_sequencer s for A, B {\n" +
        "  consensus = bft { nodes = 4  faulty = 1  round = 300 ms }\n" +
        "  kind = external\n" +
        "  hop = 200 ms\n" +
        "  fee = csharp => SequencerFeeView.Percent(block.PriorityFees, 10) + 1\n" +
        "  aggregate_data = true\n" +
        "  cost_split = csharp => CostSplitView.Equal(posting.Total / 2, posting.Parts).Zip(CostSplitView.Proportional(posting.Total - posting.Total / 2, Enumerable.Range(0, posting.Parts).Select(posting.Bytes).ToArray()), (a, b) => a + b).ToArray()\n" +
        "}";

    private static string SharedSequencer(bool executes, string kind) =>
        "shared_sequencer s for A, B {\n" +
        "  consensus = bft { nodes = 4  faulty = 1  round = 300 ms }\n" +
        $"  executes = {(executes ? "true" : "false")}\n" +
        $"  kind = {kind}\n" +
        "}";

    private static Func<JsonElement, string?> Proven(string selection) =>
        All(EveryRollup("proving.selection", Is(selection), selection), EveryRollup("proving.proofs", Positive, "blocks proven"));

    /// <summary>
    /// A provers block for A and B, and expectations on its metrics that hold in any combination:
    /// three provers can share the jobs no more evenly than a third each (HHI and top share at
    /// least 3_333 bp), and no prover is busier than the whole run.
    /// </summary>
    private static void AddProvers(ScenarioText s, string selection)
    {
        s.Blocks.Add(Provers(selection));
        s.Expectations.Add("report.A.proving.hhi >= 3_333");
        s.Expectations.Add("report.B.proving.top_share >= 3_333");
        s.Expectations.Add("report.A.proving.utilization <= 10_000");
    }

    // Epochs of 4 blocks (8 s) and a 4 s window: 500 ms proofs keep up, 3 s proofs miss every window.
    private static string DeadlineProvers(string proofTime, bool fallback, string offline = "") =>
        string.Concat(new[] { "A", "B" }.Select(rollup =>
            $"provers for {rollup} {{\n" +
            "  count = 2\n" +
            "  selection = round_robin\n" +
            $"  proof_time = {proofTime} per block\n" +
            "  cost = 0.00001 eth per block\n" +
            $"  deadline {{\n    epoch = 4\n    window = 4 s\n    bond = 1 eth\n    slash = 50 %\n    fallback = {(fallback ? "true" : "false")}\n  }}\n" +
            offline +
            "}\n"));

    /// <summary>A market of named provers: a cheap one with one slot, a loaded one, and one whose bid is a C# hook.</summary>
    private static string MarketProvers =>
        "provers for A, B {\n" +
        "  selection = market {\n" +
        "    queue = 1\n" +
        "    prover cheap { cost = 0.00001 eth per block  bid = cost_plus { margin = 10 % } }\n" +
        "    prover loaded { capacity = 2  speed = 1.5  cost = 0.00002 eth per block  bid = load { base_margin = 5 %  per_job = 20 % } }\n" +
        "    prover hooked { cost = 0.000015 eth per block  bid = csharp => auction.LastPrice > auction.Cost ? auction.LastPrice - 1 : auction.Cost }\n" +
        "  }\n" +
        "  proof_time = normal(3 s, 1 s) per block\n" +
        "}";

    // Pipelined proving, a tree of arity 4 and one L1 verification every 30 s for both rollups.
    private static string AggregatingProvers =>
        "provers for A, B {\n" +
        "  count = 8\n" +
        "  selection = market\n" +
        "  pipeline = per_transaction\n" +
        "  proof_time = normal(300 ms, 50 ms) per transaction\n" +
        "  aggregation { arity = 4  time = constant(500 ms) per level  wrap = constant(2 s) }\n" +
        "  verification { gas = 300_000  every = 30 s  across = rollups }\n" +
        "}";

    private static string Provers(string selection) =>
        "provers for A, B {\n" +
        "  count = 3\n" +
        $"  selection = {selection}\n" +
        "  proof_time = normal(3 s, 1 s) per block\n" +
        "  cost = 0.00001 eth per block\n" +
        "}";
}
