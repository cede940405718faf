namespace ProtoScript.Benchmarks.Tests;

public class PbsBenchmarkTests
{
    [Fact]
    public void Both_scenarios_compile_and_only_the_builders_differ()
    {
        var bundled = PbsBenchmarks.Compile("bundled.proto-script", PbsBenchmarks.BundledText);
        var builders = PbsBenchmarks.Compile("builders.proto-script", PbsBenchmarks.BuildersText);

        Assert.Null(bundled.Rollups[0].Pbs);
        var pbs = builders.Rollups[0].Pbs;
        Assert.NotNull(pbs);
        Assert.Equal(["b1", "b2", "b3", "b4"], pbs.Builders.Select(b => b.Name));
        Assert.Equal(bundled.Rollups[0], builders.Rollups[0] with { Pbs = null });
        var users = Assert.Single(bundled.Workload.Streams);
        var sameUsers = Assert.Single(builders.Workload.Streams);
        Assert.Equal(users with { Rollups = sameUsers.Rollups }, sameUsers);
        Assert.Equal(users.Rollups.ToArray(), sameUsers.Rollups.ToArray());
        Assert.Equal(bundled.Workload.Trading, builders.Workload.Trading);
        Assert.Equal(bundled.Seed, builders.Seed);
        Assert.Equal(bundled.Duration, builders.Duration);
    }
}
