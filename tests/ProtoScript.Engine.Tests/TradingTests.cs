using System.Collections.Immutable;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.State;
using ProtoScript.Engine.Trading;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;
using DaKind = ProtoScript.Engine.DataAvailability.TransactionKind;

namespace ProtoScript.Engine.Tests;

public class TradingTests
{
    private static readonly UInt128 Eth = Wei.PerEther;
    private static readonly UInt128 Usdc = 1_000_000;
    private static readonly TokenModel UsdcToken = new("usdc", 6);

    // 1_000 ETH against 3_000_000 USDC at 0.3 %: a price of 3000 USDC per ETH.
    private static readonly AmmModel EthUsdc = new("ETH/USDC", "eth", "usdc", 1_000 * Eth, 3_000_000 * Usdc, 3_000);

    [Fact]
    public void One_swap_moves_the_reserves_and_balances_exactly_by_the_V2_formula()
    {
        var chain = PoolChain(baseFee: Wei.PerGwei);
        var gas = Transaction.SwapGas * Wei.PerGwei;

        // ⌊10^18·9970·3·10^12 / (1000·10^18·10^4 + 10^18·9970)⌋, worked out by hand.
        UInt128 expectedOut = 2_988_020_943;
        chain.Market!.SubmitSwap(Swap(0, SwapDirection.ZeroForOne, Eth, minOut: expectedOut));
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        var pool = chain.Market.Pools[0];
        Assert.Equal(1_001 * Eth, pool.Reserve0);
        Assert.Equal((3_000_000 * Usdc) - expectedOut, pool.Reserve1);
        var poolAccount = chain.Market.FirstPoolAccount;
        Assert.Equal(pool.Reserve0, chain.State.Balance(poolAccount));
        Assert.Equal(pool.Reserve1, chain.State.TokenBalance(0, poolAccount));
        Assert.Equal((10 * Eth) - Eth - gas, chain.State.Balance(0));
        Assert.Equal((30_000 * Usdc) + expectedOut, chain.State.TokenBalance(0, 0));
        Assert.Equal(1UL, chain.State.Nonce(0));
        Assert.Equal(1, chain.Metrics.Included);
        Assert.Equal(chain.InitialSupply, chain.State.TotalBalance() + chain.Fees[Role.Burned]);
        Assert.Equal(chain.Market.GenesisSupply(0), chain.State.TotalTokenBalance(0));
    }

