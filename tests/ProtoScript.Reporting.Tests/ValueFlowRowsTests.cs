using System.Text.Json;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

/// <summary>The fees section's rows for MEV by role and PBS builder payments, which appear only when not zero.</summary>
public class ValueFlowRowsTests
{
    private static readonly UInt128 Usdc = 1_000_000;

    private static ScenarioModel Scenario(bool pools, bool pbs) => new(
        "value-flow",
        5,
        SimDuration.FromSeconds(120),
        new L1Model("ethereum", SimDuration.FromSeconds(12)),
        [
            new RollupModel("A", SimDuration.FromSeconds(2), 30_000_000, OrderingRule.PriorityFee, Wei.PerGwei / 1000, 100, 10 * Wei.PerEther)
            {
                Amms = pools ? [new AmmModel("ETH/USDC", "eth", "usdc", 1_000 * Wei.PerEther, 3_000_000 * Usdc, 3_000)] : [],
                TokenBalances = pools ? [new TokenBalanceModel("usdc", 30_000 * Usdc)] : [],
                Pbs = pbs ? new PbsModel(AuctionPrice.First, SimDuration.FromMilliseconds(100), [new PbsBuilderModel("b1", SimDuration.FromMilliseconds(10), 0, 900_000, PbsStrategy.Greedy)]) : null,
            },
        ],
        new WorkloadModel(
        [
            new UserStreamModel(
                10,
                ["A"],
                new DistributionModel(DistributionKind.Exponential, 1e7, 0),
                new DistributionModel(DistributionKind.Constant, 1e15, 0)),
        ])
        {
            Trading = pools
                ? new TradingModel(0.3, new DistributionModel(DistributionKind.Exponential, 5e17, 0), new PriceProcessModel("usdc", 3_000 * Usdc, 2.0, 0), 3, SimDuration.Zero)
                : TradingModel.None,
        })
    {
        Tokens = pools ? [new TokenModel("usdc", 6)] : [],
    };

    [Fact]
    public void A_rollup_without_MEV_or_PBS_has_only_the_fee_rows()
    {
        var result = Simulator.Run(Scenario(pools: false, pbs: false));

        var text = TextReportWriter.Write(result);
        Assert.DoesNotContain("mev to", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bids to proposer", text, StringComparison.Ordinal);
        var fees = JsonDocument.Parse(JsonReportWriter.Write(result)).RootElement.GetProperty("rollups")[0].GetProperty("fees");
        Assert.Equal(["baseFeeBurnedWei", "priorityFeeToSequencerWei", "totalWei"], fees.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_PBS_rollup_with_arbitrage_shows_the_bids_the_builders_margin_and_the_MEV_of_each_role_that_took_some()
    {
        var result = Simulator.Run(Scenario(pools: true, pbs: true));

        var rollup = result.Rollups[0];
        var fees = JsonDocument.Parse(JsonReportWriter.Write(result)).RootElement.GetProperty("rollups")[0].GetProperty("fees");
        Assert.Equal(rollup.Pbs!.BidRevenue.ToString(System.Globalization.CultureInfo.InvariantCulture), fees.GetProperty("builderBidsWei").GetString());
        Assert.Equal(rollup.Pbs.Builders[0].Margin.ToString(System.Globalization.CultureInfo.InvariantCulture), fees.GetProperty("builderMarginWei").GetString());
        var mev = rollup.Trading!.Mev;
        foreach (var (role, json) in new[] { ("arbitrageur", "mevArbitrageurQuoteUnits"), ("builder", "mevBuilderQuoteUnits"), ("sequencer", "mevSequencerQuoteUnits") })
        {
            Assert.Equal(mev.OfRole(role) > UInt128.Zero, fees.TryGetProperty(json, out _));
        }

        Assert.True(mev.OfRole("builder") > UInt128.Zero);
        Assert.Contains("    bids to proposer  ", TextReportWriter.Write(result), StringComparison.Ordinal);
    }
}
