using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// An equivocating set's losing block as a reorg source, and a soft-trusting destination that rolls
/// back the block that credited a message from it, on hand-checked cases: nodes 1 and 3 of 4
/// equivocate (honest 2 and 4 split one each, so the smaller half plus the two equivocators is a
/// quorum of 3), round robin makes node 1 propose height 1 at 2 s, and the set commits its two
/// blocks at 2.3 s (three 100 ms vote delays). Height 2 (node 2, honest) commits at 4.3 s and
/// carries the canonical block: the losing block is reorged out then, and node 3's height 3 comes
/// only at 6.3 s, after the runs end. With `equivocate = [1]` (one equivocator of four) the set
/// commits the same heights at the same times without a conflict: the honest run to compare with.
/// </summary>
public class EquivocationReorgTests
{
    private const string Scenario = """
        scenario "equivocation" {
          seed 7
          duration DURATION
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            sequencer {
              consensus = bft { nodes = 4  vote_delay = 100 ms  equivocate = EQUIVOCATORS }
            }
          }
          rollup B {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload {
            users = poisson(5 / s) on A, B
            value = constant(0.001 eth)
            CROSS
          }
        }
        """;

    private static SimulationResult Run(string equivocators, string duration, string cross = "") =>
        Simulator.Run(TestScenarios.Bind(Scenario
            .Replace("EQUIVOCATORS", equivocators, StringComparison.Ordinal)
            .Replace("DURATION", duration, StringComparison.Ordinal)
            .Replace("CROSS", cross, StringComparison.Ordinal)));

    private const string Soft = "cross_chain = 50 %\n    cross_chain_trust = soft";

    [Fact]
    public void One_conflicting_commit_reorgs_exactly_the_soft_confirmations_of_the_losing_block_and_the_next_block_re_includes_them()
    {
        // The losing block holds what the proposer took at 2 s: exactly what the honest set's
        // first block holds, which a 3 s honest run includes and nothing else.
        var losingBlock = Run("[1]", "3 s").Rollups[0].Transactions.Included;
        var honest = Run("[1]", "5 s").Rollups[0];
        var equivocating = Run("[1, 3]", "5 s");
        var a = equivocating.Rollups[0];

        Assert.True(losingBlock > 0);
        Assert.Equal(1, Assert.Single(equivocating.Sequencers).Consensus!.SafetyViolations);
        var reorg = a.Sequencing!.Equivocation!;
        Assert.Equal(1, reorg.Reorgs);
        Assert.Equal(1, reorg.Blocks);
        Assert.Equal(losingBlock, reorg.SoftConfirmations);
        Assert.Equal(losingBlock, reorg.Transactions);
        Assert.Equal(losingBlock * 1_000_000_000_000_000L, (long)reorg.Value);

        // Each looked confirmed from 2.3 s to 4.3 s; the block at 4.3 s re-includes them with what
        // came since, so the chain has one block where the honest one has two, and the same state.
        Assert.Equal(SimDuration.FromSeconds(2), reorg.MaxConfirmedFor);
        Assert.Equal(SimDuration.FromSeconds(2), reorg.ConfirmedFor.P50);
        Assert.Equal(1, a.Blocks);
        Assert.Equal(2, honest.Blocks);
        Assert.Equal(honest.Transactions.Included, a.Transactions.Included);
        Assert.Equal(honest.StateRoot, a.StateRoot);
        Assert.True(a.Supply.Conserved);

        // Fewer than a third equivocating: no conflict, so nothing to reorg and no section heading.
        Assert.Null(honest.Sequencing);
    }

    [Fact]
    public void A_destination_rolls_back_the_block_that_credited_a_message_from_the_losing_block_and_ends_as_if_it_had_never_been_sent()
    {
        // B's block at 4 s credits the messages A's losing block sent at 2.3 s; at 4.3 s the
        // conflict comes out, B drops that block (and none other: it is the only one since), puts
        // its transactions back in the pool, and its block at 6 s re-includes them with the
        // messages A's canonical block re-sent. Until 6.2 s B is then exactly where the honest run is.
        var honest = Run("[1]", "6200 ms", Soft);
        var equivocating = Run("[1, 3]", "6200 ms", Soft);
        var soft = equivocating.CrossChain!.SoftTrust!;

        Assert.True(soft.ByEquivocation > 0);
        Assert.Equal(0, soft.ByWithholding);
        Assert.Equal(1, soft.CreditsUndone);
        Assert.Equal(1, soft.BlocksRolledBack);
        Assert.True(soft.TransactionsReincluded > 0);
        Assert.Equal(0, soft.Failed);
        Assert.Equal(UInt128.Zero, soft.ValueFailed);

        var b = equivocating.Rollups[1];
        Assert.Equal(honest.Rollups[1].StateRoot, b.StateRoot);
        Assert.Equal(honest.Rollups[1].Transactions.Included, b.Transactions.Included);
        Assert.Equal(honest.Rollups[1].Supply.ReceivedCrossChain, b.Supply.ReceivedCrossChain);
        Assert.Equal(2, b.Blocks); // 2 s and 6 s; the honest run has 2, 4 and 6 s
        Assert.Equal(3, honest.Rollups[1].Blocks);
        Assert.All(equivocating.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
        Assert.True(equivocating.CrossChain.Conserved);
    }

    [Fact]
    public void Without_the_rollback_the_same_credit_would_be_a_failed_effect_so_a_destination_that_cannot_roll_back_counts_it()
    {
        // B with an equivocating set of its own is not covered by the rollback: what it credited
        // from A's losing block is a failed dependent effect, with its value, and supply still holds.
        var text = Scenario
            .Replace("EQUIVOCATORS", "[1, 3]", StringComparison.Ordinal)
            .Replace("DURATION", "6200 ms", StringComparison.Ordinal)
            .Replace("CROSS", Soft, StringComparison.Ordinal)
            .Replace("""
              rollup B {
                block_time = 2 s
                accounts 100 funded 1 eth
              }
            """, """
              rollup B {
                block_time = 2 s
                accounts 100 funded 1 eth
                sequencer {
                  consensus = bft { nodes = 4  vote_delay = 100 ms  equivocate = [1, 3] }
                }
              }
            """, StringComparison.Ordinal);
        Assert.Contains("rollup B {\n    block_time = 2 s\n    accounts 100 funded 1 eth\n    sequencer", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var result = Simulator.Run(TestScenarios.Bind(text));
        var soft = result.CrossChain!.SoftTrust!;

        Assert.Equal(0, soft.BlocksRolledBack);
        Assert.True(soft.Failed > 0);
        Assert.Equal(soft.Failed * 1_000_000_000_000_000L, (long)soft.ValueFailed);
        Assert.All(result.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
        Assert.True(result.CrossChain.Conserved);
    }
}
