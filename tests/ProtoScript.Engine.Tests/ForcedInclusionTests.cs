using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class ForcedInclusionTests
{
    private const long Slot = 12_000_000;
    private static readonly TimeWindow Outage = new(SimDuration.FromSeconds(60), SimDuration.FromSeconds(300));

    /// <summary>
    /// One rollup, 2 s blocks under 12 s slots, a 10-block sequencing window, batches every 12 s,
    /// and its sequencer down from 60 s to 360 s; users send 1 transfer a second.
    /// </summary>
    private static ScenarioModel Outaged(ForcedInclusionModel forced, long durationSeconds = 480)
    {
        var rollup = TestScenarios.Rollup("A", OrderingRule.Fcfs) with
        {
            Batch = BatchModel.Default with { Every = SimDuration.FromSeconds(12) },
            Derivation = DerivationModel.Standard with { SequencingWindow = 10 },
            Sequencer = new SequencerModel([Outage], []),
            ForcedInclusion = forced,
        };
        var conserved = new ExpectationModel(ExpectationKind.ConservedTotalSupply, "conserved total_supply", new SourceLocation("t.proto-script", 1, 1));
        return TestScenarios.Single(rollup, TestScenarios.Users(1, "A"), durationSeconds) with { Expectations = [conserved] };
    }

    private static void AssertLatencies(IEnumerable<long> expected, LatencySummary actual)
    {
        var sorted = expected.Order().ToArray();
        Assert.Equal(sorted.Length, actual.Samples);
        Assert.Equal(NearestRank(sorted, 50), actual.P50.Microseconds);
        Assert.Equal(NearestRank(sorted, 95), actual.P95.Microseconds);
        Assert.Equal(NearestRank(sorted, 99), actual.P99.Microseconds);
    }

    [Fact]
    public void OP_style_forces_a_deposit_only_block_when_each_epochs_window_closes_during_the_outage()
    {
        var result = Simulator.Run(Outaged(new ForcedInclusionModel(ForcedInclusionKind.Deposits, 0, SimDuration.Zero)), new SimulationOptions { RetainL1Data = true });

        // By hand: the last block before the outage (58 s) has L1 origin 4 (sealed at 48 s). Epoch E's
        // window closes at L1 block E + 10, time (E + 10) × 12 s: epochs 5 … 20 close at 180 s … 360 s,
        // all before the sequencer's first block back (360 s, origin 30), so 16 deposit-only blocks.
        // A transfer sent through L1 at t lands in block B = ⌊t / 12 s⌋ + 1: forced in at (B + 10) × 12 s
        // when B ≤ 20, otherwise minted by the sequencer's block at 360 s.
        var a = result.Rollups[0];
        var sequencing = a.Sequencing!;
        Assert.Equal(16, sequencing.ForcedBlocks);
        Assert.Equal(150, sequencing.MissedBlocks);
        var sent = result.L1Data!.Deposits.Where(d => !d.Mints).ToList();
        Assert.Equal(sent.Count, sequencing.SentViaL1);
        Assert.All(sent, d => Assert.True(Outage.Contains(d.SubmitTime)));
        Assert.Equal(sent.Count(d => d.L1Block <= 20), sequencing.Forced);
        Assert.Equal(sent.Count(d => d.L1Block > 20), sequencing.IncludedBySequencer);
        AssertLatencies(sent.Select(d => (d.L1Block <= 20 ? ((long)d.L1Block + 10) * Slot : 360_000_000) - d.SubmitTime.Microseconds), sequencing.Latency);
        Assert.Equal((480 / 2) - 150 + 16, a.Blocks);
        Assert.True(a.Supply.Conserved);
    }

    [Fact]
    public void Delayed_inbox_forces_a_message_only_once_both_the_block_and_the_time_delay_have_passed()
    {
        // 10 blocks (120 s) but 180 s: the time delay binds, so B + 15 is when a message landing in B can be forced.
        var result = Simulator.Run(Outaged(new ForcedInclusionModel(ForcedInclusionKind.DelayedInbox, 10, SimDuration.FromSeconds(180))), new SimulationOptions { RetainL1Data = true });

        var sequencing = result.Rollups[0].Sequencing!;
        var sent = result.L1Data!.DelayedMessages;
        Assert.Equal(sent.Count, sequencing.SentViaL1);

        // Due at (B + 15) × 12 s; the sequencer's first block back, at 360 s (L1 block 30), reads the rest.
        Assert.Equal(sent.Where(d => d.L1Block <= 15).Select(d => d.L1Block).Distinct().Count(), sequencing.ForcedBlocks);
        Assert.Equal(sent.Count(d => d.L1Block <= 15), sequencing.Forced);
        AssertLatencies(sent.Select(d => (d.L1Block <= 15 ? ((long)d.L1Block + 15) * Slot : 360_000_000) - d.SubmitTime.Microseconds), sequencing.Latency);
    }

    [Fact]
    public void Delayed_inbox_with_the_block_delay_binding_forces_at_B_plus_the_blocks()
    {
        // 20 blocks (240 s) but only 60 s: the block delay binds, so B + 20.
        var result = Simulator.Run(Outaged(new ForcedInclusionModel(ForcedInclusionKind.DelayedInbox, 20, SimDuration.FromSeconds(60))), new SimulationOptions { RetainL1Data = true });

        var sequencing = result.Rollups[0].Sequencing!;
        var sent = result.L1Data!.DelayedMessages;
        Assert.Equal(sent.Count(d => d.L1Block <= 10), sequencing.Forced);
        AssertLatencies(sent.Select(d => (d.L1Block <= 10 ? ((long)d.L1Block + 20) * Slot : 360_000_000) - d.SubmitTime.Microseconds), sequencing.Latency);
    }

    [Fact]
    public void Without_a_route_users_wait_in_the_pool_and_nothing_is_forced()
    {
        var result = Simulator.Run(Outaged(ForcedInclusionModel.None));

        var a = result.Rollups[0];
        Assert.Equal(0, a.Sequencing!.ForcedBlocks);
        Assert.Equal(0, a.Sequencing.SentViaL1);
        Assert.Equal((480 / 2) - 150, a.Blocks);

        // A transfer sent just after the outage began waits for the first block back, nearly 300 s.
        Assert.True(a.InclusionLatency.P99 > SimDuration.FromSeconds(290));
    }

    [Theory]
    [InlineData(ForcedInclusionKind.None)]
    [InlineData(ForcedInclusionKind.Deposits)]
    [InlineData(ForcedInclusionKind.DelayedInbox)]
    public void A_run_with_an_outage_derives_block_by_block_to_the_sequencers_roots(ForcedInclusionKind kind)
    {
        var forced = new ForcedInclusionModel(kind, 10, SimDuration.FromSeconds(180));
        var scenario = Outaged(forced);
        scenario = scenario with
        {
            Workload = scenario.Workload with { Deposits = [new DepositStreamModel(0.2, ["A"], new DistributionModel(DistributionKind.Constant, 1e16, 0))] },
        };

        var report = Verifier.Run(scenario);

        var a = Assert.Single(report.Rollups);
        Assert.True(a.Matches, a.Describe());
        Assert.Empty(a.Errors);
        Assert.True(a.BlocksDerived >= report.Result.Rollups[0].Blocks - 12);
        Assert.True(report.Result.Rollups[0].Supply.Conserved);
    }

    [Fact]
    public void A_sequencer_down_all_run_derives_every_deposit_only_block_L1_forced_from_L1_alone()
    {
        var scenario = Outaged(new ForcedInclusionModel(ForcedInclusionKind.Deposits, 0, SimDuration.Zero));
        scenario = scenario with
        {
            Rollups = [scenario.Rollups[0] with { Sequencer = new SequencerModel([new TimeWindow(SimDuration.Zero, SimDuration.FromSeconds(600))], []) }],
        };

        var report = Verifier.Run(scenario);

        // By hand: no batch is ever posted. Epoch E's window closes at (E + 10) × 12 s, so epochs 1 … 30
        // close by the run's last L1 block (480 s): 30 deposit-only blocks, each rebuilt from L1 data.
        var a = Assert.Single(report.Rollups);
        var sequencing = report.Result.Rollups[0].Sequencing!;
        Assert.Equal(30, sequencing.ForcedBlocks);
        Assert.Equal(30, report.Result.Rollups[0].Blocks);
        Assert.Equal(30, a.BlocksDerived);
        Assert.Equal(30, a.BlocksMatched);
        Assert.False(a.NothingPosted);
        Assert.True(a.Matches, a.Describe());
        Assert.Empty(a.Errors);
        Assert.Equal(sequencing.Forced, a.Speed!.Transactions);
        Assert.Equal("A: derived 30 blocks from L1 data; roots match for all 30", a.Describe());
    }

    [Fact]
    public void A_sequencer_down_all_run_derives_every_delayed_inbox_block_L1_forced_from_L1_alone()
    {
        var scenario = Outaged(new ForcedInclusionModel(ForcedInclusionKind.DelayedInbox, 10, SimDuration.FromSeconds(180)));
        scenario = scenario with
        {
            Rollups = [scenario.Rollups[0] with { Sequencer = new SequencerModel([new TimeWindow(SimDuration.Zero, SimDuration.FromSeconds(600))], []) }],
        };

        var report = Verifier.Run(scenario);

        // By hand: a message landing in L1 block B is forceable at (B + 15) × 12 s, so those of blocks
        // 1 … 25 are forced by the last L1 block (480 s), one forced block per L1 block that has any.
        var a = Assert.Single(report.Rollups);
        var sent = report.Result.L1Data!.DelayedMessages;
        var forcedBlocks = sent.Where(d => d.L1Block <= 25).Select(d => d.L1Block).Distinct().Count();
        Assert.True(forcedBlocks > 10);
        Assert.Equal(forcedBlocks, report.Result.Rollups[0].Blocks);
        Assert.Equal(forcedBlocks, a.BlocksDerived);
        Assert.True(a.Matches, a.Describe());
        Assert.Empty(a.Errors);
        Assert.Equal(sent.Count(d => d.L1Block <= 25), a.Speed!.Transactions);
    }

    [Fact]
    public void Forced_blocks_are_proven_and_their_proving_cost_is_paid_back_by_the_sequencers_next_block()
    {
        var cost = 5 * Wei.PerGwei;
        var outaged = Outaged(new ForcedInclusionModel(ForcedInclusionKind.Deposits, 0, SimDuration.Zero));
        var fees = new FeesModel(false, Role.Burned, FeesModel.SequencerTakesAll);
        var scenario = outaged with
        {
            Rollups = [outaged.Rollups[0] with { Fees = fees, Batch = outaged.Rollups[0].Batch with { Compression = CompressionKind.None } }],
            Provers = [new ProversModel(["A"], 1, new ProverSelectionModel(ProverSelectionKind.RoundRobin), new DistributionModel(DistributionKind.Constant, 1e6, 0), ProvingScope.Block) { Cost = cost }],
        };

        var report = Verifier.Run(scenario);

        // By hand (see the OP-style test): blocks 1–29 before the outage (2 … 58 s), 16 deposit-only
        // blocks 30–45, and 61 blocks from 360 s to 480 s, 106 in all; every one is a proof job.
        var a = report.Result.Rollups[0];
        Assert.Equal(16, a.Sequencing!.ForcedBlocks);
        Assert.Equal(106, a.Blocks);
        var proving = a.Proving!;
        Assert.Equal(106, proving.Jobs);
        Assert.Equal(106, proving.Proofs + proving.Pending);
        Assert.Equal(106 * cost, proving.Cost);

        // A block owes the proving cost of the blocks before it; forced blocks owe nothing, so the
        // sequencer's first block back (46) owes blocks 29–45: 17 × 5 gwei. The last block's cost is owed by none.
        Assert.Equal(105 * cost, a.FeeDistribution!.ProofCost);
        var block46 = report.Result.L1Data!.Transactions.Where(t => t.Rollup == 0)
            .SelectMany(t => ChannelFrames.DecodeTransactionData(t.Data.Span))
            .SelectMany(f => BatchCodec.Decode(f.Data).Blocks)
            .Single(b => b.Number == 46);
        Assert.Equal(17 * cost, block46.Attributes!.Value.ProofCost);

        // The replica derives the forced blocks with zero attributes and reaches the same roots.
        var derived = Assert.Single(report.Rollups);
        Assert.True(derived.Matches, derived.Describe());
        Assert.True(derived.BlocksMatched >= 46);
    }

    [Fact]
    public void A_missing_batch_after_the_outage_is_still_detected()
    {
        var scenario = Outaged(new ForcedInclusionModel(ForcedInclusionKind.Deposits, 0, SimDuration.Zero));
        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });

        // The first posting after the sequencer is back (it lands after 360 s) is withheld.
        var withheld = result.L1Data!.Transactions.First(t => t.Time > SimDuration.FromSeconds(360));
        var report = Verifier.Verify(scenario, result with { L1Data = result.L1Data.Rewrite(t => t == withheld ? null : t) });

        var a = report.Rollups[0];
        Assert.False(a.Matches);
        Assert.False(a.NotYetOnL1);
    }

    private static long NearestRank(long[] sorted, int percent) => sorted[Math.Max((int)(((long)percent * sorted.Length + 99) / 100), 1) - 1];

    [Fact]
    public void A_censored_users_OP_deposit_is_included_by_the_sequencer_at_the_next_L1_slot()
    {
        var scenario = Outaged(new ForcedInclusionModel(ForcedInclusionKind.Deposits, 0, SimDuration.Zero));
        var censor = new CensorWindow(0.5, new TimeWindow(SimDuration.FromSeconds(60), SimDuration.FromSeconds(120)));
        scenario = scenario with { Rollups = [scenario.Rollups[0] with { Sequencer = new SequencerModel([], [censor]) }] };

        var result = Simulator.Run(scenario, new SimulationOptions { RetainL1Data = true });

        // By hand: the first 50 of the 100 accounts send through L1 while censored; a deposit sent at t
        // lands in L1 block B = ⌊t / 12 s⌋ + 1 and the sequencer must include it in its block at B × 12 s.
        var sequencing = result.Rollups[0].Sequencing!;
        var sent = result.L1Data!.Deposits;
        Assert.NotEmpty(sent);
        Assert.All(sent, d => Assert.True(d.From < 50 && censor.Window.Contains(d.SubmitTime)));
        Assert.Equal(0, sequencing.ForcedBlocks);
        Assert.Equal(sent.Count, sequencing.IncludedBySequencer);
        AssertLatencies(sent.Select(d => ((long)d.L1Block * Slot) - d.SubmitTime.Microseconds), sequencing.Latency);
    }
}
