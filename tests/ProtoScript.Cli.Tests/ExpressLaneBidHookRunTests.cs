namespace ProtoScript.Cli.Tests;

/// <summary>The Timeboost example with its bid rule replaced by a C# hook, run by the CLI on both engines.</summary>
public class ExpressLaneBidHookRunTests
{
    private const string ConstantBids = "bid = csharp => me.Index == 0 ? (UInt128)5 : 3";

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void A_bid_hook_prints_the_same_report_on_the_scripted_and_the_compiled_engine(string format)
    {
        var path = TempFiles.Write("lane.proto-script", WithBid(ConstantBids));

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", format);
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", format);

        Assert.Equal(0, scripted.ExitCode);
        Assert.Equal(scripted, compiled);
    }

    [Fact]
    public void Constant_bids_give_arb1_every_round_at_the_runner_up_bid()
    {
        var path = TempFiles.Write("lane.proto-script", WithBid(ConstantBids));

        var run = Cli.Run("run", path);

        // Five auctions close in 340 s (at 45, 105, 165, 225 and 285 s); arb1 bids 5 wei, the others 3.
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\n    rounds sold +5\n", run.Stdout);
        Assert.Matches(@"\n    bids +20\n", run.Stdout);
        Assert.Matches(@"\n    revenue \(to the sequencer\) +0\.000000000000000015 ETH", run.Stdout);
        Assert.Matches(@"\n      arb1 +5 rounds won, paid 0\.000000000000000015 ETH;", run.Stdout);
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_bid_above_the_bidders_ether_is_a_located_error_on_both_engines(string engine)
    {
        var path = TempFiles.Write("lane.proto-script", WithBid("bid = csharp => me.BaseBalance + 1"));

        var run = Cli.Run("run", path, "--engine", engine);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("lane.proto-script:36:23: error PS4006: hook `rollup A express_lane bid` returned an impossible bid: a bid of ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(" at 44950 ms in block 180 of rollup A\n", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("= help: return at most `me.BaseBalance` wei (the bidder's ether), or 0 for no bid", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    private static string WithBid(string bid)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Examples, "timeboost.proto-script")).ReplaceLineEndings("\n");
        Assert.Contains("      price = second\n", text, StringComparison.Ordinal);
        return text
            .Replace("      price = second\n", "      price = second\n      " + bid + "\n", StringComparison.Ordinal)
            .Replace("reserve = 0.001 eth", "reserve = 0 eth", StringComparison.Ordinal);
    }
}