    [Fact]
    public void A_swap_below_its_minimum_reverts_but_pays_its_gas_and_uses_its_nonce()
    {
        var chain = PoolChain(baseFee: Wei.PerGwei);
        chain.Market!.SubmitSwap(Swap(0, SwapDirection.ZeroForOne, Eth, minOut: 2_988_020_944));
        chain.Market.SubmitSwap(Swap(0, SwapDirection.ZeroForOne, Eth, minOut: 0, nonce: 1));
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.SlippageExceeded));
        Assert.Equal(1, chain.Market.SwapsRejected(RejectReason.SlippageExceeded));
        Assert.Equal(1, chain.Metrics.Included); // the follower still executes
        Assert.Equal(2UL, chain.State.Nonce(0));
        Assert.Equal((10 * Eth) - Eth - (2 * Transaction.SwapGas * Wei.PerGwei), chain.State.Balance(0));
        Assert.Equal(2 * Transaction.SwapGas * Wei.PerGwei, chain.Fees[Role.Burned]);
        Assert.Equal(1L, chain.Market.Pools[0].SwapCount);
    }

    [Fact]
    public void A_swap_without_the_input_token_reverts_with_insufficient_balance()
    {
        var chain = PoolChain(baseFee: 0, usdcPerUser: 0);
        chain.Market!.SubmitSwap(Swap(0, SwapDirection.OneForZero, 3_000 * Usdc, minOut: 0));
        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(1, chain.Market.SwapsRejected(RejectReason.InsufficientBalance));
        Assert.Equal(1_000 * Eth, chain.Market.Pools[0].Reserve0);
        Assert.Equal(1UL, chain.State.Nonce(0));
    }

    [Fact]
    public void Token_balances_change_the_state_root()
    {
        var a = new AccountState(3, 1);
        var b = new AccountState(3, 1);
        b.SetTokenBalance(0, 1, 5);

        Assert.NotEqual(MerkleStateTree.ComputeRoot(a), MerkleStateTree.ComputeRoot(b));
        Assert.NotEqual(MerkleStateTree.ComputeRoot(new AccountState(3)), MerkleStateTree.ComputeRoot(a));
    }

    [Fact]
    public void An_arbitrage_after_a_CEX_jump_takes_the_pool_to_the_fee_band_and_records_the_hand_computed_profit()
    {
        // The CEX is at 3300 from the start while the pool is at 3000: a 10 % jump.
        var result = Simulator.Run(ArbitrageScenario(OrderingRule.Fcfs, cexStart: 3_300, drift: 0, arbitrageurs: 2, durationSeconds: 2)).Rollups[0];
        var trading = result.Trading!;

        // Δy* = (√(P·γ·x·y) − y)/γ = 142_129.748890 USDC in, 45.103990868003922694 ETH out,
        // sold at 3300: 148_843.169864 USDC, so 6_713.420974 USDC profit (base fee 0, no tip).
        Assert.Equal(1, trading.ArbitragesIncluded);
        Assert.Equal(2, trading.ArbitragesSubmitted);
        Assert.Equal((UInt128)6_713_420_974, trading.Mev.Total);
        Assert.Equal((UInt128)6_713_420_974, trading.Mev.OfKind("arbitrage"));
        var pool = trading.Pools[0];
        Assert.Equal((3_000_000 * Usdc) + 142_129_748_890, pool.ReserveQuote);
        Assert.Equal((1_000 * Eth) - UInt128.Parse("45103990868003922694", System.Globalization.CultureInfo.InvariantCulture), pool.ReserveBase);
        Assert.Equal(909UL, trading.GapBefore.MaxAbsoluteBasisPoints);
        Assert.Equal(28UL, trading.GapAfter.MeanAbsoluteBasisPoints); // inside the 30 bp fee band

        // The second arbitrageur sent the same trade; it reverted and still paid its gas.
        Assert.Equal(1, trading.Swaps.Rejected.Single(r => r.Reason == "slippage_exceeded").Count);
        Assert.True(result.Supply.Conserved);
        Assert.True(trading.TokensConserved);
    }

    [Fact]
    public void Under_priority_fee_ordering_the_sequencer_captures_the_winning_bid()
    {
        var trading = Simulator.Run(ArbitrageScenario(OrderingRule.PriorityFee, cexStart: 3_300, drift: 0, arbitrageurs: 3, durationSeconds: 2)).Rollups[0].Trading!;

        Assert.Equal(1, trading.ArbitragesIncluded);
        var sequencer = trading.Mev.OfRole("sequencer");
        var arbitrageurs = trading.Mev.OfRole("arbitrageur");
        Assert.True(sequencer > UInt128.Zero);
        Assert.True(arbitrageurs > UInt128.Zero);
        Assert.Equal(trading.Mev.Total, sequencer + arbitrageurs);

        // The bid is 50–90 % of the profit, so the sequencer gets at least half and the total
        // stays at most the hand-computed profit (gas is valued down, never up).
        Assert.True(sequencer * 2 >= trading.Mev.Total - 1);
        Assert.True(trading.Mev.Total <= 6_713_420_974);
    }

    [Fact]
    public void With_a_sync_delay_the_arbitrage_happens_later()
    {
        // The CEX rises about 1 % a second; arbitrageurs see it after 0 or 5 s.
        var drift = Math.Log(1.01) * 365 * 24 * 3600;
        var prompt = Simulator.Run(ArbitrageScenario(OrderingRule.Fcfs, 3_000, drift, 2, durationSeconds: 5)).Rollups[0].Trading!;
        var delayed = Simulator.Run(ArbitrageScenario(OrderingRule.Fcfs, 3_000, drift, 2, durationSeconds: 5, syncDelayMs: 5_000)).Rollups[0].Trading!;
        var delayedLonger = Simulator.Run(ArbitrageScenario(OrderingRule.Fcfs, 3_000, drift, 2, durationSeconds: 10, syncDelayMs: 5_000)).Rollups[0].Trading!;

        Assert.True(prompt.ArbitragesIncluded >= 4, prompt.ArbitragesIncluded.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, delayed.ArbitragesIncluded);
        Assert.True(delayedLonger.ArbitragesIncluded > 0);
    }

    [Fact]
    public void A_trading_run_conserves_ether_and_every_token_and_repeats_exactly()
    {
        var scenario = ArbitrageScenario(OrderingRule.PriorityFee, 3_000, 0, 3, durationSeconds: 120, volatility: 3.0, swapShare: 0.5, usersPerSecond: 20);
        var first = Simulator.Run(scenario);
        var second = Simulator.Run(scenario);

        Assert.Equal(first, second);
        var rollup = first.Rollups[0];
        var trading = rollup.Trading!;
        Assert.True(rollup.Supply.Conserved);
        Assert.True(trading.TokensConserved);
        Assert.True(trading.Swaps.Included > 100);
        Assert.True(trading.ArbitragesIncluded > 0);
        Assert.True(trading.Mev.Total > UInt128.Zero);
        Assert.Equal(rollup.Transactions.Submitted, rollup.Transactions.Included + rollup.Transactions.RejectedTotal + rollup.Transactions.Pending);
    }

    [Fact]
    public void Under_fcfs_the_arbitrageurs_race_and_no_bid_goes_to_the_sequencer()
    {
        var trading = Simulator.Run(ArbitrageScenario(OrderingRule.Fcfs, 3_000, 0, 3, durationSeconds: 300, volatility: 3.0, swapShare: 0.5, usersPerSecond: 20)).Rollups[0].Trading!;

        // A latency drawn per transaction decides each race, so more than one arbitrageur wins some.
        Assert.True(trading.Mev.ByCaptor.Count(c => c.Name.StartsWith("arbitrageur ", StringComparison.Ordinal)) >= 2);
        Assert.Equal(UInt128.Zero, trading.Mev.OfRole("sequencer"));
        Assert.True(trading.ArbitragesIncluded > 10);
    }

    [Fact]
    public void Swaps_leave_the_transfer_stream_of_another_rollup_untouched()
    {
        var plain = Simulator.Run(ArbitrageScenario(OrderingRule.Fcfs, 3_000, 0, 0, 60, swapShare: 0, usersPerSecond: 5, withCex: false));
        var trading = Simulator.Run(ArbitrageScenario(OrderingRule.Fcfs, 3_000, 0, 0, 60, swapShare: 0.5, usersPerSecond: 5, withCex: false));

        // Arrival times are shared; only the kind of each arrival changes.
        Assert.Equal(plain.Rollups[0].Transactions.Submitted, trading.Rollups[0].Transactions.Submitted);
        Assert.True(trading.Rollups[0].Trading!.Swaps.Submitted > 0);
    }

    [Fact]
    public void The_validator_refuses_a_fee_finer_than_a_basis_point()
    {
        var scenario = ArbitrageScenario(OrderingRule.Fcfs, 3_000, 0, 0, 10);
        var rollup = scenario.Rollups[0] with { Amms = [EthUsdc with { FeePpm = 2_500 + 25 }] };
        var errors = ScenarioValidator.Validate(scenario with { Rollups = [rollup] });

        Assert.Contains(errors, e => e.Contains("whole basis points", StringComparison.Ordinal));
    }

    private static RollupChain PoolChain(UInt128 baseFee, ulong usdcPerUser = 30_000)
    {
        var model = new RollupModel("A", SimDuration.FromSeconds(2), 30_000_000, OrderingRule.Fcfs, baseFee, 2, 10 * Eth)
        {
            Amms = [EthUsdc],
            TokenBalances = [new TokenBalanceModel("usdc", usdcPerUser * Usdc)],
        };
        return new RollupChain(model, new FcfsOrdering(), new MarketSetup([UsdcToken], TradingModel.None, null));
    }

    private static Transaction Swap(int from, SwapDirection direction, UInt128 amountIn, UInt128 minOut, ulong nonce = 0) =>
        new(from, 3, amountIn, nonce, 0, Transaction.SwapGas, SimDuration.Zero)
        {
            Kind = DaKind.Swap,
            PoolIndex = 0,
            Direction = direction,
            MinAmountOut = minOut,
        };

    private static ScenarioModel ArbitrageScenario(
        OrderingRule ordering,
        ulong cexStart,
        double drift,
        int arbitrageurs,
        long durationSeconds,
        long syncDelayMs = 0,
        double volatility = 0,
        double swapShare = 0,
        double usersPerSecond = 0,
        bool withCex = true)
    {
        var rollup = new RollupModel("A", SimDuration.FromSeconds(1), 30_000_000, ordering, 0, 50, 100 * Eth)
        {
            Amms = [EthUsdc],
            TokenBalances = [new TokenBalanceModel("usdc", 300_000 * Usdc)],
        };
        var users = new UserStreamModel(
            usersPerSecond,
            ["A"],
            new DistributionModel(DistributionKind.Exponential, 1e7, 0),
            new DistributionModel(DistributionKind.Constant, 1e15, 0));
        var trading = new TradingModel(
            swapShare,
            new DistributionModel(DistributionKind.Exponential, 5e17, 0),
            withCex ? new PriceProcessModel("usdc", cexStart * Usdc, volatility, drift) : null,
            arbitrageurs,
            SimDuration.FromMilliseconds(syncDelayMs));
        return new ScenarioModel(
            "trading",
            5,
            SimDuration.FromSeconds(durationSeconds),
            new L1Model("ethereum", SimDuration.FromSeconds(12)),
            [rollup],
            new WorkloadModel(ImmutableArray.Create(users)) { Trading = trading })
        {
            Tokens = [UsdcToken],
        };
    }
}
