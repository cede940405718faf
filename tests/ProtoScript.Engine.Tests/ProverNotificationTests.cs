using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Provers are told of every transaction a block includes, whichever path included it: with a
/// price per transaction, a rollup's proving cost counts exactly the transactions in its blocks.
/// </summary>
public class ProverNotificationTests
{
    private const string Auction = """
        scenario "auction provers" {
          seed 3
          duration 2 min
          token usdc {
            decimals = 6
          }
          rollup A {
            block_time = 2 s
            ordering = auction
            accounts 100 funded 10 eth, 30_000 usdc
            amm "ETH/USDC" {
              reserves = (1_000 eth, 3_000_000 usdc)
              fee = 0.3 %
            }
          }
          workload {
            users = poisson(2 / s) on A
            value = constant(0.01 eth)
            swaps = 30 %
            swap_size = exponential(0.5 eth)
            cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)
            arbitrageurs = 3
          }
          provers for A {
            count = 4
            selection = round_robin
            proof_time = constant(100 ms) per transaction
            cost = 1 gwei per transaction
            pipeline = per_transaction
            aggregation_time = constant(100 ms)
          }
        }
        """;

    private const string Bundles = """
        scenario "bundle provers" {
          seed 3
          duration 2 min
          rollup A {
            block_time = 2 s
            accounts 100 funded 10 eth
          }
          rollup B like A { }
          shared_sequencer s for A, B {
            executes = true
          }
          workload {
            users = poisson(3 / s) on A, B
            value = uniform(0.001 eth, 0.1 eth)
            cross_chain = 20 %
          }
          provers for A, B {
            count = 4
            selection = round_robin
            proof_time = constant(100 ms) per transaction
            cost = 1 gwei per transaction
            pipeline = per_transaction
            aggregation_time = constant(100 ms)
          }
        }
        """;

    private static SimulationResult Run(string text) => Simulator.Run(TestScenarios.Bind(text));

    [Fact]
    public void Provers_prove_the_auction_winners_and_their_payments_as_well_as_the_pools_transactions()
    {
        var a = Assert.Single(Run(Auction).Rollups);
        Assert.NotNull(a.Auction);
        Assert.NotNull(a.Proving);
        Assert.True(a.Auction.Sold > 0);

        // 1 gwei per transaction proof: the users' transactions and auction winners (both included),
        // and each sold position's payment to the sequencer.
        Assert.Equal((UInt128)(ulong)(a.Transactions.Included + a.Auction.Sold) * Wei.PerGwei, a.Proving.Cost);
    }

    [Fact]
    public void Provers_prove_shared_sequencer_bundle_legs_and_cross_chain_deliveries()
    {
        var result = Run(Bundles);
        Assert.NotNull(result.CrossChain);
        Assert.True(result.CrossChain.Delivered > 0);

        // Every included transaction (bundle legs among them) and every delivery credited on its destination.
        var proven = result.Rollups.Aggregate(UInt128.Zero, (sum, r) => sum + r.Proving!.Cost);
        var included = result.Rollups.Sum(r => r.Transactions.Included) + result.CrossChain.Delivered;
        Assert.Equal((UInt128)(ulong)included * Wei.PerGwei, proven);
    }
}
