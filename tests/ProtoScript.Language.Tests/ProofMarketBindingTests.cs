using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class ProofMarketBindingTests
{
    private const string OneRollup = """
        scenario "t" {
          seed 1
          duration 1 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
          }
          workload { users = poisson(5 / s) on A }
        PROVERS
        }
        """;

    private static CompilationResult Compile(string provers) =>
        TestSources.Compile(OneRollup.Replace("PROVERS", provers, StringComparison.Ordinal));

    private static string[] Diagnostics(string provers) =>
        [.. Compile(provers).Diagnostics.Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}")];

    [Fact]
    public void Named_market_provers_bind_capacity_speed_cost_and_each_bid_rule_and_count_them()
    {
        var result = Compile("""
              provers for A {
                selection = market {
                  queue = 2
                  prover fast { capacity = 2  speed = 2.5  cost = 0.003 eth per block  bid = cost_plus { margin = 10 % } }
                  prover cheap { cost = 1 gwei per transaction  bid = load { base_margin = 5 %  per_job = 20 % } }
                  prover hooked { cost = 0.002 eth per block  bid = csharp => auction.Cost }
                }
                proof_time = normal(6 s, 1 s) per block
              }
            """);
        Assert.Empty(result.Diagnostics);
        var provers = Assert.Single(result.Model!.Provers);
        Assert.Equal(3, provers.Count);
        Assert.Equal(ProverSelectionKind.Market, provers.Selection.Kind);
        Assert.Equal(2, provers.Selection.QueueLimit);
        var (fast, cheap, hooked) = (provers.Selection.MarketProvers[0], provers.Selection.MarketProvers[1], provers.Selection.MarketProvers[2]);
        Assert.Equal(new MarketProverModel("fast", 2, 2.5, 3 * Wei.PerEther / 1000, ProvingScope.Block, ProverBidKind.CostPlus) { MarginBasisPoints = 1_000 }, fast);
        Assert.Equal(new MarketProverModel("cheap", 1, 1.0, Wei.PerGwei, ProvingScope.Transaction, ProverBidKind.Load) { MarginBasisPoints = 500, PerJobBasisPoints = 2_000 }, cheap);
        Assert.Equal(ProverBidKind.Hook, hooked.Bid);
        Assert.Equal(HookKind.ProverBid, hooked.BidHook!.Kind);
        Assert.Equal("provers for A prover hooked bid", hooked.BidHook.Owner);
        Assert.Contains(hooked.BidHook, result.Model.Hooks);
    }

    [Theory]
    [InlineData("selection = market { prover p { cost = 0.001 eth per block } }  count = 2", "PS3006", "`count` is 2 but the market names 1 provers")]
    [InlineData("selection = market { prover p { cost = 0.001 eth per block } }  cost = 0.002 eth per block", "PS3005", "a market that names its provers has no `cost` of its own")]
    [InlineData("selection = market { prover p { speed = 0  cost = 0.001 eth per block } }", "PS3005", "`speed` must be a plain number between 0.01 and 1000")]
    [InlineData("selection = market { prover p { capacity = 2 } }", "PS3002", "prover `p` is missing `cost`")]
    [InlineData("selection = market { prover p { cost = 0.001 eth } }", "PS3003", "a prover's `cost` must be an amount per block or per transaction")]
    [InlineData("selection = market { prover p { cost = 0.001 eth per block  bid = cost_plush } }", "PS3005", "`cost_plush` is not a valid `bid`")]
    [InlineData("selection = market { prover p { cost = 0.001 eth per block  bid = fixed { margin = 1 % } } }", "PS3005", "`fixed` is not a bidding rule")]
    [InlineData("selection = market { prover p { cost = 0.001 eth per block }; prover p { cost = 0.002 eth per block } }", "PS3004", "prover `p` is already declared")]
    public void Impossible_market_provers_are_errors_that_say_what_to_write(string selection, string code, string message)
    {
        var diagnostics = Diagnostics($"provers for A {{ {selection}  proof_time = 6 s per block }}");
        Assert.Contains(diagnostics, d => d.StartsWith(code, StringComparison.Ordinal) && d.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_spread_form_is_unchanged_and_queue_without_named_provers_is_a_warning()
    {
        var result = Compile("provers for A { count = 2  selection = market { spread = 20 %  queue = 1 }  proof_time = 6 s per block }");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("PS3009", warning.Code);
        var provers = Assert.Single(result.Model!.Provers);
        Assert.Equal(2_000, provers.Selection.SpreadBasisPoints);
        Assert.True(provers.Selection.MarketProvers.IsEmpty);
    }
}
