using ProtoScript.Engine.Amm;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Back-running: a user's swap that moves the pool past its fee is followed, in the same block and
/// right behind it, by a back-run that trades the pool back toward the reference price; a swap too
/// small to pay the fee and the gas is left alone.
/// </summary>
public class BackRunTests
{
    private static readonly UInt128 Eth = Wei.PerEther;
    private static readonly UInt128 Usdc = 1_000_000;

    // Users 0–9, the sequencer 10, the pool 11, the back-runners 12 and 13 (no arbitrageurs, no CEX).
    private const int FirstBackRunner = 12;

    private static string Scenario(string swapSize, int backRunners) => $$"""
        scenario "back-run" {
          seed 5
          duration 30 s
          token usdc { decimals = 6 }
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            ordering = priority_fee
            accounts 10 funded 100 eth, 300_000 usdc
            amm "ETH/USDC" { reserves = (100 eth, 300_000 usdc)  fee = 0.3 % }
            batch { every = 12 s  to = ethereum.blobs  compression = none }
          }
          workload {
            users = poisson(0.2 / s) on A
            priority_fee = constant(1 gwei)
            swaps = 100 %
            swap_size = constant({{swapSize}})
            back_runners = {{backRunners}}
          }
          expect {
            conserved total_supply
            derivable
          }
        }
        """;

    private static (SimulationResult Result, List<BatchBlock> Blocks) Run(string swapSize, int backRunners)
    {
        var report = Derivation.Verifier.Run(TestScenarios.Bind(Scenario(swapSize, backRunners)), new SimulationOptions { RetainL1Data = true });
        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
        var result = report.Result;
        Assert.True(result.Rollups[0].Supply.Conserved);
        Assert.True(result.Rollups[0].Trading!.TokensConserved);
        var blocks = result.L1Data!.Transactions
            .SelectMany(t => ChannelFrames.DecodeTransactionData(t.Data.Span))
            .GroupBy(f => f.Channel)
            .SelectMany(channel => BatchCodec.Decode(ChannelFrames.Reassemble(channel)).Blocks)
            .ToList();
        return (result, blocks);
    }

    [Fact]
    public void A_swap_that_moves_the_price_past_the_fee_is_back_run_right_behind_it_in_the_same_block()
    {
        // A 5 eth sale into a 100 eth pool moves its price by about 10 %, far past the 0.3 % fee.
        var (result, blocks) = Run("5 eth", 2);

        var swaps = 0;
        foreach (var block in blocks)
        {
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                if (block.Transactions[i].Kind != TransactionKind.Swap || block.Transactions[i].From >= 10)
                {
                    continue;
                }

                swaps++;
                var next = block.Transactions[i + 1];
                Assert.InRange(next.From, FirstBackRunner, FirstBackRunner + 1);
                Assert.Equal(block.Transactions[i].PriorityFeePerGas, next.PriorityFeePerGas);
            }
        }

        Assert.True(swaps >= 3, $"{swaps} user swaps");
        var trading = result.Rollups[0].Trading!;
        Assert.True(trading.Mev.ByCaptor.Where(c => c.Name.StartsWith("arbitrageur br", StringComparison.Ordinal)).Sum(c => c.Events) >= swaps);

        // The first block by hand: user 9 sells 5 eth into (100 eth, 300_000 usdc), taking
        // 5·0.997·300_000 / 104.985 ≈ 14_245.0 usdc, so y ≈ 285_755.0. The back-run toward 3_000 usdc
        // pays Δy* = (√(3_000·0.997·105·285_755) − 285_755) / 0.997 ≈ 13_857.9 usdc back in.
        var first = blocks.First(b => b.Transactions.Count > 0).Transactions;
        Assert.Equal(SwapDirection.ZeroForOne, first[0].Direction);
        Assert.Equal(SwapDirection.OneForZero, first[1].Direction);
        Assert.InRange(first[1].Value, 13_857 * Usdc, 13_858 * Usdc);
        Assert.True(trading.Mev.OfKind("back_run") > 0);
        Assert.Equal(UInt128.Zero, trading.Mev.OfKind("arbitrage"));
    }

    [Fact]
    public void The_pool_ends_nearer_the_reference_price_than_without_back_runners()
    {
        var with = Run("5 eth", 2).Result.Rollups[0].Trading!.Pools[0].PriceInQuoteUnits;
        var without = Run("5 eth", 0).Result.Rollups[0].Trading!.Pools[0].PriceInQuoteUnits;

        // Without a CEX the reference is the pool's price before each swap as the back-runner sees it
        // (after the last sealed block): 3_000 usdc at the start. Each back-run brings the pool back
        // to within the 0.3 % fee band of its reference, but swaps sent in the same block see the same
        // stale price, so the bands add up a little (without back-runners the run ends near 2_270 usdc).
        static UInt128 Distance(UInt128 price) => price > 3_000 * Usdc ? price - (3_000 * Usdc) : (3_000 * Usdc) - price;
        Assert.True(Distance(with) < Distance(without), $"{with} against {without}");
        Assert.True(Distance(with) * 100 <= 3_000 * Usdc, $"{with} is more than 1 % from 3000 usdc ({without} without)");
    }

    [Fact]
    public void A_swap_too_small_to_pay_the_fee_and_the_gas_is_not_back_run()
    {
        // 0.01 eth into 100 eth moves the price by about 0.02 %, inside the 0.3 % fee.
        var (result, blocks) = Run("0.01 eth", 2);

        Assert.Contains(blocks, b => b.Transactions.Any(t => t.Kind == TransactionKind.Swap));
        Assert.DoesNotContain(blocks, b => b.Transactions.Any(t => t.From >= FirstBackRunner));
        Assert.Equal(UInt128.Zero, result.Rollups[0].Trading!.Mev.OfKind("back_run"));
    }

    [Fact]
    public void The_minimum_output_is_the_break_even_at_the_reference_price()
    {
        // Buying base with 3_000 usdc at a reference of 3_000 usdc per eth, needing 10 usdc of profit:
        // the base must sell for 3_010 usdc, 3_010 / 3_000 eth, rounded up to the wei.
        var price = FixedPrice.FromRatio(3_000 * Usdc, Eth);
        var buy = BackRunDesk.MinimumOutput(ArbitrageDirection.BuyOnPool, 3_000 * Usdc, price, 10 * Usdc);
        Assert.Equal((3_010 * Usdc * Eth + (3_000 * Usdc) - 1) / (3_000 * Usdc), buy);

        // Selling 1 eth: the pool must pay 3_000 usdc to buy it back, plus the 10 usdc.
        var sell = BackRunDesk.MinimumOutput(ArbitrageDirection.SellOnPool, Eth, price, 10 * Usdc);
        Assert.Equal(3_010 * Usdc, sell);
        Assert.Equal(SwapDirection.ZeroForOne, new ArbitrageOpportunity(ArbitrageVerdict.Trade, ArbitrageDirection.SellOnPool, 1, 1, 1, 0, 1, 0, 0, 0).SwapDirection);
    }
}
