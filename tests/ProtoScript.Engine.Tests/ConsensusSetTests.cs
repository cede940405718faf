using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>A rollup's own sequencer run by a BFT or Raft set: rounds, timeouts, halts, failovers and safety, on hand-checked cases.</summary>
public class ConsensusSetTests
{
    // One rollup, 2 s blocks, 4 users a second; CONSENSUS replaced by each test's set.
    private const string Scenario = """
        scenario "set" {
          seed 3
          duration DURATION
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            derivation = standard { sequencing_window = 10 }
            forced_inclusion = deposits
            sequencer {
              CONSENSUS
            }
          }
          workload {
            users = poisson(4 / s) on A
            value = constant(0.001 eth)
          }
          expect {
            conserved total_supply
            derivable
          }
        }
        """;

    private static SimulationResult Run(string consensus, string duration = "61 s") =>
        Simulator.Run(TestScenarios.Bind(Scenario.Replace("CONSENSUS", consensus, StringComparison.Ordinal).Replace("DURATION", duration, StringComparison.Ordinal)));

    private static ConsensusResult Consensus(SimulationResult result) => Assert.Single(result.Sequencers).Consensus!;

    [Fact]
    public void In_a_set_of_four_with_one_crashed_each_crashed_proposer_costs_exactly_one_round_of_timeouts_and_safety_holds()
    {
        // Round robin from node 1, which is crashed: a height it should propose waits out the
        // propose timeout (3 s) and two vote delays of nil votes (0.5 s each), then node 2 commits
        // 1.5 s later. A height starts at the later of its slot (2 s after the last start) and the
        // last commit, so node 1's heights start at 2, 13.5, 25, 36.5 and 48 s (a cycle of 5.5 + 2 + 2
        // + 2 s): by 58 s, 5 heights took two rounds and 14 took one.
        var result = Run("consensus = bft { nodes = 4  vote_delay = 500 ms  timeout_commit = 0 s  crashed = [1] }", "58 s");

        var consensus = Consensus(result);
        Assert.Equal(19, consensus.Heights);
        Assert.Equal([new RoundsCount(1, 14), new RoundsCount(2, 5)], consensus.RoundsPerHeight.ToArray());
        Assert.Equal(5, consensus.ExtraRounds);
        Assert.Equal(SimDuration.FromSeconds(15), consensus.TimeInTimeouts);
        Assert.Equal(5, consensus.PerNode[0].Missed);
        Assert.Equal(0, consensus.PerNode[0].Proposed);
        Assert.Equal(0, consensus.SafetyViolations);
        Assert.Equal(SimDuration.Zero, consensus.HaltedTime);
        Assert.Equal(19, result.Rollups[0].Blocks);
        Assert.True(result.Rollups[0].Supply.Conserved);
    }

