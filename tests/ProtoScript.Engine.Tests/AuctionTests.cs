using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Trading;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;
using DaKind = ProtoScript.Engine.DataAvailability.TransactionKind;

namespace ProtoScript.Engine.Tests;

public class AuctionTests
{
    private static readonly UInt128 Eth = Wei.PerEther;
    private static readonly UInt128 Usdc = 1_000_000;
    private static readonly UInt128 BaseFee = Wei.PerGwei;
    private static readonly AmmModel EthUsdc = new("ETH/USDC", "eth", "usdc", 1_000 * Eth, 3_000_000 * Usdc, 3_000);

    // ⌊10^18·9970·3·10^12 / (1000·10^18·10^4 + 10^18·9970)⌋: 1 ETH into the untouched pool.
    private static readonly UInt128 FirstSwapOut = 2_988_020_943;

    [Fact]
    public void The_highest_sealed_bid_goes_first_and_pays_its_bid_to_the_sequencer()
    {
        var chain = AuctionChain(AuctionPrice.First);
        var sequencerBefore = chain.State.Balance(chain.SequencerAccount);

        // A user outbids everyone on priority fee in the mempool, with the same trade.
        chain.Market!.SubmitSwap(Swap(0, minOut: 0) with { PriorityFeePerGas = 1_000 * Wei.PerGwei });
        chain.Auction!.Submit(Swap(1, minOut: FirstSwapOut), 300 * Wei.PerGwei);
        chain.Auction.Submit(Swap(2, minOut: FirstSwapOut), 500 * Wei.PerGwei);
        chain.Auction.Submit(Swap(3, minOut: FirstSwapOut), 400 * Wei.PerGwei);
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        // Only the first trade in the block gets exactly FirstSwapOut: account 2 went first.
        Assert.Equal((30_000 * Usdc) + FirstSwapOut, chain.State.TokenBalance(0, 2));
        var swapGas = Transaction.SwapGas * BaseFee;
        var paymentGas = Transaction.TransferGas * BaseFee;
        Assert.Equal((10 * Eth) - Eth - swapGas - (500 * Wei.PerGwei) - paymentGas, chain.State.Balance(2));
        Assert.Equal(2UL, chain.State.Nonce(2));

        // Losers pay nothing and their transactions never land.
        Assert.Equal(10 * Eth, chain.State.Balance(1));
        Assert.Equal(0UL, chain.State.Nonce(1));
        Assert.Equal(10 * Eth, chain.State.Balance(3));

        var userTip = Transaction.SwapGas * 1_000 * Wei.PerGwei;
        Assert.Equal(sequencerBefore + userTip + (500 * Wei.PerGwei), chain.State.Balance(chain.SequencerAccount));
        Assert.Equal(userTip + (500 * Wei.PerGwei), chain.Fees[Role.Sequencer]);

        // Booked by kind: the auction's payment apart from the tips a fee split would distribute.
        Assert.Equal(userTip, chain.Fees.Of(Role.Sequencer, FeeKind.PriorityFee));
        Assert.Equal(500 * Wei.PerGwei, chain.Fees.Of(Role.Sequencer, FeeKind.AuctionPayment));
        Assert.Equal(3, chain.Auction.Bids);
        Assert.Equal(1, chain.Auction.Sold);
        Assert.Equal(500 * Wei.PerGwei, chain.Auction.Revenue);
        var winner = Assert.Single(chain.Auction.Winners);
        Assert.Equal((2, 1L, 500 * Wei.PerGwei), (winner.Account, winner.Wins, winner.Paid));
        Assert.Equal(2, chain.Metrics.Included); // the winner's swap and the user's; the payment is not a user transaction
        Assert.Equal(chain.InitialSupply, chain.State.TotalBalance() + chain.Fees[Role.Burned]);
    }

    [Fact]
    public void A_second_price_winner_pays_the_highest_losing_bid()
    {
        var chain = AuctionChain(AuctionPrice.Second);
        chain.Auction!.Submit(Swap(1, minOut: FirstSwapOut), 300 * Wei.PerGwei);
        chain.Auction.Submit(Swap(2, minOut: FirstSwapOut), 500 * Wei.PerGwei);
        chain.Auction.Submit(Swap(3, minOut: FirstSwapOut), 400 * Wei.PerGwei);
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(400 * Wei.PerGwei, chain.Auction.Revenue);
        Assert.Equal(500 * Wei.PerGwei, chain.Auction.WinningBids);
        Assert.Equal((10 * Eth) - Eth - (Transaction.SwapGas * BaseFee) - (400 * Wei.PerGwei) - (Transaction.TransferGas * BaseFee), chain.State.Balance(2));
    }

