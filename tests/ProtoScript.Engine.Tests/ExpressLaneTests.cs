using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Timeboost;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Timeboost's express lane: the sealed-bid auction of a round, the delay every transaction but
/// the holder's takes to the sequencer, and the holder's payment inside the block.
/// </summary>
public class ExpressLaneTests
{
    private static readonly UInt128 Reserve = 1_000 * TestScenarios.Gwei;
    private static readonly SimDuration Closing = SimDuration.FromSeconds(45);

    private static SimDuration Ms(long ms) => SimDuration.FromMilliseconds(ms);

    private static ExpressLaneAuction SecondPrice() => new(AuctionPrice.Second, Reserve);

    private static bool Anyone(int bidder, UInt128 price) => true;

    [Fact]
    public void Second_price_pays_the_runner_ups_bid()
    {
        var auction = SecondPrice();
        auction.Submit(1, 3 * Reserve, Ms(1_000), Closing);
        auction.Submit(2, 5 * Reserve, Ms(2_000), Closing);
        auction.Submit(3, 2 * Reserve, Ms(3_000), Closing);

        Assert.Equal((2, 3 * Reserve), auction.Close(Anyone));
    }

    [Fact]
    public void First_price_pays_the_winners_own_bid_and_a_tie_goes_to_the_earlier_bid()
    {
        var auction = new ExpressLaneAuction(AuctionPrice.First, Reserve);
        auction.Submit(1, 4 * Reserve, Ms(1_000), Closing);
        auction.Submit(2, 4 * Reserve, Ms(500), Closing); // sent later in the sequence: loses the tie

        Assert.Equal((1, 4 * Reserve), auction.Close(Anyone));
    }

    [Fact]
    public void A_lone_bidder_pays_the_reserve()
    {
        var auction = SecondPrice();
        auction.Submit(7, 9 * Reserve, Ms(1_000), Closing);

        Assert.Equal((7, Reserve), auction.Close(Anyone));
    }

    [Fact]
    public void Bids_below_the_reserve_sell_nothing_and_do_not_set_the_second_price()
    {
        var auction = SecondPrice();
        auction.Submit(1, Reserve - 1, Ms(1_000), Closing);
        auction.Submit(2, Reserve / 2, Ms(1_000), Closing);
        Assert.Null(auction.Close(Anyone));
        Assert.Equal(2, auction.BelowReserve);

        auction.Submit(1, Reserve - 1, Ms(1_000), Closing);
        auction.Submit(2, 2 * Reserve, Ms(1_000), Closing);
        Assert.Equal((2, Reserve), auction.Close(Anyone)); // the bid below the reserve is not the runner-up
    }

    [Fact]
    public void A_bid_at_or_after_the_closing_time_does_not_count()
    {
        var auction = SecondPrice();
        Assert.False(auction.Submit(1, 9 * Reserve, Closing, Closing));
        Assert.False(auction.Submit(2, 9 * Reserve, Closing + Ms(1), Closing));
        Assert.True(auction.Submit(3, 2 * Reserve, Closing - Ms(1), Closing));

        Assert.Equal(2, auction.LateBids);
        Assert.Equal((3, Reserve), auction.Close(Anyone));
    }

    [Fact]
    public void A_bidders_later_bid_replaces_its_earlier_one()
    {
        var auction = SecondPrice();
        auction.Submit(1, 9 * Reserve, Ms(1_000), Closing);
        auction.Submit(2, 3 * Reserve, Ms(1_000), Closing);
        auction.Submit(1, 2 * Reserve, Ms(2_000), Closing);

        Assert.Equal((2, 2 * Reserve), auction.Close(Anyone));
    }

    [Fact]
    public void A_winner_that_cannot_pay_is_passed_over_for_the_next_bid()
    {
        var auction = SecondPrice();
        auction.Submit(1, 9 * Reserve, Ms(1_000), Closing);
        auction.Submit(2, 3 * Reserve, Ms(1_000), Closing);

        Assert.Equal((2, Reserve), auction.Close((bidder, _) => bidder != 1));
        Assert.Equal(1, auction.PassedOver);
    }

