namespace ProtoScript.Cli.Tests;

/// <summary>Features built apart that meet in one scenario: fees with provers, and fees under a shared sequencer.</summary>
public class CombinedFeaturesRunTests
{
    private const string Scenario = """
        scenario "combined" {
          seed 5
          duration 2 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            fees {
              distribute = split {
                sequencer = 50 %
                treasury = 50 %
              }
            }
          }
          rollup B like A { }
          shared_sequencer s for A, B {
            consensus = bft { nodes = 4  faulty = 1  round = 300 ms }
            executes = true
          }
          provers for A, B {
            count = 2
            selection = round_robin
            proof_time = normal(3 s, 1 s) per block
            cost = 0.000001 eth per block
          }
          workload {
            users = poisson(8 / s) on A, B
            priority_fee = exponential(1 gwei)
            cross_chain = 20 %
          }
          expect {
            conserved total_supply
            report.A.fees.prover > 0 eth
          }
        }

        """;

    [Fact]
    public void Fees_pay_provers_back_and_stay_conserved_when_a_shared_sequencer_lands_bundles()
    {
        var path = TempFiles.Write("combined.proto-script", Scenario);
        var outcome = Cli.Run(["run", path]);

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("conserved total_supply", outcome.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", outcome.Stdout, StringComparison.Ordinal);
    }
}
