using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class BlockCandidateTests
{
    private static readonly UInt128 Gwei = TestScenarios.Gwei;
    private static readonly SimDuration BlockTime = SimDuration.FromSeconds(2);

    // Both builders want account 0's next nonce: whichever block wins, the other's use of it must vanish.
    private static readonly FixedBuilder Low = new("low", [Transfer(0, 1, 0, priority: 1), Transfer(2, 3, 0, priority: 1)]);
    private static readonly FixedBuilder High = new("high", [Transfer(4, 5, 0, priority: 5), Transfer(0, 2, 0, priority: 3)]);

    private static Transaction Transfer(int from, int to, ulong nonce, ulong priority) =>
        new(from, to, Wei.PerEther, nonce, priority * Gwei, Transaction.TransferGas, SimDuration.FromSeconds(1));

    private static RollupChain Chain(params IBlockBuilder[] builders) => Chain(null, builders);

    private static RollupChain Chain(Func<IReadOnlyList<BlockCandidate>, int>? choose, params IBlockBuilder[] builders)
    {
        var rollup = TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 6) with { Fees = new FeesModel(false, Role.Burned, FeesModel.SequencerTakesAll) };
        return new RollupChain(rollup, new FcfsOrdering(), null, new RollupParts { Builders = [.. builders], ChooseCandidate = choose }) { CheckSupplyEachBlock = true };
    }

    private static void AssertSameBlock(RollupChain expected, RollupChain actual)
    {
        Assert.Equal(expected.StateRootHex, actual.StateRootHex);
        for (var account = 0; account < expected.State.Count; account++)
        {
            Assert.Equal(expected.State.Balance(account), actual.State.Balance(account));
            Assert.Equal(expected.State.Nonce(account), actual.State.Nonce(account));
        }

        Assert.Equal(expected.Fees.Total, actual.Fees.Total);
        Assert.Equal(expected.Fees.Of(Role.Sequencer, FeeKind.PriorityFee), actual.Fees.Of(Role.Sequencer, FeeKind.PriorityFee));
        Assert.Equal(expected.Fees.Of(Role.Burned, FeeKind.BaseFee), actual.Fees.Of(Role.Burned, FeeKind.BaseFee));
        Assert.Equal(expected.Settlement!.PriorityFees, actual.Settlement!.PriorityFees);
        Assert.Equal(expected.Settlement.BaseFees, actual.Settlement.BaseFees);
        Assert.Equal(expected.Metrics.Blocks, actual.Metrics.Blocks);
        Assert.Equal(expected.Metrics.Included, actual.Metrics.Included);
        Assert.Equal(expected.Metrics.GasUsed, actual.Metrics.GasUsed);
        Assert.Equal(expected.Metrics.InclusionLatency.Count, actual.Metrics.InclusionLatency.Count);
        Assert.Equal(expected.Pool.Count, actual.Pool.Count);
        Assert.Equal(0, actual.World.OpenSnapshots);
        Assert.Equal(0, actual.World.JournalLength);
        Assert.Null(actual.FirstUnconservedBlock);
    }

    [Theory]
    [InlineData(true)] // the winner is built last: its snapshot is committed
    [InlineData(false)] // the winner is built first: the last is restored and the winner replayed
    public void Of_two_candidates_for_one_slot_the_loser_leaves_no_trace_and_the_winner_seals_the_block_it_would_alone(bool winnerLast)
    {
        IReadOnlyList<BlockCandidate> seen = [];
        var competing = winnerLast
            ? Chain(c => { seen = [.. c]; return BlockCandidate.MostValuable(c); }, Low, High)
            : Chain(c => { seen = [.. c]; return BlockCandidate.MostValuable(c); }, High, Low);
        var alone = Chain(High);

        competing.ProduceBlock(BlockTime);
        alone.ProduceBlock(BlockTime);

        AssertSameBlock(alone, competing);
        Assert.Equal(2, seen.Count);
        var loser = seen.Single(c => c.Builder == "low");
        Assert.All(loser.Outcomes, o => Assert.Equal(CandidateOutcome.Included, o)); // it did execute, on its snapshot
        Assert.Equal(2 * Transaction.TransferGas * Gwei, loser.ProposerValue);
        Assert.Equal(8 * Transaction.TransferGas * Gwei, seen.Single(c => c.Builder == "high").ProposerValue);
        Assert.Equal(2, competing.Metrics.Included);
        Assert.Equal(1UL, competing.State.Nonce(0));
        Assert.Equal(0UL, competing.State.Nonce(2)); // only the loser sent from account 2
    }

    [Fact]
    public void The_proposer_may_choose_a_candidate_other_than_the_most_valuable()
    {
        var competing = Chain(_ => 0, Low, High);
        var alone = Chain(Low);

        competing.ProduceBlock(BlockTime);
        alone.ProduceBlock(BlockTime);

        AssertSameBlock(alone, competing);
        Assert.Equal(0UL, competing.State.Nonce(4));
    }

    [Fact]
    public void Only_a_slot_with_several_candidates_opens_a_snapshot()
    {
        var single = new ProbeBuilder();
        Chain(single).ProduceBlock(BlockTime);
        Assert.Equal([0], single.OpenSnapshotsSeen);

        var first = new ProbeBuilder();
        var second = new ProbeBuilder();
        Chain(first, second).ProduceBlock(BlockTime);
        Assert.Equal([1], first.OpenSnapshotsSeen);
        Assert.Equal([1], second.OpenSnapshotsSeen);
    }

    [Fact]
    public void A_rollup_without_builders_builds_from_its_mempool_with_no_snapshot()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 6), new FcfsOrdering());
        var probe = new ProbeBuilder();
        chain.Submit(Transfer(0, 1, 0, priority: 1));

        chain.BeginBlock(BlockTime);
        probe.Propose(chain, BlockTime, 0);
        chain.FinishBlock(BlockTime);

        Assert.Equal([0], probe.OpenSnapshotsSeen);
        Assert.Equal(0, chain.World.JournalLength);
        Assert.Equal(1, chain.Metrics.Included);
    }

    [Fact]
    public void A_candidate_executes_transfers_as_the_mempool_does()
    {
        var fromPool = Chain();
        foreach (var tx in High.Transactions)
        {
            fromPool.Submit(tx);
        }

        var fromBuilder = Chain(High);

        fromPool.ProduceBlock(BlockTime);
        fromBuilder.ProduceBlock(BlockTime);

        Assert.Equal(fromPool.StateRootHex, fromBuilder.StateRootHex);
        Assert.Equal(fromPool.Metrics.Included, fromBuilder.Metrics.Included);
        Assert.Equal(fromPool.Metrics.GasUsed, fromBuilder.Metrics.GasUsed);
        Assert.Equal(fromPool.Settlement!.PriorityFees, fromBuilder.Settlement!.PriorityFees);
    }

    [Fact]
    public void A_candidate_records_what_it_left_out_and_why()
    {
        BlockCandidate? built = null;
        var builder = new FixedBuilder("mixed", [
            Transfer(0, 1, 5, priority: 1), // not account 0's next nonce
            Transfer(1, 2, 0, priority: 1) with { Value = 1_000 * Wei.PerEther }, // more than it holds
            Transfer(2, 3, 0, priority: 1) with { Kind = TransactionKind.Deposit }, // an L1 message: the block takes it when it opens
            Transfer(3, 4, 0, priority: 1) with { Gas = 40_000_000 },
            Transfer(4, 5, 0, priority: 1),
        ]);
        var chain = Chain(c => { built = c[0]; return 0; }, builder, new FixedBuilder("empty", []));

        chain.ProduceBlock(BlockTime);

        Assert.NotNull(built);
        Assert.Equal<CandidateOutcome>(
            [CandidateOutcome.NonceGap, CandidateOutcome.InsufficientBalance, CandidateOutcome.Unsupported, CandidateOutcome.OutOfGas, CandidateOutcome.Included],
            [.. built.Outcomes]);
        Assert.Equal(Transaction.TransferGas, built.GasUsed);
        Assert.Equal(1, chain.Metrics.Included);
        Assert.All(Enum.GetValues<RejectReason>(), r => Assert.Equal(0, chain.Metrics.Rejected(r)));
    }

    [Fact]
    public void Competing_builders_are_refused_on_a_rollup_with_a_validity_rule()
    {
        var rollup = TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 6);
        var gate = new Validity.ValidityGate(new AcceptAll(), RollupChain.AccountCount(rollup, null), "A", wrapFailures: false);

        Assert.Throws<ArgumentException>(() => new RollupChain(rollup, new FcfsOrdering(), null, new RollupParts { Validity = gate, Builders = [High] }));
    }

    private sealed class FixedBuilder(string name, Transaction[] transactions) : IBlockBuilder
    {
        public string Name => name;

        public Transaction[] Transactions => transactions;

        public IReadOnlyList<Transaction> Propose(RollupChain chain, SimDuration time, ulong gasLimit) => transactions;
    }

    private sealed class ProbeBuilder : IBlockBuilder
    {
        public List<int> OpenSnapshotsSeen { get; } = [];

        public string Name => "probe";

        public IReadOnlyList<Transaction> Propose(RollupChain chain, SimDuration time, ulong gasLimit)
        {
            OpenSnapshotsSeen.Add(chain.World.OpenSnapshots);
            return [];
        }
    }

    private sealed class AcceptAll : Validity.ITransactionValidityRule
    {
        public bool Accepts(in Transaction tx, in Validity.SenderRecord sender, long block, SimDuration now) => true;
    }
}
