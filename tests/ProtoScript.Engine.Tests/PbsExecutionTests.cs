using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;
using DaKind = ProtoScript.Engine.DataAvailability.TransactionKind;

namespace ProtoScript.Engine.Tests;

/// <summary>PBS candidates that execute swaps, withdrawals and cross-chain messages: a loser leaves no trace outside the accounts either.</summary>
public class PbsExecutionTests
{
    private static readonly UInt128 Eth = Wei.PerEther;
    private static readonly UInt128 Usdc = 1_000_000;
    private static readonly UInt128 Gwei = Wei.PerGwei;
    private static readonly SimDuration Seal = SimDuration.FromSeconds(2);
    private static readonly AmmModel EthUsdc = new("ETH/USDC", "eth", "usdc", 1_000 * Eth, 3_000_000 * Usdc, 3_000);

    // ⌊10^18·9970·3·10^12 / (1000·10^18·10^4 + 10^18·9970)⌋: 1 ETH into the untouched pool.
    private static readonly UInt128 FirstSwapOut = 2_988_020_943;

    // Builder "private" takes account 0 (25 % of 4 users) as exclusive flow; "public" sees only the mempool.
    private static PbsBuilderModel Private(int bidPercent) =>
        new("private", SimDuration.FromMilliseconds(10), 250_000, bidPercent * 10_000, PbsStrategy.Greedy);

    private static readonly PbsBuilderModel Public = new("public", SimDuration.FromMilliseconds(10), 0, 1_000_000, PbsStrategy.Greedy);

    private static RollupChain MarketChain(params PbsBuilderModel[] builders)
    {
        var model = TestScenarios.Rollup("A", OrderingRule.PriorityFee, accounts: 4, initialBalance: 10 * Eth) with
        {
            Amms = [EthUsdc],
            TokenBalances = [new TokenBalanceModel("usdc", 30_000 * Usdc)],
            Pbs = new PbsModel(AuctionPrice.First, SimDuration.FromMilliseconds(100), [.. builders]),
        };
        return new RollupChain(model, new PriorityFeeOrdering(), new MarketSetup([new TokenModel("usdc", 6)], TradingModel.None, null), RollupParts.None)
        {
            CheckSupplyEachBlock = true,
        };
    }

    // Account 0's swap of 1 ETH pays 100_000 gas × 1 gwei; account 1's public transfer 21_000 × 10 gwei.
    private static void SendSwapAndTransfer(RollupChain chain)
    {
        chain.Market!.SubmitSwap(new Transaction(0, chain.Market.FirstPoolAccount, Eth, 0, Gwei, Transaction.SwapGas, SimDuration.FromSeconds(1))
        {
            Kind = DaKind.Swap,
            PoolIndex = 0,
            Direction = SwapDirection.ZeroForOne,
            MinAmountOut = FirstSwapOut,
        });
        chain.Submit(new Transaction(1, 2, Eth, 0, 10 * Gwei, Transaction.TransferGas, SimDuration.FromSeconds(1)));
    }

    [Fact]
    public void A_losing_candidate_s_swap_leaves_the_pool_and_the_market_s_counters_exactly_as_before()
    {
        // "private" bids 10 % of (210_000 + 100_000) gwei = 31_000 gwei; "public" 100 % of 210_000 gwei.
        var chain = MarketChain(Private(10), Public);
        SendSwapAndTransfer(chain);

        chain.ProduceBlock(Seal);

        var market = chain.Market!;
        var pool = market.Pools[0];
        Assert.Equal([0L, 1L], chain.Pbs!.Tallies.Select(t => t.Wins));
        Assert.Equal((1_000 * Eth, 3_000_000 * Usdc, 0L), (pool.Reserve0, pool.Reserve1, pool.SwapCount));
        Assert.Equal((UInt128.Zero, UInt128.Zero), (pool.FeesAccrued0, pool.FeesAccrued1));
        Assert.Equal(0, market.SwapsIncluded);
        Assert.All(Enum.GetValues<RejectReason>(), r => Assert.Equal(0, market.SwapsRejected(r)));
        Assert.Equal(UInt128.Zero, market.Mev.Total);
        Assert.Equal(30_000 * Usdc, chain.State.TokenBalance(0, 0));
        Assert.Equal(0UL, chain.State.Nonce(0));
        Assert.Equal(1UL, chain.PendingNonce(0)); // still waiting in its builder's private pool
        Assert.Equal(1, chain.Metrics.Included);
        Assert.Equal(0, chain.World.OpenSnapshots);
        Assert.Null(chain.FirstUnconservedBlock);
    }