    [Fact]
    public void A_lone_second_price_bid_wins_for_nothing_and_sends_no_payment()
    {
        var chain = AuctionChain(AuctionPrice.Second);
        chain.Auction!.Submit(Swap(1, minOut: FirstSwapOut), 300 * Wei.PerGwei);
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(UInt128.Zero, chain.Auction.Revenue);
        Assert.Equal(1UL, chain.State.Nonce(1));
        Assert.Equal((10 * Eth) - Eth - (Transaction.SwapGas * BaseFee), chain.State.Balance(1));
    }

    [Fact]
    public void A_winner_that_cannot_pay_its_bid_is_passed_over_for_the_next_bid()
    {
        var chain = AuctionChain(AuctionPrice.First);
        chain.Auction!.Submit(Swap(1, minOut: FirstSwapOut), 9 * Eth); // 1 ETH in + 9 ETH bid + gas > 10 ETH
        chain.Auction.Submit(Swap(2, minOut: FirstSwapOut), 400 * Wei.PerGwei);
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(1, chain.Auction.Invalid);
        Assert.Equal(400 * Wei.PerGwei, chain.Auction.Revenue);
        Assert.Equal(10 * Eth, chain.State.Balance(1));
        Assert.Equal((30_000 * Usdc) + FirstSwapOut, chain.State.TokenBalance(0, 2));
    }

    [Fact]
    public void Bids_are_forgotten_after_their_block()
    {
        var chain = AuctionChain(AuctionPrice.First);
        chain.Auction!.Submit(Swap(1, minOut: FirstSwapOut), 300 * Wei.PerGwei);
        chain.ProduceBlock(SimDuration.FromSeconds(2));
        chain.ProduceBlock(SimDuration.FromSeconds(4));

        Assert.Equal(1, chain.Auction.Auctions);
        Assert.Equal(1, chain.Auction.Sold);
    }

    [Fact]
    public void An_arbitrageur_bids_its_share_of_the_expected_profit_in_wei()
    {
        // 75 % of 100 USDC is 75 USDC; at 3000 USDC per ETH that is 0.025 ETH.
        var price = FixedPrice.FromWholeUnits(3_000, 18, 6);
        Assert.Equal(25_000_000_000_000_000UL, (ulong)ArbitrageDesk.BidWei(100 * Usdc, 7_500, price));
    }

    [Fact]
    public void The_rest_of_an_auctioned_block_goes_by_priority_fee()
    {
        var rule = new AuctionOrdering();
        var low = new Transaction(0, 1, 0, 0, 1, Transaction.TransferGas, SimDuration.Zero, ArrivalSequence: 0);
        var high = new Transaction(1, 0, 0, 0, 2, Transaction.TransferGas, SimDuration.Zero, ArrivalSequence: 1);
        Assert.True(rule.Compare(in high, in low) < 0);
        Assert.Equal("auction", rule.Name);
    }

    private static RollupChain AuctionChain(AuctionPrice price)
    {
        var model = new RollupModel("A", SimDuration.FromSeconds(2), 30_000_000, OrderingRule.Auction, BaseFee, 4, 10 * Eth)
        {
            Auction = new AuctionModel(price),
            Amms = [EthUsdc],
            TokenBalances = [new TokenBalanceModel("usdc", 30_000 * Usdc)],
        };
        return new RollupChain(model, new AuctionOrdering(), new MarketSetup([new TokenModel("usdc", 6)], TradingModel.None, null));
    }

    private static Transaction Swap(int from, UInt128 minOut) =>
        new(from, 5, Eth, 0, 0, Transaction.SwapGas, SimDuration.Zero)
        {
            Kind = DaKind.Swap,
            PoolIndex = 0,
            Direction = SwapDirection.ZeroForOne,
            MinAmountOut = minOut,
        };
}
