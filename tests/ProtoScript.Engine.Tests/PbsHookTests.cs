using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Pbs;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;
using ProtoScript.Language.Text;

namespace ProtoScript.Engine.Tests;

/// <summary>A PBS builder's <c>bid</c> and <c>strategy</c> replaced by rules, as C# hooks replace them.</summary>
public class PbsHookTests
{
    private static readonly UInt128 Gwei = TestScenarios.Gwei;
    private static readonly SimDuration Seal = SimDuration.FromSeconds(2);

    private static HookModel Hook(HookKind kind, string owner) =>
        new(kind, owner, owner, true, new SourceText("test.proto-script", owner), new TextSpan(0, owner.Length));

    private static PbsBuilderModel Builder(string name, HookModel? bid = null, HookModel? strategy = null) =>
        new(name, SimDuration.FromMilliseconds(10), 0, 1_000_000, PbsStrategy.Greedy) { BidHook = bid, StrategyHook = strategy };

    private static RollupChain Chain(AuctionPrice price, Dictionary<HookModel, object> rules, ulong gasLimit = 30_000_000, params PbsBuilderModel[] builders)
    {
        var rollup = TestScenarios.Rollup("A", OrderingRule.PriorityFee, accounts: 10, gasLimit: gasLimit) with
        {
            Pbs = new PbsModel(price, SimDuration.FromMilliseconds(100), [.. builders]),
        };
        var parts = RollupParts.None with { PbsRules = PbsRules.Resolve(rollup, new Provider(rules)) };
        return new RollupChain(rollup, new PriorityFeeOrdering(), null, parts) { CheckSupplyEachBlock = true };
    }

    private static void Send(RollupChain chain, int from, ulong tipGwei) =>
        chain.Submit(new Transaction(from, 9, Wei.PerEther, chain.PendingNonce(from), tipGwei * Gwei, Transaction.TransferGas, SimDuration.FromSeconds(1)));

    private static int BuilderAccount(RollupChain chain, int index) => chain.State.Count - chain.Model.Pbs!.Builders.Length + index;

    [Fact]
    public void Constant_bids_of_5_and_3_gwei_under_second_price_go_to_the_first_which_pays_3_gwei()
    {
        var five = Hook(HookKind.BuilderBid, "five");
        var three = Hook(HookKind.BuilderBid, "three");
        var seen = new List<BuilderBidView>();
        var rules = new Dictionary<HookModel, object>
        {
            [five] = new BidRule(c => { seen.Add(c); return 5 * Gwei; }),
            [three] = new BidRule(_ => 3 * Gwei),
        };
        var chain = Chain(AuctionPrice.Second, rules, builders: [Builder("b5", five), Builder("b3", three)]);
        Send(chain, 8, 2);
        Send(chain, 7, 3);

        chain.ProduceBlock(Seal);

        // Both candidates hold the two transfers, worth 21_000 gas × (2 + 3) gwei.
        var value = 21_000 * 5 * Gwei;
        var pbs = chain.Pbs!;
        Assert.Equal([1L, 0L], pbs.Tallies.Select(t => t.Wins));
        Assert.Equal(3 * Gwei, pbs.BidRevenue);
        Assert.Equal(3 * Gwei, chain.State.Balance(chain.SequencerAccount));
        Assert.Equal(value - (3 * Gwei), chain.State.Balance(BuilderAccount(chain, 0)));
        Assert.Null(chain.FirstUnconservedBlock);

        var view = Assert.Single(seen);
        Assert.Equal(new BuilderBidView(1, 2_000_000, "b5", 0, 10_000, value, 42_000, 2, 0, true, 100_000, 0, null), view);
    }

    [Fact]
    public void A_bid_hook_sees_its_wins_and_the_last_price()
    {
        var hook = Hook(HookKind.BuilderBid, "watch");
        var seen = new List<BuilderBidView>();
        var rules = new Dictionary<HookModel, object> { [hook] = new BidRule(c => { seen.Add(c); return Gwei; }) };
        var chain = Chain(AuctionPrice.First, rules, builders: [Builder("only", hook)]);
        Send(chain, 8, 2);
        chain.ProduceBlock(Seal);
        Send(chain, 7, 3);
        chain.ProduceBlock(Seal + Seal);

        Assert.Equal([0L, 1L], seen.Select(s => s.Wins));
        Assert.Equal([null, Gwei], seen.Select(s => s.LastPrice));
        Assert.Equal([1UL, 2UL], seen.Select(s => s.Block));
        Assert.Equal(2 * Gwei, chain.Pbs!.BidRevenue);
    }

    [Fact]
    public void A_strategy_that_reverses_the_greedy_order_executes_the_cheaper_transfer_first()
    {
        // Room for one transfer: greedy takes the 3 gwei one, the reversed order the 2 gwei one.
        var reverse = Hook(HookKind.BuilderStrategy, "reverse");
        var seen = new List<BuilderOrderSituation>();
        var rules = new Dictionary<HookModel, object>
        {
            [reverse] = new OrderRule(s =>
            {
                seen.Add(s);
                return [.. Enumerable.Range(0, s.Candidates.Count).Reverse()];
            }),
        };
        var chain = Chain(AuctionPrice.First, rules, gasLimit: Transaction.TransferGas, builders: [Builder("rev", strategy: reverse)]);
        Send(chain, 8, 2);
        Send(chain, 7, 3);

        chain.ProduceBlock(Seal);

        var situation = Assert.Single(seen);
        Assert.Equal([7, 8], situation.Candidates.Select(t => t.From)); // the greedy order, best tip first
        Assert.Equal([BuilderSource.Public, BuilderSource.Public], situation.Sources);
        Assert.Equal(21_000 * 2 * Gwei, chain.Pbs!.Tallies[0].Captured);
        Assert.Equal(1UL, chain.State.Nonce(8));
        Assert.Equal(0UL, chain.State.Nonce(7));
        Assert.Equal(1, chain.Pool.Count);
    }

    [Fact]
    public void A_reversed_order_that_breaks_a_senders_nonces_leaves_the_later_nonce_out()
    {
        var reverse = Hook(HookKind.BuilderStrategy, "reverse");
        var rules = new Dictionary<HookModel, object>
        {
            [reverse] = new OrderRule(s => [.. Enumerable.Range(0, s.Candidates.Count).Reverse()]),
        };
        var chain = Chain(AuctionPrice.First, rules, builders: [Builder("rev", strategy: reverse)]);
        Send(chain, 8, 3); // nonce 0
        Send(chain, 8, 2); // nonce 1: proposed first, so it is a nonce gap

        chain.ProduceBlock(Seal);

        Assert.Equal(1UL, chain.State.Nonce(8));
        Assert.Equal(21_000 * 3 * Gwei, chain.Pbs!.Tallies[0].Captured);
        Assert.Equal(1, chain.Pool.Count);
        Assert.Null(chain.FirstUnconservedBlock);
    }

    private sealed class Provider(Dictionary<HookModel, object> rules) : IRuleProvider
    {
        public object? Create(HookModel hook, RandomStream? random) => rules.GetValueOrDefault(hook);
    }

    private sealed class BidRule(Func<BuilderBidView, UInt128> bid) : IBuilderBidRule
    {
        public UInt128 Bid(in BuilderBidView candidate) => bid(candidate);
    }

    private sealed class OrderRule(Func<BuilderOrderSituation, IReadOnlyList<int>> order) : IBuilderStrategyRule
    {
        public IReadOnlyList<int> Order(in BuilderOrderSituation situation) => order(situation);
    }
}
