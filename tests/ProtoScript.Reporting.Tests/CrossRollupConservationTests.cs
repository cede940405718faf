using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ProtoScript.Application;
using ProtoScript.Language;

namespace ProtoScript.Reporting.Tests;

/// <summary>
/// Issue 12, failure 3: cross-chain messages mixed with deposits, withdrawals, issuance and
/// base fees paid to the treasury. Every wei must be accounted for across the rollups together,
/// and the JSON report must carry every term so the identity can be recomputed from it alone.
/// </summary>
public class CrossRollupConservationTests
{
    private const string Source = """
        scenario "mix" {
          seed 7
          duration 5 min
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            accounts 200 funded 1 eth
            withdrawal_delay = 1 min
            batch {
              every = 30 s
              to = ethereum.blobs
            }
            fees {
              base_fee = treasury
              issuance = 0.001 gwei per block
              issuance_to = treasury
            }
          }
          rollup B like A { }
          workload {
            users = poisson(5 / s) on A, B
            value = uniform(0.001 eth, 0.01 eth)
            cross_chain = 10 %
            withdrawals = 5 %
            deposits = poisson(6 / min) on A, B
          }
          expect { conserved total_supply }
        }
        """;

    private static readonly Lazy<string> Json = new(() => ScenarioRunner.Report(ScenarioCompiler.Compile("mix.proto-script", Source), format: ReportFormatKind.Json).Text);

    [Fact]
    public void Cross_chain_messages_with_deposits_withdrawals_issuance_and_base_fees_to_the_treasury_are_conserved_across_the_rollups()
    {
        var report = ScenarioRunner.Report(ScenarioCompiler.Compile("mix.proto-script", Source));

        Assert.True(report.ExpectationsHeld, report.Text);
        Assert.Empty(report.FailedExpectations);
    }

    [Fact]
    public void The_json_supply_terms_balance_to_the_wei_per_rollup_and_across_rollups()
    {
        using var document = JsonDocument.Parse(Json.Value);
        var root = document.RootElement;
        BigInteger created = 0, accounted = 0, inFlightOut = 0, inFlightIn = 0, lockedIn = 0;
        foreach (var rollup in root.GetProperty("rollups").EnumerateArray())
        {
            var s = rollup.GetProperty("supply");

            // The scenario exercises every term, or the identity would not be tested.
            foreach (var term in new[] { "issuedWei", "depositedWei", "withdrawnWei", "sentCrossChainWei", "receivedCrossChainWei" })
            {
                Assert.True(Wei(s, term) > 0, rollup.GetProperty("name").GetString() + " " + term);
            }

            Assert.Equal(0, Wei(s, "burnedWei")); // base fees go to the treasury
            Assert.True(Wei(rollup.GetProperty("feeDistribution").GetProperty("roles").GetProperty("treasury"), "receivedWei") > 0);

            Assert.Equal(
                Wei(s, "genesisWei") + Wei(s, "issuedWei") + Wei(s, "depositedWei") + Wei(s, "receivedCrossChainWei"),
                Wei(s, "inAccountsWei") + Wei(s, "burnedWei") + Wei(s, "withdrawnWei") + Wei(s, "sentCrossChainWei"));
            Assert.True(s.GetProperty("conserved").GetBoolean());

            created += Wei(s, "genesisWei") + Wei(s, "issuedWei") + Wei(s, "depositedWei");
            accounted += Wei(s, "inAccountsWei") + Wei(s, "burnedWei") + Wei(s, "withdrawnWei") + Wei(s, "inFlightOutWei") + Wei(s, "lockedInWei");
            inFlightOut += Wei(s, "inFlightOutWei");
            inFlightIn += Wei(s, "inFlightInWei");
            lockedIn += Wei(s, "lockedInWei");
        }

        Assert.Equal(created, accounted);
        var crossChain = root.GetProperty("crossChain");
        Assert.True(inFlightOut > 0); // a 30 s batch interval leaves messages on their way at the end
        Assert.Equal(Wei(crossChain, "valueInFlightWei"), inFlightOut);
        Assert.Equal(inFlightOut, inFlightIn);
        Assert.Equal(Wei(crossChain, "valueFailedWei"), lockedIn);
        Assert.True(crossChain.GetProperty("conserved").GetBoolean());
    }

    [Fact]
    public void Every_supply_term_is_written_even_when_it_is_zero()
    {
        using var document = JsonDocument.Parse(JsonReportWriter.Write(SampleResults.Small()));
        var supply = document.RootElement.GetProperty("rollups")[0].GetProperty("supply");

        Assert.Equal(
            ["genesisWei", "inAccountsWei", "burnedWei", "issuedWei", "depositedWei", "withdrawnWei", "sentCrossChainWei", "receivedCrossChainWei", "inFlightOutWei", "inFlightInWei", "lockedInWei", "conserved"],
            supply.EnumerateObject().Select(p => p.Name));
        Assert.Equal("0", supply.GetProperty("depositedWei").GetString());
    }

    private static BigInteger Wei(JsonElement element, string name) =>
        BigInteger.Parse(element.GetProperty(name).GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
}
