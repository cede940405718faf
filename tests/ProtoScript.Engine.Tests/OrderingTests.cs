using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class OrderingTests
{
    private static readonly UInt128 Gwei = Wei.PerGwei;

    // Arrival order: (sender, nonce, priority fee in gwei).
    private static readonly (int From, ulong Nonce, uint FeeGwei)[] Arrivals =
    [
        (0, 0, 1),
        (1, 0, 5),
        (0, 1, 10),
        (2, 0, 3),
        (1, 1, 2),
    ];

    private static Transaction Transfer(int from, ulong nonce, UInt128 feePerGas, ulong gas = Transaction.TransferGas) =>
        new(from, 3, 1, nonce, feePerGas, gas, SimDuration.Zero);

    private static List<(int From, ulong Nonce)> Drain(IOrderingRule rule)
    {
        var pool = new TransactionPool(4, rule);
        foreach (var (from, nonce, fee) in Arrivals)
        {
            pool.Add(Transfer(from, nonce, fee * Gwei), (ulong)pool.PendingCount(from));
        }

        var order = new List<(int, ulong)>();
        while (pool.TryPeekBest(out var tx))
        {
            order.Add((tx.From, tx.Nonce));
            pool.IncludeBest();
        }

        Assert.Equal(0, pool.Count);
        return order;
    }

    [Fact]
    public void Fcfs_includes_in_arrival_order()
    {
        Assert.Equal([(0, 0UL), (1, 0UL), (0, 1UL), (2, 0UL), (1, 1UL)], Drain(new FcfsOrdering()));
    }

    [Fact]
    public void PriorityFee_includes_highest_fee_first_but_never_before_a_lower_nonce_of_the_same_sender()
    {
        // Heads 0:0(1) 1:0(5) 2:0(3) -> 1:0, then 1:1(2) joins; 2:0(3); 1:1(2); 0:0(1); then 0:1(10),
        // whose 10 gwei cannot jump ahead of its own sender's nonce 0.
        Assert.Equal([(1, 0UL), (2, 0UL), (1, 1UL), (0, 0UL), (0, 1UL)], Drain(new PriorityFeeOrdering()));
    }

    [Fact]
    public void PriorityFee_breaks_ties_by_arrival()
    {
        var pool = new TransactionPool(3, new PriorityFeeOrdering());
        pool.Add(Transfer(2, 0, Gwei), 0);
        pool.Add(Transfer(0, 0, Gwei), 0);
        pool.Add(Transfer(1, 0, Gwei), 0);

        var senders = new List<int>();
        while (pool.TryPeekBest(out var tx))
        {
            senders.Add(tx.From);
            pool.IncludeBest();
        }

        Assert.Equal([2, 0, 1], senders);
    }

    [Fact]
    public void Pool_refuses_a_nonce_that_does_not_follow_the_pending_one()
    {
        var pool = new TransactionPool(2, new FcfsOrdering());
        Assert.Throws<ArgumentException>(() => pool.Add(Transfer(0, 1, Gwei), 0));
    }

    [Fact]
    public void A_block_stops_at_the_gas_limit_and_the_rest_stays_pending_in_order()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.PriorityFee, accounts: 4, gasLimit: 3 * 21_000), new PriorityFeeOrdering());
        foreach (var (from, nonce, fee) in Arrivals)
        {
            chain.Submit(Transfer(from, nonce, fee * Gwei));
        }

        chain.ProduceBlock(SimDuration.FromSeconds(2));
        Assert.Equal(3, chain.Metrics.Included);
        Assert.Equal(2, chain.Pool.Count);
        Assert.Equal([0UL, 2UL, 1UL], new[] { chain.State.Nonce(0), chain.State.Nonce(1), chain.State.Nonce(2) });

        chain.ProduceBlock(SimDuration.FromSeconds(4));
        Assert.Equal(5, chain.Metrics.Included);
        Assert.Equal(0, chain.Pool.Count);
        Assert.Equal(2UL, chain.State.Nonce(0));
        Assert.Equal((ulong)(5 * 21_000), chain.Metrics.GasUsed);
    }

    [Fact]
    public void A_transaction_too_large_for_the_gas_left_waits_while_smaller_ones_fill_the_block()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.PriorityFee, accounts: 4, gasLimit: 70_000), new PriorityFeeOrdering());
        chain.Submit(Transfer(0, 0, 9 * Gwei));
        chain.Submit(Transfer(1, 0, 5 * Gwei, gas: 50_000));
        chain.Submit(Transfer(2, 0, 1 * Gwei));

        chain.ProduceBlock(SimDuration.FromSeconds(2));
        Assert.Equal(1UL, chain.State.Nonce(0));
        Assert.Equal(0UL, chain.State.Nonce(1));
        Assert.Equal(1UL, chain.State.Nonce(2));

        chain.ProduceBlock(SimDuration.FromSeconds(4));
        Assert.Equal(1UL, chain.State.Nonce(1));
        Assert.Equal(0, chain.Pool.Count);
    }

    [Fact]
    public void A_sender_who_cannot_pay_is_rejected_with_the_followers_and_its_pending_nonce_rewinds()
    {
        // Enough for one transfer of 1 wei at 1 gwei base + 1 gwei tip, not two.
        var oneTransfer = 1 + (21_000 * 2 * Gwei);
        var chain = new RollupChain(
            TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 4, initialBalance: oneTransfer + 1),
            new FcfsOrdering());
        chain.Submit(Transfer(0, 0, Gwei));
        chain.Submit(Transfer(0, 1, Gwei));
        chain.Submit(Transfer(0, 2, Gwei));
        chain.Submit(Transfer(1, 0, Gwei));
        Assert.Equal(3UL, chain.PendingNonce(0));

        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(2, chain.Metrics.Included);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.InsufficientBalance));
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.NonceGap));
        Assert.Equal(0, chain.Pool.Count);
        Assert.Equal(1UL, chain.PendingNonce(0));
        Assert.Equal((UInt128)1, chain.State.Balance(0));
    }

    [Fact]
    public void Base_fee_is_burned_and_priority_fee_paid_to_the_sequencer()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A", accounts: 2, baseFee: Gwei), new PriorityFeeOrdering());
        chain.Submit(new Transaction(0, 1, Wei.PerEther, 0, 2 * Gwei, Transaction.TransferGas, SimDuration.Zero));

        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(100 * Wei.PerEther - Wei.PerEther - (21_000 * 3 * Gwei), chain.State.Balance(0));
        Assert.Equal(101 * Wei.PerEther, chain.State.Balance(1));
        Assert.Equal(21_000 * 2 * Gwei, chain.State.Balance(chain.SequencerAccount));
        Assert.Equal(21_000 * Gwei, chain.Fees[Role.Burned]);
        Assert.Equal(21_000 * 2 * Gwei, chain.Fees[Role.Sequencer]);
        Assert.Equal(chain.InitialSupply, chain.State.TotalBalance() + chain.Fees[Role.Burned]);
    }
}