    // A lane of 1 s rounds whose auctions close 200 ms before the round, on 250 ms blocks: round 1's
    // auction closes at 800 ms and is opened in the block sealed at 1 000 ms, the first at or after it.
    private static (RollupChain Chain, Scheduler Scheduler) Lane(long delayMs = 200)
    {
        var model = TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 10, blockTimeMs: 250) with
        {
            ExpressLane = new ExpressLaneModel(SimDuration.FromSeconds(1), Ms(200), Ms(delayMs), Reserve, AuctionPrice.Second),
        };
        var chain = new RollupChain(model, new FcfsOrdering()) { CheckSupplyEachBlock = true };
        var scheduler = new Scheduler();
        chain.Start(scheduler);
        return (chain, scheduler);
    }

    private static Transaction Transfer(RollupChain chain, int from, SimDuration now) =>
        new(from, 9, Wei.PerEther / 100, chain.PendingNonce(from), TestScenarios.Gwei, Transaction.TransferGas, now);

    /// <summary>Account 3 bids 5 reserves and account 4 two: account 3 holds round 1 (1 … 2 s) and pays 2 reserves in the block sealed at 1 s.</summary>
    private static void SellRoundOneToAccount3(RollupChain chain, Scheduler scheduler)
    {
        scheduler.RunUntil(Ms(700));
        Assert.True(chain.ExpressLane!.SubmitBid(3, 5 * Reserve, scheduler.Now));
        Assert.True(chain.ExpressLane.SubmitBid(4, 2 * Reserve, scheduler.Now));
        scheduler.RunUntil(Ms(1_000));
        Assert.Equal(3, chain.ExpressLane.HolderOf(1));
    }

    [Fact]
    public void The_winner_pays_the_sequencer_inside_the_block_at_the_closing_and_value_is_conserved()
    {
        var (chain, scheduler) = Lane();
        var before = chain.State.Balance(3);
        SellRoundOneToAccount3(chain, scheduler);

        var lane = chain.ExpressLane!;
        Assert.Equal(1, lane.Auctions);
        Assert.Equal(2 * Reserve, lane.Revenue);
        Assert.Equal(before - (2 * Reserve), chain.State.Balance(3));
        Assert.Equal(2 * Reserve, chain.State.Balance(chain.SequencerAccount));
        Assert.Equal(2 * Reserve, chain.Fees[Role.Sequencer, FeeKind.AuctionPayment]);
        Assert.Equal(0UL, chain.State.Nonce(3)); // the auctioneer moves the deposit; the winner signs nothing
        Assert.Equal(0L, chain.Metrics.Submitted); // a payment is not a transaction anyone sent
        Assert.Null(chain.FirstUnconservedBlock);
    }

    [Fact]
    public void Nobody_is_delayed_in_a_round_without_a_holder()
    {
        var (chain, scheduler) = Lane();
        scheduler.RunUntil(Ms(1_100));
        chain.Submit(Transfer(chain, 0, scheduler.Now)); // round 1 was not sold: no bids

        scheduler.RunUntil(Ms(1_250));
        Assert.Equal(1L, chain.Metrics.Included);
        Assert.Equal(Ms(150), chain.Metrics.InclusionLatency.Summarize().P50);
        Assert.Equal(0L, chain.ExpressLane!.Delayed);
    }

    [Fact]
    public void A_non_holders_transaction_reaches_the_sequencer_the_delay_later()
    {
        var (chain, scheduler) = Lane();
        SellRoundOneToAccount3(chain, scheduler);
        scheduler.RunUntil(Ms(1_100));
        chain.Submit(Transfer(chain, 0, scheduler.Now)); // would be in the block at 1 250 ms; arrives at 1 300 ms

        scheduler.RunUntil(Ms(1_250));
        Assert.Equal(0L, chain.Metrics.Included);
        Assert.Equal(0, chain.Pool.Count);
        Assert.Equal(1UL, chain.PendingNonce(0)); // its next nonce follows the delayed one

        scheduler.RunUntil(Ms(1_500));
        Assert.Equal(1L, chain.Metrics.Included);
        Assert.Equal(Ms(400), chain.Metrics.InclusionLatency.Summarize().P50);
        Assert.Equal(1L, chain.ExpressLane!.Delayed);
    }

    [Theory]
    [InlineData(1_010, 1_150, 3)] // the holder is 140 ms slower, less than the delay: it goes first
    [InlineData(1_010, 1_240, 0)] // the holder is 230 ms slower, more than the delay: the other goes first
    public void The_holder_goes_before_a_non_holder_that_was_faster_by_less_than_the_delay(long otherSendsMs, long holderSendsMs, int first)
    {
        var (chain, scheduler) = Lane();
        SellRoundOneToAccount3(chain, scheduler);
        scheduler.RunUntil(Ms(otherSendsMs));
        chain.Submit(Transfer(chain, 0, scheduler.Now));
        scheduler.RunUntil(Ms(holderSendsMs));
        chain.Submit(Transfer(chain, 3, scheduler.Now));
        scheduler.RunUntil(Ms(1_249));

        Assert.True(chain.Pool.TryPeekBest(out var best));
        Assert.Equal(first, best.From);
        scheduler.RunUntil(Ms(1_250));
        Assert.Equal(2L, chain.Metrics.Included);
    }

    [Fact]
    public void The_holders_transaction_reaches_the_sequencer_at_once()
    {
        var (chain, scheduler) = Lane();
        SellRoundOneToAccount3(chain, scheduler);
        scheduler.RunUntil(Ms(1_100));
        chain.Submit(Transfer(chain, 3, scheduler.Now));

        Assert.Equal(1, chain.Pool.Count);
        scheduler.RunUntil(Ms(1_250));
        Assert.Equal(Ms(150), chain.Metrics.InclusionLatency.Summarize().P50);
        Assert.Equal(0L, chain.ExpressLane!.Delayed);
    }

    [Fact]
    public void The_lane_runs_derivable_and_conserves_value_with_arbitrageurs_bidding()
    {
        var scenario = TestScenarios.Bind("""
            scenario "lane" {
              seed 3
              duration 200 s
              token usdc { decimals = 6 }
              rollup A {
                block_time = 250 ms
                accounts 100 funded 10 eth, 30_000 usdc
                amm "ETH/USDC" { reserves = (1_000 eth, 3_000_000 usdc)  fee = 0.05 % }
                express_lane { }
              }
              workload {
                users = poisson(5 / s) on A
                swaps = 30 %
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
            """);

        var report = Derivation.Verifier.Run(scenario);

        Assert.All(report.Rollups, r => Assert.True(r.Matches, r.Describe()));
        var rollup = Assert.Single(report.Result.Rollups);
        Assert.True(rollup.Supply.Conserved);
        var lane = rollup.ExpressLane!;
        Assert.Equal(3, lane.Auctions); // closings at 45, 105 and 165 s
        Assert.True(lane.RoundsSold > 0);
        Assert.True(lane.Delayed > 0);
        Assert.Equal(lane.Revenue, lane.Arbitrageurs.Aggregate(UInt128.Zero, (sum, a) => sum + a.Paid));
        Assert.Equal(lane.RoundsSold, lane.Arbitrageurs.Sum(a => a.RoundsWon));
        Assert.True(lane.HolderProfit <= lane.ArbitrageProfit);
    }
}
