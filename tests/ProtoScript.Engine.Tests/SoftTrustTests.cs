using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// <c>cross_chain_trust = soft</c>: a destination credits a message once the source block carrying
/// it is sealed; when a withholding sequencer's held blocks are reorged, what was credited from
/// them is a failed dependent effect, counted with its value.
/// </summary>
public class SoftTrustTests
{
    private static string Scenario(string trust) => $$"""
        scenario "soft" {
          seed 4
          duration 30 min
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            derivation = standard { sequencing_window = 20 }
            sequencer { withhold = 5 min for 10 min }
            forced_inclusion = deposits
          }
          rollup B {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload {
            users = poisson(1 / s) on A, B
            value = 0.001 eth
            cross_chain = 30 %
            cross_chain_trust = {{trust}}
          }
          expect {
            conserved total_supply
            derivable
          }
        }
        """;

    private static SimulationResult Run(string trust)
    {
        var report = Verifier.Run(TestScenarios.Bind(Scenario(trust)), new SimulationOptions { RetainL1Data = true });
        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
        Assert.All(report.Result.Rollups, r => Assert.True(r.Supply.Conserved, r.Name));
        Assert.True(report.Result.CrossChain!.Conserved);
        return report.Result;
    }

    [Fact]
    public void Messages_credited_from_blocks_that_are_then_reorged_count_as_failed_with_the_value_they_moved()
    {
        var result = Run("soft");

        var crossChain = result.CrossChain!;
        var soft = crossChain.SoftTrust!;
        Assert.True(result.Rollups[0].Sequencing!.Withholding!.Reorgs > 0);
        Assert.True(soft.Failed > 0);
        Assert.True(soft.SourceReorged >= soft.Failed);

        // Every message is 0.001 ETH. What B credited is what A sent and kept, less what is still
        // on its way, plus what B credited for blocks of A that were reorged out.
        Assert.Equal(soft.Failed * 1_000_000_000_000_000L, (long)soft.ValueFailed);
        Assert.Equal(crossChain.ValueSent - crossChain.ValueInFlight - crossChain.ValueFailed + soft.ValueFailed, crossChain.ValueDelivered);
    }

    [Fact]
    public void Under_l1_inclusion_the_same_reorg_fails_no_message_and_none_is_credited_twice()
    {
        var result = Run("l1_inclusion");

        var crossChain = result.CrossChain!;
        Assert.Null(crossChain.SoftTrust);
        Assert.True(result.Rollups[0].Sequencing!.Withholding!.Reorgs > 0);
        Assert.Equal(crossChain.ValueSent - crossChain.ValueInFlight - crossChain.ValueFailed, crossChain.ValueDelivered);
        Assert.Equal(crossChain.Sent, crossChain.Delivered + crossChain.Failed + crossChain.Pending);
    }

    [Fact]
    public void Soft_trust_credits_a_message_blocks_before_l1_trust_does()
    {
        var soft = Run("soft").CrossChain!.Latency;
        var l1 = Run("l1_inclusion").CrossChain!.Latency;
        Assert.True(soft.P50.Microseconds * 5 < l1.P50.Microseconds, $"soft p50 {soft.P50}, L1 p50 {l1.P50}");
    }
}
