using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Tests;

public class RandomnessTests
{
    // Vectors from Vigna's reference splitmix64.c / xoshiro256starstar.c compiled with gcc.
    [Fact]
    public void SplitMix64_matches_reference_outputs_for_seed_0_and_1()
    {
        var zero = new SplitMix64(0);
        Assert.Equal(
            [0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL],
            new[] { zero.Next(), zero.Next(), zero.Next(), zero.Next() });

        var one = new SplitMix64(1);
        Assert.Equal(
            [0x910A2DEC89025CC1UL, 0xBEEB8DA1658EEC67UL, 0xF893A2EEFB32555EUL, 0x71C18690EE42C90BUL],
            new[] { one.Next(), one.Next(), one.Next(), one.Next() });
    }

    [Theory]
    [InlineData(0UL, new[] { 0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL, 0x1A5F849D4933E6E0UL, 0x6AA594F1262D2D2CUL, 0xBBA5AD4A1F842E59UL })]
    [InlineData(1UL, new[] { 0xB3F2AF6D0FC710C5UL, 0x853B559647364CEAUL, 0x92F89756082A4514UL, 0x642E1C7BC266A3A7UL, 0xB27A48E29A233673UL })]
    public void Xoshiro256StarStar_seeded_by_SplitMix64_matches_reference_outputs(ulong seed, ulong[] expected)
    {
        var stream = new RandomStream(seed);
        var actual = new ulong[expected.Length];
        for (var i = 0; i < actual.Length; i++)
        {
            actual[i] = stream.NextUInt64();
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NextDouble_uses_the_top_53_bits()
    {
        var bits = new RandomStream(0).NextUInt64();
        Assert.Equal((bits >> 11) / 9007199254740992.0, new RandomStream(0).NextDouble());
    }

    [Fact]
    public void NextInt_stays_in_bounds_and_is_roughly_uniform()
    {
        var stream = new RandomStream(3);
        var counts = new int[7];
        const int draws = 70_000;
        for (var i = 0; i < draws; i++)
        {
            counts[stream.NextInt(7)]++;
        }

        // Chi-square with 6 degrees of freedom; 22.46 is the 0.999 quantile.
        var expected = draws / 7.0;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 22.46, $"chi-square {chiSquare}");
    }

    [Fact]
    public void NextUInt64_with_a_bound_of_two_thirds_of_the_range_is_unbiased()
    {
        // With bound B = 2/3 * 2^64, a modulo reduction would put 2/3 of the draws below B/2.
        var stream = new RandomStream(11);
        const ulong bound = 0xAAAA_AAAA_AAAA_AAAAUL;
        var low = 0;
        const int draws = 20_000;
        for (var i = 0; i < draws; i++)
        {
            var x = stream.NextUInt64(bound);
            Assert.True(x < bound);
            if (x < bound / 2)
            {
                low++;
            }
        }

        // Standard deviation of the count is 71.
        Assert.InRange(low, (draws / 2) - 350, (draws / 2) + 350);
    }

    [Fact]
    public void NextExponential_has_the_requested_mean()
    {
        var stream = new RandomStream(5);
        const int draws = 200_000;
        var sum = 0.0;
        for (var i = 0; i < draws; i++)
        {
            var x = stream.NextExponential(20.0);
            Assert.True(x >= 0);
            sum += x;
        }

        // Standard error of the mean is 20 / sqrt(200000) = 0.045.
        Assert.InRange(sum / draws, 19.8, 20.2);
    }

    [Fact]
    public void NextNormal_has_mean_zero_and_unit_variance()
    {
        var stream = new RandomStream(9);
        const int draws = 200_000;
        double sum = 0, sumSquares = 0;
        for (var i = 0; i < draws; i++)
        {
            var x = stream.NextNormal();
            sum += x;
            sumSquares += x * x;
        }

        var mean = sum / draws;
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange((sumSquares / draws) - (mean * mean), 0.98, 1.02);
    }

    [Fact]
    public void RandomTree_derives_the_seed_from_SHA256_of_root_seed_and_path()
    {
        // Reference: first 8 bytes of hashlib.sha256(seed.to_bytes(8, 'big') + path.encode()).
        Assert.Equal(0x185149B50B8B43C9UL, new RandomTree(0).DeriveSeed("workload/0/rollup/A/arrivals"));
        Assert.Equal(0xA0BEDD3ACF51B200UL, new RandomTree(7).DeriveSeed("rollup/A/workload"));
    }

    [Fact]
    public void RandomTree_streams_depend_only_on_root_seed_and_their_own_path()
    {
        var alone = new RandomTree(7).Stream("rollup/A/workload").NextUInt64();

        var crowded = new RandomTree(7);
        _ = crowded.Stream("rollup/B/workload").NextUInt64();
        _ = crowded.Stream("builder/b1").NextUInt64();
        Assert.Equal(alone, crowded.Stream("rollup/A/workload").NextUInt64());

        Assert.NotEqual(alone, new RandomTree(7).Stream("rollup/B/workload").NextUInt64());
        Assert.NotEqual(alone, new RandomTree(8).Stream("rollup/A/workload").NextUInt64());
    }

    [Fact]
    public void DeterministicLog_agrees_with_the_platform_log_to_a_few_ulps()
    {
        var stream = new RandomStream(13);
        for (var i = 0; i < 100_000; i++)
        {
            var x = Math.Pow(2, (stream.NextDouble() * 2000) - 1000) * (1 + stream.NextDouble());
            var expected = Math.Log(x);
            var actual = DeterministicMath.Log(x);
            var ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual - expected) <= 2 * ulp, $"log({x:R}) = {actual:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void DeterministicLog_handles_special_values()
    {
        Assert.Equal(0.0, DeterministicMath.Log(1.0));
        Assert.Equal(double.NegativeInfinity, DeterministicMath.Log(0.0));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Log(double.PositiveInfinity));
        Assert.True(double.IsNaN(DeterministicMath.Log(-1.0)));
        Assert.True(double.IsNaN(DeterministicMath.Log(double.NaN)));
        Assert.Equal(Math.Log(double.Epsilon), DeterministicMath.Log(double.Epsilon), 12);
        Assert.Equal(Math.Log(2.0), DeterministicMath.Log(2.0), 15);
    }
}
