using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class WorkloadTests
{
    [Fact]
    public void Poisson_arrivals_match_the_rate_over_a_long_run()
    {
        // 50/s for 2000 s: 100000 expected, standard deviation 316.
        var scenario = TestScenarios.Single(
            TestScenarios.Rollup("A", accounts: 1000, gasLimit: 1_000_000_000),
            TestScenarios.Users(50, "A"),
            durationSeconds: 2000);

        var result = Simulator.Run(scenario).Rollups[0].Transactions;

        Assert.InRange(result.Submitted, 100_000 - 1300, 100_000 + 1300);
        Assert.Equal(result.Submitted, result.Included + result.RejectedTotal + result.Pending);
    }

    [Fact]
    public void Each_target_rollup_gets_the_full_rate()
    {
        var result = Simulator.Run(TestScenarios.TwoRollups(durationSeconds: 600, rate: 20));

        foreach (var rollup in result.Rollups)
        {
            // 12000 expected, standard deviation 110.
            Assert.InRange(rollup.Transactions.Submitted, 12_000 - 450, 12_000 + 450);
        }
    }

    [Theory]
    [InlineData(-5.0, 0UL)]
    [InlineData(double.NaN, 0UL)]
    [InlineData(0.4, 0UL)]
    [InlineData(2.5, 2UL)]
    [InlineData(3.5, 4UL)]
    [InlineData(1e9, 1_000_000_000UL)]
    public void Amounts_are_clamped_at_zero_and_rounded_half_to_even(double amount, ulong expected)
    {
        Assert.Equal((UInt128)expected, DistributionSampler.ToWei(amount));
    }

    [Fact]
    public void Amounts_above_64_bits_convert_exactly()
    {
        Assert.Equal(100 * Wei.PerEther, DistributionSampler.ToWei(1e20));
        Assert.Equal(DistributionSampler.MaxAmount, DistributionSampler.ToWei(1e40));
    }

    [Fact]
    public void Uniform_draws_stay_between_their_bounds()
    {
        var random = new RandomStream(1);
        var uniform = new DistributionModel(DistributionKind.Uniform, 10, 20);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(DistributionSampler.Sample(uniform, random), 10, 20);
        }
    }

    [Fact]
    public void Constant_draws_return_the_constant()
    {
        Assert.Equal((UInt128)7, DistributionSampler.SampleWei(new DistributionModel(DistributionKind.Constant, 7, 0), new RandomStream(1)));
    }

    [Fact]
    public void Lognormal_draws_are_positive_with_the_configured_mean_and_spread()
    {
        var distribution = new DistributionModel(DistributionKind.LogNormal, 2e9, 3e9);
        var random = new RandomStream(7);
        var draws = Enumerable.Range(0, 200_000).Select(_ => DistributionSampler.Sample(distribution, random)).ToArray();
        Assert.All(draws, d => Assert.True(d > 0));
        var mean = draws.Average();
        var sd = Math.Sqrt(draws.Select(d => (d - mean) * (d - mean)).Average());
        Assert.InRange(mean, 1.95e9, 2.05e9);
        Assert.InRange(sd, 2.7e9, 3.3e9);
    }

    [Fact]
    public void Lognormal_draws_repeat_exactly_for_the_same_seed()
    {
        var distribution = new DistributionModel(DistributionKind.LogNormal, 1e15, 5e14);
        var a = new RandomStream(3);
        var b = new RandomStream(3);
        Assert.Equal(
            Enumerable.Range(0, 100).Select(_ => DistributionSampler.SampleWei(distribution, a)),
            Enumerable.Range(0, 100).Select(_ => DistributionSampler.SampleWei(distribution, b)));
    }
}