    [Theory]
    [InlineData(true)] // the winner was built first: restored, then replayed
    [InlineData(false)] // the winner was built last: its snapshot is committed
    public void The_winning_candidate_s_swap_moves_the_pool_once(bool winnerFirst)
    {
        var chain = winnerFirst ? MarketChain(Private(100), Public) : MarketChain(Public, Private(100));
        SendSwapAndTransfer(chain);

        chain.ProduceBlock(Seal);

        var market = chain.Market!;
        var pool = market.Pools[0];
        Assert.Equal(1, chain.Pbs!.BuilderBlocks);
        Assert.Equal(1, chain.Pbs.Tallies.Single(t => t.Name == "private").Wins);
        Assert.Equal((1_001 * Eth, (3_000_000 * Usdc) - FirstSwapOut, 1L), (pool.Reserve0, pool.Reserve1, pool.SwapCount));
        Assert.Equal(1, market.SwapsIncluded);
        Assert.Equal((30_000 * Usdc) + FirstSwapOut, chain.State.TokenBalance(0, 0));
        Assert.Equal(1_001 * Eth, chain.State.Balance(market.FirstPoolAccount));
        Assert.Equal(1UL, chain.State.Nonce(0));
        Assert.Equal(2, chain.Metrics.Included);
        Assert.Equal(0, chain.World.OpenSnapshots);
        Assert.Null(chain.FirstUnconservedBlock);
    }

    [Fact]
    public void A_swap_that_reverts_in_the_winning_candidate_pays_its_gas_and_counts_as_rejected_once()
    {
        var chain = MarketChain(Public, Private(100));
        chain.Market!.SubmitSwap(new Transaction(0, chain.Market.FirstPoolAccount, Eth, 0, Gwei, Transaction.SwapGas, SimDuration.FromSeconds(1))
        {
            Kind = DaKind.Swap,
            PoolIndex = 0,
            Direction = SwapDirection.ZeroForOne,
            MinAmountOut = FirstSwapOut + 1, // one unit more than the pool pays
        });

        chain.ProduceBlock(Seal);

        var market = chain.Market;
        Assert.Equal(1, market.SwapsRejected(RejectReason.SlippageExceeded));
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.SlippageExceeded));
        Assert.Equal(0, chain.Metrics.Included);
        Assert.Equal(Transaction.SwapGas, chain.Metrics.GasUsed);
        Assert.Equal(0L, market.Pools[0].SwapCount);
        Assert.Equal(1UL, chain.State.Nonce(0));
        Assert.Equal((10 * Eth) - (Transaction.SwapGas * 2 * Gwei), chain.State.Balance(0)); // base fee 1 gwei + tip 1 gwei
    }

    [Theory]
    [InlineData(10, 0)] // the private builder loses: no withdrawal, no message
    [InlineData(100, 1)] // it wins: each happens once
    public void A_candidate_s_withdrawal_and_message_count_only_if_it_wins(int privateBid, int expected)
    {
        var hub = new CrossChainHub(1); // only the source: the message waits in its outbox
        var model = TestScenarios.Rollup("A", OrderingRule.PriorityFee, accounts: 4, initialBalance: 10 * Eth) with
        {
            Pbs = new PbsModel(AuctionPrice.First, SimDuration.FromMilliseconds(100), [Private(privateBid), Public]),
        };
        var chain = new RollupChain(model, new PriorityFeeOrdering(), null, new RollupParts { CrossChain = hub.Connect(0) }) { CheckSupplyEachBlock = true };
        var sent = SimDuration.FromSeconds(1);
        chain.Submit(new Transaction(0, 0, 2 * Eth, 0, Gwei, Transaction.TransferGas, sent) { Kind = DaKind.Withdrawal });
        chain.Submit(new Transaction(0, 3, 3 * Eth, 1, Gwei, Transaction.TransferGas, sent) { Kind = DaKind.CrossChainMessage, PeerRollup = 1 });
        chain.Submit(new Transaction(1, 2, Eth, 0, 10 * Gwei, Transaction.TransferGas, sent));

        chain.ProduceBlock(Seal);

        Assert.Equal(expected, chain.Pbs!.Tallies[0].Wins);
        Assert.Equal(expected, chain.Bridge.WithdrawalsInitiated);
        Assert.Equal(2 * Eth * (uint)expected, chain.Bridge.Withdrawn);
        Assert.Equal(expected, hub.Metrics.Sent);
        Assert.Equal(3 * Eth * (uint)expected, hub.Metrics.ValueSent);
        Assert.Equal(3 * Eth * (uint)expected, chain.CrossChain!.ValueOut);
        Assert.Equal(3 * Eth * (uint)expected, chain.CrossChain.ValueInFlightOut());
        Assert.Equal((ulong)(2 * expected), chain.State.Nonce(0));
        Assert.Null(chain.FirstUnconservedBlock);
    }

    [Fact]
    public void A_run_with_PBS_swaps_arbitrage_withdrawals_and_messages_conserves_value_and_derives()
    {
        var scenario = TestScenarios.Bind("""
            scenario "pbs-mix" {
              seed 5
              duration 2 min
              token usdc { decimals = 6 }
              rollup A {
                block_time = 2 s
                gas_limit = 1_050_000
                ordering = priority_fee
                accounts 200 funded 10 eth, 30_000 usdc
                amm "ETH/USDC" {
                  reserves = (1_000 eth, 3_000_000 usdc)
                  fee = 0.3 %
                }
                pbs { price = second }
              }
              rollup B like A { }
              builder fast for A { latency = 10 ms  bid = 90 % }
              builder flow for A { latency = 40 ms  exclusive_flow = 20 %  bid = 80 % }
              builder late for A { latency = 150 ms  bid = 99 % }
              workload {
                users = poisson(10 / s) on A, B
                priority_fee = exponential(0.01 gwei)
                value = uniform(0.001 eth, 0.1 eth)
                swaps = 30 %
                swap_size = exponential(0.5 eth)
                withdrawals = 5 %
                cross_chain = 10 %
                cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)
                arbitrageurs = 3
                sync_delay = 0 ms
              }
              expect {
                conserved total_supply
                derivable
              }
            }
            """);

        var report = Derivation.Verifier.Run(scenario);

        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
        var a = report.Result.Rollups[0];
        Assert.True(a.Supply.Conserved);
        Assert.True(report.Result.CrossChain!.Conserved);
        Assert.True(a.Trading!.Swaps.Included > 0);
        Assert.True(a.Trading.ArbitragesIncluded > 0);
        Assert.True(a.Bridge!.WithdrawalsInitiated > 0);
        Assert.Equal(a.Blocks, a.Pbs!.BuilderBlocks + a.Pbs.FallbackBlocks);
    }
}

