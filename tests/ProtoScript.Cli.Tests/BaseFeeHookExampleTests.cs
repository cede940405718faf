namespace ProtoScript.Cli.Tests;

/// <summary>The base fee hook example prints the same report, text and JSON, on the scripted and the compiled engine.</summary>
public class BaseFeeHookExampleTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void The_base_fee_hook_example_prints_the_same_report_on_the_scripted_and_the_compiled_engine(string format)
    {
        var path = Path.Combine(Repository.Examples, "base-fee-hook.proto-script");

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", format);
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", format);

        Assert.Equal(0, scripted.ExitCode);
        Assert.Contains(format == "json" ? "\"rule\": \"csharp\"" : "base fee market (csharp hook", scripted.Stdout, StringComparison.Ordinal);
        Assert.Equal(scripted, compiled);
    }

    [Fact]
    public void A_constant_2_gwei_base_fee_hook_burns_21_000_times_2_gwei_per_transfer_on_both_engines()
    {
        var source = File.ReadAllText(Path.Combine(Repository.Examples, "quickstart.proto-script"))
            .Replace("rollup B like A {", "rollup B like A {\n    fees {\n      base_fee_market = csharp => BaseFeeParentView.Gwei(2)\n    }", StringComparison.Ordinal);
        var path = TempFiles.Write("constant-base-fee.proto-script", source);

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", "json");
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", "json");

        Assert.Equal(0, scripted.ExitCode);
        Assert.Equal(scripted, compiled);
        using var report = System.Text.Json.JsonDocument.Parse(scripted.Stdout);
        var b = report.RootElement.GetProperty("rollups").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "B");
        var market = b.GetProperty("baseFeeMarket");
        Assert.Equal(("2000000000", "2000000000"), (market.GetProperty("minWei").GetString(), market.GetProperty("maxWei").GetString()));
        var included = b.GetProperty("transactions").GetProperty("included").GetInt64();
        Assert.True(included > 0);
        var baseFees = UInt128.Parse(b.GetProperty("feeDistribution").GetProperty("usersPaid").GetProperty("baseFeesWei").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((UInt128)included * 21_000 * 2_000_000_000, baseFees);
    }
}
