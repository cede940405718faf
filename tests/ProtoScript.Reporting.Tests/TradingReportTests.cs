using System.Text.Json;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

public class TradingReportTests
{
    private static readonly UInt128 Usdc = 1_000_000;

    private static ScenarioModel Scenario(ulong seed) => new(
        "trading",
        seed,
        SimDuration.FromSeconds(120),
        new L1Model("ethereum", SimDuration.FromSeconds(12)),
        [
            new RollupModel("A", SimDuration.FromSeconds(1), 30_000_000, OrderingRule.PriorityFee, Wei.PerGwei / 1000, 100, 10 * Wei.PerEther)
            {
                Amms = [new AmmModel("ETH/USDC", "eth", "usdc", 1_000 * Wei.PerEther, 3_000_000 * Usdc, 3_000)],
                TokenBalances = [new TokenBalanceModel("usdc", 30_000 * Usdc)],
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
            Trading = new TradingModel(
                0.5,
                new DistributionModel(DistributionKind.Exponential, 5e17, 0),
                new PriceProcessModel("usdc", 3_000 * Usdc, 2.0, 0),
                3,
                SimDuration.Zero),
        })
    {
        Tokens = [new TokenModel("usdc", 6)],
    };

    [Fact]
    public void Same_trading_scenario_and_seed_give_byte_identical_reports()
    {
        var first = Simulator.Run(Scenario(3));
        var second = Simulator.Run(Scenario(3));

        Assert.Equal(first, second);
        Assert.Equal(TextReportWriter.Write(first), TextReportWriter.Write(second));
        Assert.Equal(JsonReportWriter.Write(first), JsonReportWriter.Write(second));
        Assert.NotEqual(TextReportWriter.Write(first), TextReportWriter.Write(Simulator.Run(Scenario(4))));
    }

    [Fact]
    public void The_text_report_has_a_trading_section_with_token_amounts_at_their_decimals()
    {
        var text = TextReportWriter.Write(Simulator.Run(Scenario(3)));

        Assert.Contains("\n  trading\n    swaps (users' and searchers')\n      submitted", text, StringComparison.Ordinal);
        Assert.Contains("\n    user swaps\n      submitted", text, StringComparison.Ordinal);
        Assert.Contains("\n    arbitrage swaps (searchers'; a lost race reverts as slippage_exceeded)\n      submitted", text, StringComparison.Ordinal);
        Assert.Contains("slippage_exceeded", text, StringComparison.Ordinal);
        Assert.Matches(@"\n      start +3000\.000000 usdc\n", text);
        Assert.Matches(@"\n        arbitrageur arb\d +\d+\.\d{6} usdc\n", text);
        Assert.Matches(@"\n      at genesis +\d+\.000000 usdc\n", text);
    }

    [Fact]
    public void The_json_report_carries_the_trading_object_with_exact_amounts()
    {
        var result = Simulator.Run(Scenario(3));
        using var document = JsonDocument.Parse(JsonReportWriter.Write(result));
        var trading = document.RootElement.GetProperty("rollups")[0].GetProperty("trading");
        var expected = result.Rollups[0].Trading!;

        Assert.Equal(5, document.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(expected.Swaps.Included, trading.GetProperty("swaps").GetProperty("included").GetInt64());
        Assert.Equal(expected.ArbitragesIncluded, trading.GetProperty("arbitrages").GetProperty("included").GetInt64());
        Assert.Equal(expected.Mev.Total.ToString(System.Globalization.CultureInfo.InvariantCulture), trading.GetProperty("mev").GetProperty("totalQuoteUnits").GetString());
        Assert.Equal("3000000000", trading.GetProperty("cex").GetProperty("startPriceQuoteUnits").GetString());
        Assert.True(trading.GetProperty("tokenSupply")[0].GetProperty("conserved").GetBoolean());
        Assert.Equal("0x", document.RootElement.GetProperty("rollups")[0].GetProperty("stateRoot").GetString()![..2]);
    }

    [Fact]
    public void User_and_arbitrage_swaps_are_counted_apart_and_add_up_to_all_swaps()
    {
        var trading = Simulator.Run(Scenario(3)).Rollups[0].Trading!;
        SwapCounts all = trading.Swaps, users = trading.UserSwaps, arbitrage = trading.ArbitrageSwaps;

        // Without back-runners or cross-pool searchers the only searchers are the CEX-DEX arbitrageurs,
        // whose swaps the arbitrage desk counts on its own.
        Assert.Equal(trading.ArbitragesSubmitted, arbitrage.Submitted);
        Assert.Equal(trading.ArbitragesIncluded, arbitrage.Included);
        Assert.True(arbitrage.Submitted > 0 && users.Submitted > 0);
        Assert.Equal(all.Submitted, users.Submitted + arbitrage.Submitted);
        Assert.Equal(all.Included, users.Included + arbitrage.Included);
        for (var r = 0; r < all.Rejected.Length; r++)
        {
            Assert.Equal(all.Rejected[r].Reason, users.Rejected[r].Reason);
            Assert.Equal(all.Rejected[r].Count, users.Rejected[r].Count + arbitrage.Rejected[r].Count);
        }

        // Three arbitrageurs race for one gap per block: the losers revert on their price limit.
        var lostRaces = arbitrage.Rejected.Single(r => r.Reason == "slippage_exceeded").Count;
        Assert.True(lostRaces > 0);
        Assert.Equal(arbitrage.Submitted - arbitrage.Included, arbitrage.RejectedTotal);
    }

    [Fact]
    public void The_user_and_arbitrage_swap_metrics_read_their_counts_and_the_old_totals_stay()
    {
        var result = Simulator.Run(Scenario(3));
        var trading = result.Rollups[0].Trading!;

        Assert.Equal(trading.UserSwaps.Submitted, ExpectationChecker.Read(new MetricPath("A", "swaps.user.submitted", MetricUnit.Count), result));
        Assert.Equal(trading.UserSwaps.RejectedTotal, ExpectationChecker.Read(new MetricPath("A", "swaps.user.rejected", MetricUnit.Count), result));
        Assert.Equal(trading.ArbitrageSwaps.Included, ExpectationChecker.Read(new MetricPath("A", "swaps.arb.included", MetricUnit.Count), result));
        Assert.Equal(trading.ArbitrageSwaps.RejectedTotal, ExpectationChecker.Read(new MetricPath("A", "swaps.arb.rejected", MetricUnit.Count), result));
        Assert.Equal(trading.Swaps.RejectedTotal, ExpectationChecker.Read(new MetricPath("A", "swaps.rejected", MetricUnit.Count), result));

        using var document = JsonDocument.Parse(JsonReportWriter.Write(result));
        var json = document.RootElement.GetProperty("rollups")[0].GetProperty("trading");
        Assert.Equal(trading.UserSwaps.Submitted, json.GetProperty("userSwaps").GetProperty("submitted").GetInt64());
        Assert.Equal(trading.ArbitrageSwaps.RejectedTotal, json.GetProperty("arbitrageSwaps").GetProperty("rejected").GetInt64());
        Assert.Equal(trading.Swaps.Submitted, json.GetProperty("swaps").GetProperty("submitted").GetInt64());
    }

    [Fact]
    public void The_accounts_row_says_whose_the_accounts_beyond_the_users_are()
    {
        var result = Simulator.Run(Scenario(3));
        var rollup = result.Rollups[0];

        // 100 users, the sequencer, 3 arbitrageurs and the ETH/USDC pool's account.
        Assert.Equal(105, rollup.Accounts);
        Assert.Equal(new AccountGroup[] { new("users", 100), new("sequencer", 1), new("arbitrageurs", 3), new("pool", 1) }, rollup.AccountGroups.Groups.ToArray());
        Assert.Matches(@"\n  accounts +105 \(100 users, 1 sequencer, 3 arbitrageurs, 1 pool\)\n", TextReportWriter.Write(result));
        using var document = JsonDocument.Parse(JsonReportWriter.Write(result));
        Assert.Equal(105, document.RootElement.GetProperty("rollups")[0].GetProperty("accounts").GetInt32());
    }

    [Fact]
    public void Trading_metrics_read_whole_quote_tokens_and_basis_points()
    {
        var result = Simulator.Run(Scenario(3));
        var trading = result.Rollups[0].Trading!;

        Assert.True(trading.Mev.Total > UInt128.Zero);
        Assert.Equal((decimal)trading.Mev.Total / 1_000_000m, ExpectationChecker.Read(new MetricPath("A", "mev.total", MetricUnit.Quote), result));
        Assert.Equal(trading.Swaps.Included, ExpectationChecker.Read(new MetricPath("A", "swaps.included", MetricUnit.Count), result));
        Assert.Equal(trading.ArbitragesIncluded, ExpectationChecker.Read(new MetricPath("A", "arbitrages", MetricUnit.Count), result));
        Assert.Equal(trading.GapBefore.MeanAbsoluteBasisPoints, ExpectationChecker.Read(new MetricPath("A", "price_gap.mean_bps", MetricUnit.BasisPoints), result));
        Assert.Equal(
            ExpectationChecker.Read(new MetricPath("A", "mev.total", MetricUnit.Quote), result),
            ExpectationChecker.Read(new MetricPath("A", "mev.arbitrageurs", MetricUnit.Quote), result) + ExpectationChecker.Read(new MetricPath("A", "mev.sequencer", MetricUnit.Quote), result));
    }

    [Fact]
    public void Trading_token_amounts_print_with_exactly_the_token_decimals()
    {
        Assert.Equal("0.000001 usdc", TokenFormat.Token(1, 6, "usdc"));
        Assert.Equal("1234.500000 usdc", TokenFormat.Token(1_234_500_000, 6, "usdc"));
        Assert.Equal("7 tok", TokenFormat.Token(7, 0, "tok"));
        Assert.Equal(12.5m, TokenFormat.TokenValue(12_500_000, 6));
    }

    [Fact]
    public void A_rollup_without_pools_keeps_its_report_and_has_no_trading_metrics_in_sweeps()
    {
        var plain = SampleResults.Small();
        Assert.DoesNotContain("trading", TextReportWriter.Write(plain), StringComparison.Ordinal);
        var scenario = Scenario(1) with { Rollups = [Scenario(1).Rollups[0] with { Amms = [] }] };
        Assert.DoesNotContain(Sweeps.SweepAggregation.Metrics(scenario), m => m.Name.StartsWith("mev.", StringComparison.Ordinal));
        Assert.Contains(Sweeps.SweepAggregation.Metrics(Scenario(1)), m => m.Name == "mev.total");
    }
}
