using ProtoScript.Engine.FeeMarket;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

/// <summary>The <c>base fee market</c> section: shown only for a rollup with a market, read by the <c>base_fee.*</c> metrics.</summary>
public class BaseFeeMarketReportTests
{
    private static readonly BaseFeeMarketResult Eip1559 = new(
        new BaseFeeMarketModel(BaseFeeMarketKind.Eip1559, 0), 5_000_000, 1_000_000, 1_200_000, 900_000, 1_100_000, 1_050_000, 2_800_000, 240, 90, 0, 494, 7);

    private static SimulationResult WithMarket(BaseFeeMarketResult? market)
    {
        var result = SampleResults.Small();
        return result with { Rollups = [result.Rollups[0] with { BaseFeeMarket = market }, .. result.Rollups[1..]] };
    }

    [Fact]
    public void Without_a_market_the_report_has_no_base_fee_market_section_and_its_metrics_read_zero()
    {
        var result = WithMarket(null);
        Assert.DoesNotContain("base fee market", TextReportWriter.Write(result), StringComparison.Ordinal);
        Assert.DoesNotContain("baseFeeMarket", JsonReportWriter.Write(result), StringComparison.Ordinal);
        Assert.Equal(0, ExpectationChecker.Read(new MetricPath("A", "base_fee.max", MetricUnit.Wei), result));
    }

    [Fact]
    public void With_a_market_the_section_shows_the_rule_the_fee_over_the_run_and_the_users_priced_out()
    {
        var result = WithMarket(Eip1559);
        var text = TextReportWriter.Write(result);
        Assert.Contains("base fee market (eip1559: target 5000000 gas = gas limit / 6, denominator 250, min 0 gwei)", text, StringComparison.Ordinal);
        Assert.Matches(@"base fee p50 +0\.00105 gwei", text);
        Assert.Matches(@"blocks above target +90", text);
        Assert.Matches(@"priced out \(waited a block or more\) +494", text);
        Assert.DoesNotContain("largest backlog", text, StringComparison.Ordinal);
        Assert.Contains("\"baseFeeMarket\"", JsonReportWriter.Write(result), StringComparison.Ordinal);
        Assert.Equal(2_800_000, ExpectationChecker.Read(new MetricPath("A", "base_fee.max", MetricUnit.Wei), result));
        Assert.Equal(7, ExpectationChecker.Read(new MetricPath("A", "base_fee.waiting", MetricUnit.Count), result));
    }
}
