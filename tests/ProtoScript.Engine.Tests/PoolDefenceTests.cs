using System.Numerics;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class PoolDefenceTests
{
    [Fact]
    public void A_transaction_without_a_valid_proof_of_work_nonce_is_rejected_and_one_with_it_admitted()
    {
        var chain = Chain(new MempoolModel { PowDifficulty = 8 });
        var tx = Transfer(0, 0, fee: 5);
        var nonce = PowStamp.Solve(in tx, 8, out var tries);

        // The search stops at the first nonce whose hash starts with 8 zero bits.
        Assert.Equal(nonce + 1, tries);
        Assert.True(BitOperations.LeadingZeroCount(PowStamp.Hash(in tx, nonce)) >= 8);
        for (ulong k = 0; k < nonce; k++)
        {
            Assert.True(BitOperations.LeadingZeroCount(PowStamp.Hash(in tx, k)) < 8);
        }

        var invalid = nonce == 0 ? 1UL : 0UL;
        Assert.False(PowStamp.IsValid(tx with { PowNonce = invalid }, 8));
        chain.Submit(tx with { PowNonce = invalid }, SimDuration.Zero);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.Pow));
        Assert.Equal(0, chain.Pool.Count);

        chain.Submit(tx with { PowNonce = nonce }, SimDuration.Zero);
        Assert.Equal(1, chain.Pool.Count);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.Pow));
    }

    [Fact]
    public void The_work_is_bound_to_the_transaction_so_another_transactions_nonce_does_not_stamp_it()
    {
        var first = Transfer(0, 0, fee: 5);
        var nonce = PowStamp.Solve(in first, 12, out _);
        var other = first with { PriorityFeePerGas = 6 };
        Assert.True(PowStamp.IsValid(first with { PowNonce = nonce }, 12));
        Assert.Equal(BitOperations.LeadingZeroCount(PowStamp.Hash(in other, nonce)) >= 12, PowStamp.IsValid(other with { PowNonce = nonce }, 12));
        Assert.NotEqual(PowStamp.Hash(in first, nonce), PowStamp.Hash(in other, nonce));
    }

    [Fact]
    public void A_sender_past_its_rate_limit_is_refused_until_its_oldest_admission_leaves_the_window()
    {
        var chain = Chain(new MempoolModel { RateLimit = 2, RateWindow = SimDuration.FromSeconds(10) });
        chain.Submit(Transfer(0, 0), SimDuration.FromSeconds(0));
        chain.Submit(Transfer(0, 1), SimDuration.FromSeconds(1));
        chain.Submit(Transfer(0, 2), SimDuration.FromSeconds(2));
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.RateLimit));

        // Another sender has its own window.
        chain.Submit(Transfer(1, 0), SimDuration.FromSeconds(2));

        // At 10 s the admission at 0 s is 10 s old: outside the window (now - 10 s, now].
        chain.Submit(Transfer(0, 2), SimDuration.FromSeconds(10));
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.RateLimit));
        Assert.Equal(4, chain.Pool.Count);
        chain.Submit(Transfer(0, 3), SimDuration.FromSeconds(10));
        Assert.Equal(2, chain.Metrics.Rejected(RejectReason.RateLimit));
    }

    [Fact]
    public void A_full_pool_evicts_its_lowest_fee_transaction_for_a_better_one_and_refuses_a_worse_one()
    {
        var chain = Chain(new MempoolModel { MaxPending = 2 });
        chain.Submit(Transfer(0, 0, fee: 5), SimDuration.Zero);
        chain.Submit(Transfer(1, 0, fee: 3), SimDuration.Zero);
        chain.Submit(Transfer(2, 0, fee: 4), SimDuration.Zero);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.Evicted));
        Assert.Equal(0, chain.Pool.PendingCount(1));
        Assert.Equal(1, chain.Pool.PendingCount(2));

        chain.Submit(Transfer(3, 0, fee: 4), SimDuration.Zero);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.PoolFull));
        Assert.Equal(2, chain.Pool.Count);
    }

    [Fact]
    public void Eviction_takes_a_senders_latest_transaction_so_no_nonce_gap_is_left()
    {
        var chain = Chain(new MempoolModel { MaxPending = 3 });
        chain.Submit(Transfer(0, 0, fee: 1), SimDuration.Zero);
        chain.Submit(Transfer(0, 1, fee: 9), SimDuration.Zero);
        chain.Submit(Transfer(1, 0, fee: 2), SimDuration.Zero);

        // Sender 0's nonce 0 is the cheapest, but evicting it would strand nonce 1; sender 1's is next.
        chain.Submit(Transfer(2, 0, fee: 5), SimDuration.Zero);
        Assert.Equal(2, chain.Pool.PendingCount(0));
        Assert.Equal(0, chain.Pool.PendingCount(1));
    }

    [Fact]
    public void A_sender_at_its_cap_is_refused()
    {
        var chain = Chain(new MempoolModel { MaxPerSender = 2 });
        for (ulong n = 0; n < 3; n++)
        {
            chain.Submit(Transfer(0, n), SimDuration.Zero);
        }

        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.SenderCap));
        Assert.Equal(2, chain.Pool.PendingCount(0));
    }

    [Fact]
    public void A_replacement_needs_the_fee_raised_by_the_bump_and_then_takes_the_old_ones_place()
    {
        var chain = Chain(new MempoolModel());
        chain.Submit(Transfer(0, 0, fee: 100), SimDuration.Zero);

        // 10 %: 109 is not enough, 110 is.
        chain.Submit(Transfer(0, 0, fee: 109), SimDuration.Zero);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.UnderpricedReplacement));
        chain.Submit(Transfer(0, 0, fee: 110), SimDuration.Zero);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.Replaced));
        Assert.Equal(1, chain.Pool.Count);
        Assert.True(chain.Pool.TryPeekBest(out var best));
        Assert.Equal((UInt128)110, best.PriorityFeePerGas);

        chain.ProduceBlock(SimDuration.FromSeconds(2));
        Assert.Equal(1, chain.Metrics.Included);
        Assert.Equal(3, chain.Metrics.Submitted);
    }

    [Fact]
    public void A_nonce_that_skips_ahead_of_the_senders_pending_one_is_refused_on_arrival()
    {
        var chain = Chain(new MempoolModel());
        chain.Submit(Transfer(0, 1), SimDuration.Zero);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.NonceGap));
        Assert.Equal(0, chain.Pool.Count);
    }

    [Fact]
    public void Populations_take_their_accounts_in_order_and_the_one_without_a_count_takes_the_rest()
    {
        var honest = new UserStreamModel(1, ["A"], Zero, Zero) { Name = "honest" };
        var spam = new UserStreamModel(1, ["A"], Zero, Zero) { Name = "spam", Accounts = 10 };
        var ranges = PopulationLedger.Assign(new WorkloadModel([honest, spam]), Model());
        Assert.Equal([("honest", 0, 90), ("spam", 90, 10)], ranges.Select(r => (r.Stream.Name, r.First, r.Count)));
    }

    [Fact]
    public void Every_transaction_a_population_sent_is_refused_admitted_included_dropped_or_pending()
    {
        var model = TestScenarios.Bind("""
            scenario "t" {
              seed 2
              duration 1 min
              rollup A {
                block_time = 1 s
                gas_limit = 210_000
                ordering = priority_fee
                accounts 40 funded 1 eth
                mempool {
                  rate_limit = 3
                  rate_window = 10 s
                  max_pending = 50
                  max_per_sender = 4
                }
              }
              workload {
                population honest {
                  users = poisson(3 / s) on A
                  accounts = 30
                  priority_fee = exponential(0.05 gwei)
                }
                population spammers {
                  users = poisson(30 / s) on A
                  priority_fee = constant(0.02 gwei)
                  replace = 20 %
                  bump = 15 %
                }
              }
            }
            """);
        var rollup = Simulator.Run(model).Rollups[0];
        var pool = rollup.Mempool!;
        Assert.Equal(["honest", "spammers"], pool.Populations.Select(p => p.Name));
        long admittedTotal = 0;
        foreach (var p in pool.Populations)
        {
            var refused = p.Rejected.Where(r => r.Reason is "pow" or "rate_limit" or "underpriced_replacement" or "sender_cap" or "pool_full" or "nonce_gap").Sum(r => r.Count);
            var dropped = p.RejectedTotal - refused;
            Assert.Equal(p.Sent, refused + p.Admitted);
            Assert.Equal(p.Admitted, p.Included + dropped + p.Pending);
            Assert.Equal(p.Included, p.Latency.Samples);
            admittedTotal += p.Admitted;
        }

        var spammers = pool.Populations[1];
        Assert.True(spammers.Rejected.Single(r => r.Reason == "rate_limit").Count > 0);
        Assert.True(spammers.Rejected.Single(r => r.Reason == "replaced").Count > 0);
        Assert.Equal(rollup.Transactions.Submitted, pool.Populations.Sum(p => p.Sent));
        Assert.Equal(rollup.Transactions.Included, pool.Populations.Sum(p => p.Included));
    }

    [Fact]
    public void Proof_of_work_delays_each_sender_by_its_search_and_caps_a_senders_rate()
    {
        // 12 bits at 4_096 attempts a second: a second of work per transaction on average.
        var model = TestScenarios.Bind("""
            scenario "t" {
              duration 1 min
              rollup A {
                block_time = 1 s
                accounts 4 funded 1 eth
                mempool { pow = 12 bits }
              }
              workload {
                population one {
                  users = poisson(10 / s) on A
                  accounts = 1
                  hash_rate = 4_096 / s
                }
                population rest {
                  users = poisson(0.1 / s) on A
                  solves_pow = false
                }
              }
            }
            """);
        var pool = Simulator.Run(model).Rollups[0].Mempool!;
        var one = pool.Populations[0];

        // One account searching one nonce at a time: about 60 in a minute, not the 600 it tried to send.
        Assert.InRange(one.Sent, 30, 100);
        Assert.Equal(0, one.Rejected.Single(r => r.Reason == "pow").Count);
        var rest = pool.Populations[1];
        Assert.Equal(rest.Sent, rest.Rejected.Single(r => r.Reason == "pow").Count + rest.Admitted);
        Assert.True(rest.Rejected.Single(r => r.Reason == "pow").Count >= rest.Sent - 1);
    }

    private static readonly DistributionModel Zero = new(DistributionKind.Constant, 0, 0);

    private static RollupModel Model(MempoolModel? mempool = null) =>
        new("A", SimDuration.FromSeconds(2), 30_000_000, OrderingRule.PriorityFee, 1, 100, Wei.PerEther) { Mempool = mempool };

    private static RollupChain Chain(MempoolModel mempool) => new(Model(mempool), new PriorityFeeOrdering());

    private static Transaction Transfer(int from, ulong nonce, ulong fee = 0) =>
        new(from, 99, 1_000, nonce, fee, Transaction.TransferGas, SimDuration.Zero);
}
