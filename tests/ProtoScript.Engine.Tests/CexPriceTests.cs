using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class CexPriceTests
{
    private static readonly FixedPrice EthUsdc3000 = FixedPrice.FromWholeUnits(3000, baseDecimals: 18, quoteDecimals: 6);

    [Fact]
    public void Fixed_prices_are_quote_units_per_base_unit_times_10_to_the_18()
    {
        Assert.Equal((UInt128)3_000_000_000, EthUsdc3000.Scaled);
        Assert.Equal(FixedPrice.FromWholeUnits(3000, 18, 18).Scaled, 3000 * FixedPrice.Scale);
        Assert.Equal(new FixedPrice(3_000_000_000), FixedPrice.FromRatio(3_000_000_000, 1_000_000_000_000_000_000));
        Assert.Equal("3000.5", new FixedPrice(3000 * FixedPrice.Scale + (FixedPrice.Scale / 2)).ToString());
        Assert.Equal("0.000000003", EthUsdc3000.ToString());
        Assert.Equal("7", new FixedPrice(7 * FixedPrice.Scale).ToString());
        Assert.True(EthUsdc3000 < new FixedPrice(EthUsdc3000.Scaled + 1));
    }

    [Fact]
    public void The_same_seed_gives_the_same_path_and_another_stream_a_different_one()
    {
        var a = Path(new RandomTree(7).Stream("cex/ETH-USDC"), 1_000);
        var b = Path(new RandomTree(7).Stream("cex/ETH-USDC"), 1_000);
        var c = Path(new RandomTree(7).Stream("cex/BTC-USDC"), 1_000);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void The_path_of_a_fixed_seed_is_pinned()
    {
        // Regression pin: these depend only on xoshiro256**, the polar normal method,
        // DeterministicMath and IEEE arithmetic, so every platform must print them.
        var process = new GbmPriceProcess(new FixedPrice(2000 * FixedPrice.Scale), 0.6, 0.0, new RandomStream(42));
        var prices = Enumerable.Range(0, 3).Select(_ => process.Advance(SimDuration.FromSeconds(12)).ToString()).ToArray();
        Assert.Equal(PinnedPath, prices);
    }

    [Fact]
    public void Without_volatility_the_price_grows_at_the_drift()
    {
        var start = new FixedPrice(2000 * FixedPrice.Scale);
        var process = new GbmPriceProcess(start, 0.0, 0.10, new RandomStream(1));
        for (var day = 0; day < 365; day++)
        {
            process.Advance(SimDuration.FromSeconds(86_400));
        }

        // One year at μ = 10 %: 2000·e^0.1 = 2210.341836151295...
        Assert.Equal(2210.341836151295, process.Current.ToDouble(), 9);
        Assert.Equal(SimDuration.FromSeconds(365 * 86_400), process.Elapsed);
    }

    [Fact]
    public void The_empirical_volatility_of_a_long_path_is_the_configured_one()
    {
        const double sigma = 0.6;
        var step = SimDuration.FromSeconds(60);
        var process = new GbmPriceProcess(new FixedPrice(3000 * FixedPrice.Scale), sigma, 0.0, new RandomTree(3).Stream("cex"));
        const int steps = 365 * 24 * 60;
        double sum = 0, sumSquares = 0;
        var previous = process.Current.ToDouble();
        for (var i = 0; i < steps; i++)
        {
            var next = process.Advance(step).ToDouble();
            var logReturn = Math.Log(next / previous);
            sum += logReturn;
            sumSquares += logReturn * logReturn;
            previous = next;
        }

        var variance = (sumSquares - (sum * sum / steps)) / (steps - 1);
        var annualised = Math.Sqrt(variance / (60.0 / GbmPriceProcess.SecondsPerYear));

        // The estimate's standard error is σ/√(2n) ≈ 0.0006; allow about ten of them.
        Assert.InRange(annualised, sigma - 0.006, sigma + 0.006);
    }

    [Fact]
    public void A_zero_step_draws_nothing_and_changes_nothing()
    {
        var withZeroSteps = new GbmPriceProcess(EthUsdc3000, 0.6, 0.0, new RandomStream(5));
        var without = new GbmPriceProcess(EthUsdc3000, 0.6, 0.0, new RandomStream(5));
        Assert.Equal(EthUsdc3000, withZeroSteps.Advance(SimDuration.Zero));
        withZeroSteps.Advance(SimDuration.Zero);

        Assert.Equal(without.Advance(SimDuration.FromSeconds(2)), withZeroSteps.Advance(SimDuration.FromSeconds(2)));
    }

    [Fact]
    public void Bad_parameters_are_rejected_with_a_reason()
    {
        var random = new RandomStream(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmPriceProcess(new FixedPrice(0), 0.6, 0, random));
        var vol = Assert.Throws<ArgumentOutOfRangeException>(() => new GbmPriceProcess(EthUsdc3000, -0.1, 0, random));
        Assert.Contains("0.6 = 60 %", vol.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmPriceProcess(EthUsdc3000, 0.6, double.NaN, random));
        var process = new GbmPriceProcess(EthUsdc3000, 0.6, 0, random);
        Assert.Throws<ArgumentOutOfRangeException>(() => process.Advance(new SimDuration(-1)));
    }

    [Fact]
    public void Price_gap_is_signed_basis_points_of_the_cex_price()
    {
        var one = new FixedPrice(FixedPrice.Scale);
        Assert.Equal(0, PriceGap.BasisPoints(1000, 1000, one));
        Assert.Equal(100, PriceGap.BasisPoints(1000, 1010, one));
        Assert.Equal(-7500, PriceGap.BasisPoints(1000, 1000, new FixedPrice(4 * FixedPrice.Scale)));
        Assert.Equal(-4, PriceGap.BasisPoints(10_000, 9_996, one));
        Assert.Equal(-3, PriceGap.BasisPoints(100_000, 99_965, one)); // −3.5 truncates toward zero
        // 1000 ETH against 3 030 000 USDC at a CEX price of 3000: +1 %.
        Assert.Equal(100, PriceGap.BasisPoints(1000 * FixedPrice.Scale, 3_030_000_000_000, EthUsdc3000));
    }

    [Fact]
    public void Gap_statistics_aggregate_absolute_gaps()
    {
        var stats = new PriceGapStatistics();
        Assert.Equal(0ul, stats.MeanAbsoluteBasisPoints);
        stats.Observe(-30);
        stats.Observe(10);
        stats.Observe(5);
        stats.Observe(long.MinValue + 1);
        Assert.Equal(4, stats.Samples);
        Assert.Equal((ulong)long.MaxValue, stats.MaxAbsoluteBasisPoints);
        Assert.Equal(long.MinValue + 1, stats.LastBasisPoints);

        var small = new PriceGapStatistics();
        small.Observe(-30);
        small.Observe(10);
        small.Observe(5);
        Assert.Equal(15ul, small.MeanAbsoluteBasisPoints);
        Assert.Equal(30ul, small.MaxAbsoluteBasisPoints);
    }

    private static readonly string[] PinnedPath = ["1999.46236376582193152", "1999.30593998831484928", "1999.469805317128978432"];

    private static List<UInt128> Path(RandomStream random, int steps)
    {
        var process = new GbmPriceProcess(EthUsdc3000, 0.6, 0.0, random);
        var path = new List<UInt128>();
        for (var i = 0; i < steps; i++)
        {
            path.Add(process.Advance(SimDuration.FromSeconds(2)).Scaled);
        }

        return path;
    }
}
