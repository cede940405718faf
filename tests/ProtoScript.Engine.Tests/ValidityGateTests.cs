using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Validity;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class ValidityGateTests
{
    [Fact]
    public void The_rule_sees_each_senders_history_so_far_and_the_block_and_time()
    {
        var rule = new AtMostPerBlock(2);
        var chain = Chain(rule);
        for (ulong n = 0; n < 3; n++)
        {
            chain.Submit(Transfer(0, n));
        }

        chain.ProduceBlock(SimDuration.FromSeconds(2));
        chain.Submit(Transfer(1, 0));
        chain.ProduceBlock(SimDuration.FromSeconds(4));

        var two = SimDuration.FromSeconds(2);
        Assert.Equal(
            [
                (new SenderRecord(0, 0, 0, null), 1L, two),
                (new SenderRecord(0, 1, 1, two), 1L, two),
                (new SenderRecord(0, 2, 2, two), 1L, two),
                (new SenderRecord(1, 0, 0, null), 2L, SimDuration.FromSeconds(4)),
            ],
            rule.Seen);
    }

    [Fact]
    public void A_refused_transaction_pays_nothing_and_its_senders_later_ones_are_dropped()
    {
        var chain = Chain(new AtMostPerBlock(1));
        for (ulong n = 0; n < 3; n++)
        {
            chain.Submit(Transfer(0, n));
        }

        chain.ProduceBlock(SimDuration.FromSeconds(2));

        Assert.Equal(1, chain.Metrics.Included);
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.RejectedByValidity));
        Assert.Equal(1, chain.Metrics.Rejected(RejectReason.NonceGap));
        Assert.Equal(1UL, chain.State.Nonce(0));
        Assert.Equal(Wei.PerEther - 1_000 - (Transaction.TransferGas * 2), chain.State.Balance(0));
        Assert.Equal(0, chain.Pool.Count);
        Assert.Equal(1, chain.Validity!.Refused);
    }

    [Fact]
    public void A_hook_rule_that_throws_says_when_and_in_which_block()
    {
        var chain = Chain(new Throwing());
        chain.Submit(Transfer(0, 0));
        var e = Assert.Throws<RuleFailedException>(() => chain.ProduceBlock(SimDuration.FromSeconds(2)));
        Assert.Equal("at 2 s in block 1 of rollup A", e.When);
        Assert.IsType<DivideByZeroException>(e.InnerException);
    }

    private static RollupChain Chain(ITransactionValidityRule rule)
    {
        var model = new RollupModel("A", SimDuration.FromSeconds(2), 30_000_000, OrderingRule.Fcfs, 2, 3, Wei.PerEther);
        var gate = new ValidityGate(rule, RollupChain.AccountCount(model, null), "A", wrapFailures: true);
        return new RollupChain(model, new FcfsOrdering(), null, new RollupParts { Validity = gate });
    }

    private static Transaction Transfer(int from, ulong nonce) =>
        new(from, 2, 1_000, nonce, 0, Transaction.TransferGas, SimDuration.Zero);

    private sealed class AtMostPerBlock(int limit) : ITransactionValidityRule
    {
        public List<(SenderRecord Sender, long Block, SimDuration Now)> Seen { get; } = [];

        public bool Accepts(in Transaction tx, in SenderRecord sender, long block, SimDuration now)
        {
            Seen.Add((sender, block, now));
            return sender.IncludedThisBlock < limit;
        }
    }

    private sealed class Throwing : ITransactionValidityRule
    {
        public bool Accepts(in Transaction tx, in SenderRecord sender, long block, SimDuration now) => throw new DivideByZeroException();
    }
}