/// <summary>Searchers' bundles to PBS builders: the best-paying one lands at the top, the others never reach the chain.</summary>
public class PbsBundleTests
{
    private const string Scenario = """
        scenario "pbs-bundles" {
          seed 7
          duration 3 min
          token usdc { decimals = 6 }
          rollup A {
            block_time = 2 s
            gas_limit = 3_000_000
            ordering = priority_fee
            accounts 200 funded 10 eth, 30_000 usdc
            amm "ETH/USDC" {
              reserves = (1_000 eth, 3_000_000 usdc)
              fee = 0.3 %
            }
            pbs { price = first }
          }
          builder fast for A { latency = 10 ms  bid = 90 % }
          builder flow for A { latency = 40 ms  exclusive_flow = 20 %  bid = 80 % }
          workload {
            users = poisson(10 / s) on A
            priority_fee = exponential(0.01 gwei)
            value = uniform(0.001 eth, 0.1 eth)
            swaps = 20 %
            swap_size = exponential(0.5 eth)
            cex_price = gbm(start = 3000 usdc, volatility = 60 % per year)
            arbitrageurs = 3
            sync_delay = 0 ms
          }
          expect {
            conserved total_supply
            derivable
          }
        }
        """;

    [Fact]
    public void Each_block_lands_at_most_one_bundle_and_losing_bundles_never_reach_the_chain()
    {
        var report = Derivation.Verifier.Run(TestScenarios.Bind(Scenario));

        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
        var rollup = Assert.Single(report.Result.Rollups);
        var pbs = rollup.Pbs!;
        var trading = rollup.Trading!;
        Assert.True(rollup.Supply.Conserved);
        Assert.True(pbs.BundlesLanded > 0);
        Assert.True(pbs.BundlesReceived > pbs.BundlesLanded); // three searchers race for one top of block
        Assert.True(pbs.BundlesLanded <= pbs.BuilderBlocks);

        // A losing bundle is neither submitted to the chain nor reverted in it: every arbitrage that reached the chain executed.
        Assert.Equal(pbs.BundlesLanded, trading.ArbitragesIncluded);
        Assert.Equal(trading.ArbitragesSubmitted, trading.ArbitragesIncluded);
        Assert.Equal(pbs.BundlesLanded, pbs.Builders.Sum(b => b.Bundles));
    }

    [Fact]
    public void The_arbitrage_splits_between_searchers_builders_and_the_proposer_and_the_builders_share_follows_their_margin()
    {
        var result = Derivation.Verifier.Run(TestScenarios.Bind(Scenario)).Result;

        var rollup = Assert.Single(result.Rollups);
        var pbs = rollup.Pbs!;
        var mev = rollup.Trading!.Mev;
        Assert.Equal("usdc", pbs.MevToken);
        Assert.Equal(mev.Total, mev.OfRole("arbitrageur") + mev.OfRole("builder") + mev.OfRole("sequencer"));
        Assert.Equal(pbs.BuilderMev, mev.OfRole("builder"));
        Assert.True(mev.OfRole("builder") > UInt128.Zero);
        Assert.True(mev.OfRole("sequencer") > mev.OfRole("builder")); // bids of 80–90 % leave the builders the smaller share
        Assert.All(pbs.Builders, b => Assert.True(b.Mev == UInt128.Zero || b.Wins > 0));
    }
}
