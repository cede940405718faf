using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class WithholdingTests
{
    private const long Slot = 12_000_000;

    /// <summary>
    /// One rollup, 2 s blocks under 12 s slots, a 10-block (120 s) sequencing window, batches every
    /// 12 s, 2 transfers a second and a deposit every 5 s; its sequencer withholds from 60 s for
    /// <paramref name="withholdSeconds"/>.
    /// </summary>
    private static ScenarioModel Withholding(ForcedInclusionModel forced, long withholdSeconds, long durationSeconds = 600)
    {
        var rollup = TestScenarios.Rollup("A", OrderingRule.Fcfs) with
        {
            Batch = BatchModel.Default with { Every = SimDuration.FromSeconds(12) },
            Derivation = DerivationModel.Standard with { SequencingWindow = 10 },
            Sequencer = SequencerModel.Reliable with { Withhold = [new TimeWindow(SimDuration.FromSeconds(60), SimDuration.FromSeconds(withholdSeconds))] },
            ForcedInclusion = forced,
        };
        var scenario = TestScenarios.Single(rollup, TestScenarios.Users(2, "A"), durationSeconds);
        return scenario with
        {
            Workload = scenario.Workload with { Deposits = [new DepositStreamModel(0.2, ["A"], new DistributionModel(DistributionKind.Constant, 1e16, 0))] },
        };
    }

    private static ForcedInclusionModel Deposits => new(ForcedInclusionKind.Deposits, 0, SimDuration.Zero);

    private static void AssertHonestAccounting(RollupResult a)
    {
        // Every transaction sent is in the final chain, rejected, or still waiting: a reorged one is neither lost nor counted twice.
        Assert.Equal(a.Transactions.Submitted, a.Transactions.Included + a.Transactions.RejectedTotal + a.Transactions.Pending);

        // Soft latency has one sample per transaction of the final chain; a reorged soft confirmation is not one of them.
        Assert.Equal(a.Transactions.Included, a.InclusionLatency.Samples);
    }

    [Fact]
    public void OP_style_withholding_past_the_sequencing_window_reorgs_the_held_blocks_and_derivation_agrees()
    {
        var report = Verifier.Run(Withholding(Deposits, withholdSeconds: 300));

        var a = report.Result.Rollups[0];
        var withholding = a.Sequencing!.Withholding!;
        Assert.True(withholding.Reorgs >= 2, $"{withholding.Reorgs} reorgs");
        Assert.True(withholding.Blocks > 0);
        Assert.True(withholding.Transactions > 0);
        Assert.True(withholding.Value > 0);

        // A held block is reorged once no batch sent then could land inside its window: after at most window − 1 slots.
        Assert.True(withholding.MaxConfirmedFor.Microseconds <= 10 * Slot, withholding.MaxConfirmedFor.ToString());
        Assert.Equal(withholding.SoftConfirmations, withholding.ConfirmedFor.Samples);

        // Re-included after a reorg while still withholding, a transaction can be reorged again, and then counts once.
        Assert.True(withholding.SoftConfirmations >= withholding.Transactions);
        Assert.True(withholding.Transactions <= a.Transactions.Submitted);
        AssertHonestAccounting(a);

        var verified = Assert.Single(report.Rollups);
        Assert.True(verified.Matches, verified.Describe());
        Assert.Empty(verified.Errors);
        Assert.True(verified.BlocksDerived >= a.Blocks - 12, verified.Describe());
        Assert.True(a.Supply.Conserved);
    }

    [Fact]
    public void Arbitrum_style_withholding_is_reorged_when_a_message_it_read_can_be_forced_and_derivation_agrees()
    {
        // Messages can be forced 5 blocks (60 s) after landing: well inside the 10-block window, so the inbox decides.
        var report = Verifier.Run(Withholding(new ForcedInclusionModel(ForcedInclusionKind.DelayedInbox, 5, SimDuration.FromSeconds(60)), withholdSeconds: 300));

        var a = report.Result.Rollups[0];
        var withholding = a.Sequencing!.Withholding!;
        Assert.True(withholding.Reorgs >= 2, $"{withholding.Reorgs} reorgs");
        Assert.True(a.Sequencing.ForcedBlocks > 0);

        // Reorged when the first held message is forceable: at most 5 slots after it landed, so after its block at most that.
        Assert.True(withholding.MaxConfirmedFor.Microseconds <= 6 * Slot, withholding.MaxConfirmedFor.ToString());
        AssertHonestAccounting(a);

        var verified = Assert.Single(report.Rollups);
        Assert.True(verified.Matches, verified.Describe());
        Assert.Empty(verified.Errors);
        Assert.True(a.Supply.Conserved);
    }

    [Theory]
    [InlineData(ForcedInclusionKind.None)]
    [InlineData(ForcedInclusionKind.Deposits)]
    [InlineData(ForcedInclusionKind.DelayedInbox)]
    public void Withholding_that_ends_inside_the_window_posts_late_and_reorgs_nothing(ForcedInclusionKind kind)
    {
        // 60 s of withholding against a 120 s window and a 180 s inbox delay.
        var scenario = Withholding(new ForcedInclusionModel(kind, 15, SimDuration.FromSeconds(180)), withholdSeconds: 60);
        var report = Verifier.Run(scenario);

        var a = report.Result.Rollups[0];
        var withholding = a.Sequencing!.Withholding!;
        Assert.Equal(0, withholding.Reorgs);
        Assert.Equal(0, withholding.Transactions);
        Assert.Equal(0, a.Sequencing.ForcedBlocks);

        // Nothing was posted while it withheld; the blocks it held went out at its end.
        var postings = report.Result.L1Data!.Transactions.Select(t => t.L1Block).ToList();
        Assert.DoesNotContain(postings, block => block > 6 && block <= 10);
        Assert.Contains(postings, block => block == 11);

        var verified = Assert.Single(report.Rollups);
        Assert.True(verified.Matches, verified.Describe());
        Assert.Empty(verified.Errors);

        // The same run without the window seals the same chain: withholding that ends in time changes only when batches land.
        var honest = Simulator.Run(scenario with { Rollups = [scenario.Rollups[0] with { Sequencer = SequencerModel.Reliable }] });
        Assert.Equal(honest.Rollups[0].StateRoot, a.StateRoot);
    }

    [Fact]
    public void A_sequencer_that_never_posts_fails_derivable_with_nothing_posted_instead_of_passing_with_0_blocks()
    {
        var scenario = Withholding(ForcedInclusionModel.None, withholdSeconds: 60, durationSeconds: 120);
        scenario = scenario with
        {
            // A window longer than the run: nothing is reorged, the 60 blocks are simply never posted.
            Rollups =
            [
                scenario.Rollups[0] with
                {
                    Derivation = DerivationModel.Standard with { SequencingWindow = 100 },
                    Sequencer = SequencerModel.Reliable with { Withhold = [new TimeWindow(SimDuration.Zero, SimDuration.FromSeconds(120))] },
                },
            ],
        };

        var verified = Assert.Single(Verifier.Run(scenario).Rollups);

        Assert.Equal(0, verified.BlocksDerived);
        Assert.True(verified.NothingPosted);
        Assert.False(verified.Matches);
        Assert.Equal("A: derived 0 blocks: nothing was posted (the sequencer sealed 60 blocks and no batch of them reached L1)", verified.Describe());
    }

    [Fact]
    public void A_reorged_transaction_is_soft_confirmed_again_and_its_latency_counts_from_when_it_was_sent()
    {
        var result = Simulator.Run(Withholding(Deposits, withholdSeconds: 300));

        var a = result.Rollups[0];
        Assert.True(a.Sequencing!.Withholding!.Transactions > 0);

        // Re-included after the reorg, never before it was sent: the worst soft latency is at least what a reorged one waited.
        Assert.True(a.InclusionLatency.P99 >= a.Sequencing.Withholding.ConfirmedFor.P50, $"{a.InclusionLatency.P99} vs {a.Sequencing.Withholding.ConfirmedFor.P50}");
        Assert.True(a.Transactions.Pending < 20, $"{a.Transactions.Pending} pending at the end");
    }
}
