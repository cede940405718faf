using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Tests;

public class DeterministicExpTests
{
    [Fact]
    public void Exp_agrees_with_the_platform_exp_to_a_few_ulps_over_the_whole_range()
    {
        var stream = new RandomStream(17);
        for (var i = 0; i < 200_000; i++)
        {
            // Mostly small arguments (the GBM case), and the full finite range.
            var x = i % 2 == 0 ? (stream.NextDouble() * 4) - 2 : (stream.NextDouble() * 1450) - 740;
            AssertClose(Math.Exp(x), DeterministicMath.Exp(x), x);
        }
    }

    [Fact]
    public void Exp_is_accurate_in_the_subnormal_and_overflow_edges()
    {
        foreach (var x in new[] { -745.0, -744.5, -740.0, -720.0, -708.5, 700.0, 709.0, 709.78 })
        {
            AssertClose(Math.Exp(x), DeterministicMath.Exp(x), x);
        }
    }

    [Fact]
    public void Exp_handles_special_values()
    {
        Assert.Equal(1.0, DeterministicMath.Exp(0.0));
        Assert.Equal(1.0, DeterministicMath.Exp(-0.0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(710.0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(double.PositiveInfinity));
        Assert.Equal(0.0, DeterministicMath.Exp(-746.0));
        Assert.Equal(0.0, DeterministicMath.Exp(double.NegativeInfinity));
        Assert.True(double.IsNaN(DeterministicMath.Exp(double.NaN)));
    }

    [Fact]
    public void Exp_inverts_the_deterministic_log()
    {
        var stream = new RandomStream(19);
        for (var i = 0; i < 10_000; i++)
        {
            var x = (stream.NextDouble() * 100) - 50;
            var roundTrip = DeterministicMath.Log(DeterministicMath.Exp(x));
            Assert.True(Math.Abs(roundTrip - x) <= 1e-14 * Math.Max(1, Math.Abs(x)), $"log(exp({x:R})) = {roundTrip:R}");
        }
    }

    private static void AssertClose(double expected, double actual, double x)
    {
        if (double.IsInfinity(expected) || expected == 0)
        {
            Assert.Equal(expected, actual);
            return;
        }

        var ulp = Math.BitIncrement(expected) - expected;
        Assert.True(Math.Abs(actual - expected) <= 2 * ulp, $"exp({x:R}) = {actual:R}, expected {expected:R}");
    }
}