    [Fact]
    public void In_a_set_of_four_two_crashed_halt_it_and_forced_inclusion_takes_over()
    {
        // Quorum 3 of 4 with 2 alive: no height is decided; users send through L1 deposits, and
        // every 10 L1 blocks (2 min) an epoch's window closes and its deposits are forced in.
        var result = Run("consensus = bft { nodes = 4  crashed = 2 }", "20 min");

        var consensus = Consensus(result);
        Assert.Equal(0, consensus.Heights);
        Assert.Equal(SimDuration.FromSeconds(20 * 60), consensus.HaltedTime);
        Assert.Equal(600, consensus.HaltedSlots); // block times at 2 s … 1200 s
        var sequencing = result.Rollups[0].Sequencing!;
        Assert.Equal(600, sequencing.MissedBlocks);
        Assert.True(sequencing.ForcedBlocks > 0);
        Assert.True(sequencing.SentViaL1 > 4_000, sequencing.SentViaL1.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(sequencing.Forced > 3_000, sequencing.Forced.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, sequencing.IncludedBySequencer);
        Assert.Equal(sequencing.ForcedBlocks, result.Rollups[0].Blocks);
        Assert.True(result.Rollups[0].Supply.Conserved);
    }

    [Fact]
    public void In_a_set_of_four_two_equivocators_commit_two_conflicting_blocks_at_a_height_they_propose()
    {
        // Node 1 proposes height 1 and sends block A to node 2's side and B to the other: the two
        // equivocators vote for both, so nodes 1, 2, 3 commit A and nodes 1, 2, 4 commit B.
        var result = Run("consensus = bft { nodes = 4  vote_delay = 500 ms  timeout_commit = 0 s  equivocate = 2 }");

        var consensus = Consensus(result);
        var first = consensus.Violations[0];
        Assert.Equal(1, first.Height);
        Assert.Equal(1, first.Proposer);
        Assert.Equal(SimDuration.FromMilliseconds(3_500), first.Time);
        Assert.Equal([1, 2, 3], first.Kept.ToArray());
        Assert.Equal([1, 2, 4], first.Conflicting.ToArray());

        // Round robin: nodes 1 and 2 propose half of the heights, and each of those is a violation.
        Assert.Equal(consensus.PerNode[0].Proposed + consensus.PerNode[1].Proposed, consensus.SafetyViolations);
        Assert.Equal(0, consensus.ExtraRounds);
    }

    [Fact]
    public void One_equivocator_of_four_cannot_commit_two_blocks()
    {
        var consensus = Consensus(Run("consensus = bft { nodes = 4  equivocate = 1 }"));

        Assert.Equal(0, consensus.SafetyViolations);
        Assert.True(consensus.Heights > 0);
    }

    [Fact]
    public void A_round_of_one_and_a_half_seconds_moves_the_soft_confirmation_p50_by_about_one_and_a_half_seconds()
    {
        // The proposer fixes the block at the slot; the block is soft-confirmed three 500 ms vote delays later.
        var single = Run("down = 1 min for 1 s", "10 min").Rollups[0].InclusionLatency.P50;
        var set = Run("consensus = bft { nodes = 4  vote_delay = 500 ms  timeout_commit = 0 s }", "10 min").Rollups[0].InclusionLatency.P50;

        var moved = (set - single).Microseconds;
        Assert.InRange(moved, 1_400_000, 1_600_000);
    }

    [Fact]
    public void A_censoring_proposer_leaves_out_its_senders_only_in_the_blocks_it_proposes()
    {
        var result = Run("consensus = bft { nodes = 4  censor = 10 % by [2] }", "5 min");

        var consensus = Consensus(result);
        Assert.True(consensus.CensoredTransactions > 0);
        Assert.Equal("censors 10 %", consensus.PerNode[1].Faults);
        Assert.True(result.Rollups[0].Supply.Conserved);
    }

    [Fact]
    public void A_raft_set_fails_over_to_a_standby_after_the_failover_time()
    {
        // Node 1 is active until it crashes at 10 s; the slot at 10 s waits until node 2 has taken over at 13 s.
        var result = Run("consensus = raft { nodes = 3  failover = 3 s  replication = 10 ms  crashed = [1] at 10 s for 20 s }");

        var consensus = Consensus(result);
        Assert.Equal(1, consensus.Failovers);
        Assert.Equal(SimDuration.FromSeconds(3), consensus.FailoverTime);
        Assert.Equal(4, consensus.PerNode[0].Proposed); // 2, 4, 6, 8 s
        Assert.Equal(1, consensus.PerNode[0].Missed);
        Assert.True(consensus.PerNode[1].Proposed > 20);
        Assert.Equal(0, consensus.PerNode[2].Proposed); // node 1 comes back as a standby
        Assert.Equal(SimDuration.Zero, consensus.HaltedTime);
    }

    [Fact]
    public void A_raft_set_without_a_live_majority_halts()
    {
        var consensus = Consensus(Run("consensus = raft { nodes = 3  crashed = [2, 3] at 20 s for 20 s }"));

        Assert.Equal(SimDuration.FromSeconds(20), consensus.HaltedTime);
        Assert.Equal(10, consensus.HaltedSlots); // 20, 22, …, 38 s
    }

    [Fact]
    public void A_shared_sequencer_with_heights_and_rounds_shows_its_round_in_both_rollups_latency_and_halts_both()
    {
        const string Shared = """
            scenario "shared" {
              seed 3
              duration 10 min
              l1 ethereum { slot_time = 12 s }
              rollup A {
                block_time = 2 s
                accounts 100 funded 1 eth
                derivation = standard { sequencing_window = 10 }
                forced_inclusion = deposits
              }
              rollup B like A { }
              shared_sequencer S for A, B {
                consensus = bft { CONSENSUS }
              }
              workload {
                users = poisson(4 / s) on A, B
                value = constant(0.001 eth)
              }
            }
            """;
        SimulationResult Run(string consensus) => Simulator.Run(TestScenarios.Bind(Shared.Replace("CONSENSUS", consensus, StringComparison.Ordinal)));

        // The one-draw form seals what arrived during its round; heights and rounds fix the block at the proposal.
        var original = Run("nodes = 4  round = 1500 ms");
        var rounds = Run("nodes = 4  vote_delay = 500 ms  timeout_commit = 0 s");
        Assert.Null(Assert.Single(original.Sequencers).Consensus);
        for (var i = 0; i < 2; i++)
        {
            var moved = (rounds.Rollups[i].InclusionLatency.P50 - original.Rollups[i].InclusionLatency.P50).Microseconds;
            Assert.InRange(moved, 1_400_000, 1_600_000);
        }

        var halted = Run("nodes = 4  crashed = 2 at 2 min for 4 min");
        Assert.Equal(SimDuration.FromSeconds(240), Assert.Single(halted.Sequencers).Consensus!.HaltedTime);
        Assert.All(halted.Rollups, r => Assert.Equal(120, r.Sequencing!.MissedBlocks)); // block times at 120 s … 358 s
        Assert.All(halted.Rollups, r => Assert.True(r.Sequencing!.Forced > 0, r.Name));
        Assert.All(halted.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
    }

    // Two rollups under one shared sequencer S, 2 s blocks, OP-style forced inclusion; CONSENSUS is each test's set.
    private const string SharedScenario = """
        scenario "shared" {
          seed 3
          duration DURATION
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            derivation = standard { sequencing_window = 10 }
            forced_inclusion = deposits
          }
          rollup B like A { }
          shared_sequencer S for A, B {
            consensus = CONSENSUS
          }
          workload {
            users = poisson(4 / s) on A, B
            value = constant(0.001 eth)
          }
        }
        """;

    private static SimulationResult RunShared(string consensus, string duration) =>
        Simulator.Run(TestScenarios.Bind(SharedScenario.Replace("CONSENSUS", consensus, StringComparison.Ordinal).Replace("DURATION", duration, StringComparison.Ordinal)));

    [Fact]
    public void The_one_draw_form_with_two_faulty_of_four_halts_from_the_start_and_every_user_transaction_goes_through_forced_inclusion()
    {
        // Faulty nodes are crashed: 2 of 4 alive is below the quorum of 3 at every block time (2 s … 600 s).
        var result = RunShared("bft { nodes = 4  faulty = 2  round = 300 ms }", "10 min");

        var sequencer = Assert.Single(result.Sequencers);
        Assert.Equal(0, sequencer.Slots);
        var consensus = sequencer.Consensus!;
        Assert.Equal(("bft", 4, 3, 0L), (consensus.Protocol, consensus.Nodes, consensus.Quorum, consensus.Heights));
        Assert.Equal(SimDuration.FromSeconds(600), consensus.HaltedTime);
        Assert.Equal(300, consensus.HaltedSlots);
        Assert.Equal(["crashed", "crashed", string.Empty, string.Empty], consensus.PerNode.Select(n => n.Faults).ToArray());
        Assert.Empty(consensus.FirstHeights);
        foreach (var rollup in result.Rollups)
        {
            var sequencing = rollup.Sequencing!;
            Assert.Equal(SimDuration.FromSeconds(600), sequencing.Downtime);
            Assert.Equal(300, sequencing.MissedBlocks);
            Assert.Equal(0, sequencing.IncludedBySequencer);
            Assert.Equal(0, rollup.Transactions.Included); // nothing reached an L2 block through the pool
            Assert.True(sequencing.Forced > 0, rollup.Name);
            Assert.Equal(sequencing.ForcedBlocks, rollup.Blocks);
            Assert.True(rollup.Supply.Conserved, rollup.Name);
        }
    }

    [Fact]
    public void The_one_draw_form_within_the_bound_keeps_its_one_draw_and_reports_no_set()
    {
        var sequencer = Assert.Single(RunShared("bft { nodes = 4  faulty = 1  round = 300 ms }", "2 min").Sequencers);

        // Slots start at 2, 4, …, 120 s and seal 300 or 600 ms later: the one at 120 s seals after the run.
        Assert.Null(sequencer.Consensus);
        Assert.Equal(59, sequencer.Slots);
        Assert.InRange(sequencer.ExtraRounds, 1, 58); // about a quarter of the slots, drawn
    }

    [Fact]
    public void A_raft_shared_sequencer_fails_over_once_and_both_rollups_blocks_wait_the_failover()
    {
        // Node 1 is active for the slots at 2, 4, 6 and 8 s and crashes at 10 s: the slot at 10 s
        // waits until node 2 has taken over at 13 s and seals 10 ms later; slots then start every
        // 2 s from 13.01 s, the last at 59.01 s (24 of them). Delays: 28 × 10 ms + 3.01 s over 29 slots.
        var result = RunShared("raft { nodes = 3  failover = 3 s  replication = 10 ms  crashed = [1] at 10 s for 20 s }", "61 s");

        var sequencer = Assert.Single(result.Sequencers);
        var consensus = sequencer.Consensus!;
        Assert.Equal(("raft", 3, 2), (consensus.Protocol, consensus.Nodes, consensus.Quorum));
        Assert.Equal(1, consensus.Failovers);
        Assert.Equal(SimDuration.FromSeconds(3), consensus.FailoverTime);
        Assert.Equal((4L, 1L), (consensus.PerNode[0].Proposed, consensus.PerNode[0].Missed));
        Assert.Equal(25, consensus.PerNode[1].Proposed);
        Assert.Equal(0, consensus.PerNode[2].Proposed);
        Assert.Equal(29, sequencer.Slots);
        Assert.Equal(new SimDuration(((28 * 10_000) + 3_010_000) / 29), sequencer.MeanDelay);
        Assert.All(result.Rollups, r => Assert.Equal(29, r.Blocks));
        Assert.All(result.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
    }

    [Fact]
    public void A_raft_shared_sequencer_without_a_live_majority_halts_both_rollups()
    {
        var result = RunShared("raft { nodes = 3  crashed = [2, 3] at 20 s for 20 s }", "61 s");

        Assert.Equal(SimDuration.FromSeconds(20), Assert.Single(result.Sequencers).Consensus!.HaltedTime);
        Assert.All(result.Rollups, r => Assert.Equal(10, r.Sequencing!.MissedBlocks)); // 20, 22, …, 38 s
        Assert.All(result.Rollups, r => Assert.Equal(SimDuration.FromSeconds(20), r.Sequencing!.Downtime));
    }

    [Fact]
    public void The_report_lists_each_of_the_first_heights_proposers_round_by_round()
    {
        // Round robin over (height + round) with node 1 crashed: heights 1 and 5 try node 1, then node 2.
        var consensus = Consensus(Run("consensus = bft { nodes = 4  vote_delay = 500 ms  crashed = [1] }"));

        Assert.Equal([[1, 2], [2], [3], [4], [1, 2], [2], [3], [4]], consensus.FirstHeights.Select(h => h.ToArray()).ToArray());
    }
}
