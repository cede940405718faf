using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Where a shared sequencer sits and what it costs: an external network's hop in users' soft
/// confirmations, its fee per gas, and its aggregation of the rollups' data in shared blobs.
/// </summary>
public class SharedSequencerPlacementTests
{
    private static string Scenario(string sequencer, string rate = "2 / s", string every = "1 min") => $$"""
        scenario "placement" {
          seed 9
          duration 6 min
          l1 ethereum {
            slot_time = 12 s
            blobs { base_fee = 1 gwei }
          }
          rollup A {
            block_time = 2 s
            accounts 100 funded 10 eth
            batch { every = {{every}}  to = ethereum.blobs  compression = none }
          }
          rollup B like A { }
          shared_sequencer s for A, B {
            {{sequencer}}
          }
          workload {
            users = poisson({{rate}}) on A, B
            priority_fee = constant(0.01 gwei)
            value = 0.01 eth
          }
          expect {
            conserved total_supply
            derivable
          }
        }
        """;

    private static VerificationReport Verify(string sequencer, string rate = "2 / s", string every = "1 min")
    {
        var report = Verifier.Run(TestScenarios.Bind(Scenario(sequencer, rate, every)), new SimulationOptions { RetainL1Data = true });
        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
        Assert.All(report.Result.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
        return report;
    }

    [Fact]
    public void An_external_hop_moves_every_soft_confirmation_by_exactly_the_hop()
    {
        // No consensus time: the slot's contents are fixed at the slot in both runs, so the same
        // transactions land in the same slots and each is soft-confirmed 500 ms later.
        var enshrined = Verify("kind = enshrined").Result;
        var external = Verify("kind = external\n    hop = 500 ms").Result;

        for (var i = 0; i < 2; i++)
        {
            var near = enshrined.Rollups[i];
            var far = external.Rollups[i];
            Assert.Equal(near.Transactions.Included, far.Transactions.Included);
            Assert.Equal(near.StateRoot, far.StateRoot);
            Assert.Equal(near.InclusionLatency.P50 + SimDuration.FromMilliseconds(500), far.InclusionLatency.P50);
            Assert.Equal(near.InclusionLatency.P99 + SimDuration.FromMilliseconds(500), far.InclusionLatency.P99);
        }

        Assert.Equal(SimDuration.FromMilliseconds(500), Assert.Single(external.Sequencers).MeanDelay);
    }

    [Fact]
    public void An_external_network_is_paid_its_fee_per_gas_of_the_blocks_it_sequences_outside_the_rollups_supply()
    {
        var result = Verify("kind = external\n    fee = 3 gwei").Result;

        var layer = Assert.Single(result.Sequencers).Layer!;
        Assert.Equal((UInt128)3_000_000_000, layer.FeePerGas);
        for (var i = 0; i < 2; i++)
        {
            // 21 000 gas a transfer, 3 gwei a gas: 63 000 gwei per transaction.
            Assert.Equal((UInt128)result.Rollups[i].Transactions.Included * 63_000 * Wei.PerGwei, layer.Rollups[i].Fee);
            Assert.Equal((UInt128)result.Rollups[i].GasUsed * 3 * Wei.PerGwei, layer.Rollups[i].Fee);
        }

        Assert.Equal(layer.Rollups[0].Fee + layer.Rollups[1].Fee, layer.Total);
    }

    [Fact]
    public void A_sequencer_without_a_fee_or_aggregation_reports_neither()
    {
        var sequencer = Assert.Single(Verify("kind = external").Result.Sequencers);
        Assert.Null(sequencer.Layer);
        Assert.Null(sequencer.Aggregation);
    }

    [Fact]
    public void Aggregated_data_costs_less_than_separate_posting_when_each_rollups_batches_fill_less_than_half_a_blob()
    {
        // 2 transfers a second for a minute, uncompressed: a few kilobytes a batch, far below half
        // of a blob's 126 976 usable bytes, so both batches fit one blob together. Posting alone,
        // each rollup pays a whole blob and a transaction's 21 000 gas per batch; aggregated, the
        // two share one of each.
        var separate = Verify("kind = enshrined").Result;
        var shared = Verify("aggregate_data = true").Result;

        var aggregation = Assert.Single(shared.Sequencers).Aggregation!;
        Assert.All(separate.Rollups, r => Assert.True(r.DataAvailability.PostedBytes < 126_976 / 2 * (ulong)r.DataAvailability.L1Transactions));
        Assert.Equal(separate.Rollups[0].DataAvailability.L1Transactions, aggregation.Postings);
        Assert.Equal(separate.Rollups.Sum(r => (long)r.DataAvailability.Blobs), 2 * (long)aggregation.Blobs);
        var separateCost = separate.Rollups.Aggregate(UInt128.Zero, (sum, r) => sum + r.DataAvailability.BlobFee + r.DataAvailability.ExecutionFee);
        Assert.True(aggregation.Paid < separateCost, $"aggregated {aggregation.Paid} wei, separate {separateCost} wei");

        // Each rollup's part, by bytes, sums to the postings' fees to the wei, and is what its batcher paid.
        var paid = shared.Rollups.Aggregate(UInt128.Zero, (sum, r) => sum + r.DataAvailability.BlobFee + r.DataAvailability.ExecutionFee);
        Assert.Equal(aggregation.Paid, paid);
        Assert.All(aggregation.Rollups, r => Assert.True(r.Paid < r.Alone));
    }

    [Fact]
    public void Each_rollups_derivation_keeps_its_own_frames_from_the_shared_blobs()
    {
        var report = Verify("aggregate_data = true");

        var postings = report.Result.L1Data!.Transactions;
        Assert.NotEmpty(postings);
        foreach (var posting in postings)
        {
            Assert.Equal([0, 1], posting.SharedBy.ToArray());
            var rollups = ChannelFrames.DecodeTransactionData(posting.Data.Span).Select(f => L1DataTransaction.RollupOf(f.Channel)).Distinct().ToArray();
            Assert.Equal([0, 1], rollups);
        }

        Assert.All(report.Rollups, r => Assert.True(r.BlocksDerived > 100));
    }

    [Fact]
    public void Without_aggregation_each_rollup_posts_its_own_data()
    {
        var report = Verify("kind = enshrined");
        Assert.All(report.Result.L1Data!.Transactions, t => Assert.True(t.SharedBy.IsDefault));
    }
}
