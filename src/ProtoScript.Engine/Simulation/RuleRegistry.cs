using System.Collections.Immutable;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Proving;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Trading;
using ProtoScript.Engine.Validity;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// Supplies the rules of a run that are not built in: the C# hooks of a scenario, as compiled
/// by one of ProtoScript's paths (scripted hooks, the compiled scenario, the generated class).
/// The engine asks it once per hook at genesis through <see cref="RuleRegistry"/>, so it never
/// needs to know how a rule was produced, and a path implements this one method for every site.
/// </summary>
public interface IRuleProvider
{
    /// <summary>
    /// The engine's rule that runs <paramref name="hook"/> (an <see cref="IOrderingRule"/> for an
    /// ordering hook, and so on: <see cref="RuleRegistry.Find"/> says which), or null when this
    /// provider has no code for it; the engine then refuses to run rather than silently
    /// simulating the built-in rule.
    /// </summary>
    /// <param name="hook">A hook of the scenario being run.</param>
    /// <param name="random">The site's own random stream of this run when the site draws randomness (prover selection), else null.</param>
    object? Create(HookModel hook, RandomStream? random);
}

/// <summary>One place where a scenario may replace a built-in rule with a C# hook.</summary>
public abstract class RuleSite
{
    private protected RuleSite(HookKind kind, string name, Type ruleType, HookSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        Kind = kind;
        Name = name;
        RuleType = ruleType;
        Signature = signature;
    }

    /// <summary>The kind of hook that replaces the rule here.</summary>
    public HookKind Kind { get; }

    /// <summary>The site's name in messages, e.g. <c>ordering</c>.</summary>
    public string Name { get; }

    /// <summary>The engine interface a provider's rule for this site implements.</summary>
    public Type RuleType { get; }

    /// <summary>What a C# hook at this site sees and returns.</summary>
    public HookSignature Signature { get; }
}

/// <summary>A rule site: where its hook sits in the model, and what a rule for it is.</summary>
/// <typeparam name="TOwner">The model element the rule belongs to (a rollup, a <c>provers</c> block, the workload).</typeparam>
/// <typeparam name="TRule">The engine's interface for the rule.</typeparam>
public sealed class RuleSite<TOwner, TRule> : RuleSite
    where TOwner : class
    where TRule : class
{
    private readonly Func<TOwner, HookModel?> _hook;
    private readonly Func<TOwner, string> _describe;

    /// <summary>Creates a site.</summary>
    /// <param name="kind">The hook kind of the site.</param>
    /// <param name="name">The site's name in messages.</param>
    /// <param name="hook">The model accessor: the owner's hook at this site, or null when its rule is built in.</param>
    /// <param name="describe">The owner as a message names it, e.g. <c>Rollup A</c>.</param>
    /// <param name="signature">What a C# hook at this site sees and returns.</param>
    public RuleSite(HookKind kind, string name, Func<TOwner, HookModel?> hook, Func<TOwner, string> describe, HookSignature signature)
        : base(kind, name, typeof(TRule), signature)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(describe);
        _hook = hook;
        _describe = describe;
    }

    /// <summary>The owner's hook at this site, or null when its rule is built in.</summary>
    public HookModel? HookOf(TOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return _hook(owner);
    }

    /// <summary>
    /// The provider's rule for the owner's hook, or null when the owner has no hook here (its
    /// built-in rule applies).
    /// </summary>
    /// <param name="owner">The model element.</param>
    /// <param name="rules">The run's rule provider; null when it has none.</param>
    /// <param name="random">The site's random stream, for a site whose rules draw randomness.</param>
    /// <exception cref="ArgumentException">The owner has a hook the provider has no rule for.</exception>
    public TRule? Resolve(TOwner owner, IRuleProvider? rules, RandomStream? random = null)
    {
        if (HookOf(owner) is not { } hook)
        {
            return null;
        }

        // Falling back to the built-in rule would silently simulate a different design.
        return rules?.Create(hook, random) as TRule
            ?? throw new ArgumentException($"{_describe(owner)} has a C# {Name} hook ({hook.Owner}) but the run was given no compiled rule for it.", nameof(rules));
    }
}

/// <summary>
/// Every rule site of the engine: where its hook sits in the model, the engine interface of its
/// rule, and the signature a C# hook there is compiled to; and the built-in rules by name.
/// Adding a built-in ordering is its model name and its rule's file (<see cref="BuiltInOrderings"/>),
/// a built-in fee rule likewise (<see cref="BuiltInFeeRules"/>); adding a hook site is one site
/// here, the component that calls its rule, and the hook's run time in ProtoScript.Scripting.
/// </summary>
public static class RuleRegistry
{
    /// <summary>
    /// A rollup's mempool ordering. A hook compares two candidate transactions <c>x</c> and
    /// <c>y</c>; negative puts <c>x</c> first, positive puts <c>y</c> first.
    /// </summary>
    public static RuleSite<RollupModel, IOrderingRule> Ordering { get; } = new(
        HookKind.Ordering,
        "ordering",
        r => r.OrderingHook,
        r => "Rollup " + r.Name,
        new(typeof(int), [new("x", typeof(TransactionView)), new("y", typeof(TransactionView))], typeof(Func<TransactionView, TransactionView, int>)));

    /// <summary>
    /// A rollup's fee distribution (its <c>fees</c> block). A hook sees one sealed block
    /// (<c>block</c>) and pays roles with <c>Pay(Role role, UInt128 amount)</c>; what it leaves
    /// unpaid is burned, and paying more than the block collected is an error.
    /// </summary>
    public static RuleSite<RollupModel, IFeeDistributor> FeeDistribution { get; } = new(
        HookKind.FeeDistribution,
        "fee-distribution",
        r => r.Fees?.Hook,
        r => "Rollup " + r.Name,
        new(typeof(void), [new("block", typeof(FeeBlockView))], typeof(Action<FeeBlockView>)));

    /// <summary>
    /// A <c>provers</c> block's selection of the prover of each job. A hook is given the
    /// <c>provers</c>, the proof job (<c>block</c>) and the scenario's <c>random</c> stream, and
    /// returns the index of the prover that proves the job.
    /// </summary>
    public static RuleSite<ProversModel, IProverChooser> ProverSelection { get; } = new(
        HookKind.ProverSelection,
        "prover-selection",
        p => p.Selection.Hook,
        p => "The provers of " + string.Join(", ", p.Rollups),
        new(
            typeof(int),
            [new("provers", typeof(ProverList)), new("block", typeof(ProofBlockView)), new("random", typeof(HookRandom))],
            typeof(Func<ProverList, ProofBlockView, HookRandom, int>)));

    /// <summary>
    /// A rollup's transaction validity rule. A hook runs before a transaction executes and
    /// returns true to let it execute, false to drop it (<c>rejected_by_validity_rule</c>); it
    /// sees the transaction <c>tx</c>, its sender's history <c>sender</c>, the number of the
    /// block being built <c>block</c> and its simulated time <c>now</c>.
    /// </summary>
    public static RuleSite<RollupModel, ITransactionValidityRule> TransactionValidity { get; } = new(
        HookKind.TransactionValidity,
        "validity",
        r => r.ValidityHook,
        r => "Rollup " + r.Name,
        new(
            typeof(bool),
            [new("tx", typeof(TransactionView)), new("sender", typeof(SenderView)), new("block", typeof(long)), new("now", typeof(TimeSpan))],
            typeof(Func<TransactionView, SenderView, long, TimeSpan, bool>)));

    /// <summary>
    /// The arbitrageurs' strategy. A hook sees the market as the arbitrageur sees it
    /// (<c>market</c>: the CEX price after its sync delay, the pool's reserves and fee, the base
    /// fee), itself (<c>me</c>: its index and balances), the built-in closed-form trade with its
    /// own bid (<c>best</c>) and the simulated time <c>now</c>; it returns the trade to send or
    /// <c>ArbitrageTrade.None</c>.
    /// </summary>
    public static RuleSite<WorkloadModel, IArbitrageStrategy> Strategy { get; } = new(
        HookKind.Strategy,
        "strategy",
        w => w.ArbitrageStrategy,
        _ => "The workload",
        new(
            typeof(ArbitrageTrade),
            [new("market", typeof(MarketView)), new("me", typeof(ArbitrageurView)), new("best", typeof(ArbitrageTrade)), new("now", typeof(TimeSpan))],
            typeof(Func<MarketView, ArbitrageurView, ArbitrageTrade, TimeSpan, ArbitrageTrade>)));

    /// <summary>
    /// A rollup's derivation checks, used when its L1 data is derived. A hook sees one decoded
    /// <c>batch</c> (the L1 block it landed in and its L2 blocks) and returns null to accept it or
    /// the reason to drop the whole batch; it replaces standard derivation's sequencing-window and
    /// max-sequencer-drift checks.
    /// </summary>
    public static RuleSite<RollupModel, IDerivationRule> Derivation { get; } = new(
        HookKind.Derivation,
        "derivation",
        r => r.Derivation.Hook,
        r => "Rollup " + r.Name,
        new(typeof(string), [new("batch", typeof(DerivationBatchView))], typeof(Func<DerivationBatchView, string>)));

    /// <summary>
    /// A rollup's express-lane bid rule (<c>express_lane { bid = csharp ... }</c>). A hook is asked
    /// once per arbitrageur per auction, a lead before it closes; it sees the auction
    /// (<c>auction</c>: the round, its start, the closing, the reserve, the price rule, the
    /// arbitrage of the last round), the bidder (<c>me</c>: index, balances, bid share, its own
    /// arbitrage of the last round, the built-in bid) and the market it sees (<c>market</c>), and
    /// returns its bid in wei (0: no bid).
    /// </summary>
    public static RuleSite<RollupModel, Timeboost.IExpressLaneBidRule> ExpressLaneBid { get; } = new(
        HookKind.ExpressLaneBid,
        "express-lane-bid",
        r => r.ExpressLane?.Bid,
        r => "Rollup " + r.Name,
        new(
            typeof(UInt128),
            [new("auction", typeof(ExpressLaneAuctionView)), new("me", typeof(ExpressLaneBidderView)), new("market", typeof(MarketView))],
            typeof(Func<ExpressLaneAuctionView, ExpressLaneBidderView, MarketView, UInt128>)));

    /// <summary>
    /// A PBS builder's bid (<c>builder B for A { bid = csharp ... }</c>). A hook sees its block
    /// candidate once it is built (<c>candidate</c>: the slot, the builder, the candidate's value,
    /// gas and transactions, the auction's rules, its wins and the last price) and returns its bid
    /// in wei, at most the candidate's value.
    /// </summary>
    public static RuleSite<PbsBuilderModel, Pbs.IBuilderBidRule> BuilderBid { get; } = new(
        HookKind.BuilderBid,
        "builder-bid",
        b => b.BidHook,
        b => "Builder " + b.Name,
        new(typeof(UInt128), [new("candidate", typeof(BuilderBidView))], typeof(Func<BuilderBidView, UInt128>)));

    /// <summary>
    /// A PBS builder's ordering of its block (<c>builder B for A { strategy = csharp ... }</c>). A
    /// hook sees what the builder may include (<c>pool</c>: the best searcher's bundle, its
    /// exclusive flow and the public mempool as it sees them, in the greedy order) and returns the
    /// indices to execute, in order, each at most once.
    /// </summary>
    public static RuleSite<PbsBuilderModel, Pbs.IBuilderStrategyRule> BuilderStrategy { get; } = new(
        HookKind.BuilderStrategy,
        "builder-strategy",
        b => b.StrategyHook,
        b => "Builder " + b.Name,
        new(typeof(int[]), [new("pool", typeof(BuilderPoolView))], typeof(Func<BuilderPoolView, int[]>)));

    /// <summary>
    /// A rollup's base fee per block (<c>fees { base_fee_market = csharp ... }</c>). A hook is
    /// asked once per block as it opens; it sees the block before it (<c>parent</c>: its number,
    /// seal time, gas used, the gas limit, its base fee and the time since it; genesis for the
    /// first block) and returns the new block's base fee in wei, at most 1 eth.
    /// </summary>
    public static RuleSite<RollupModel, FeeMarket.IBaseFeeRule> BaseFeeMarket { get; } = new(
        HookKind.BaseFeeMarket,
        "base-fee-market",
        r => r.Fees?.BaseFeeMarket?.Hook,
        r => "Rollup " + r.Name,
        new(typeof(UInt128), [new("parent", typeof(BaseFeeParentView))], typeof(Func<BaseFeeParentView, UInt128>)));

    /// <summary>
    /// Who proposes each round of a BFT sequencer set, a rollup's own or a shared sequencer's
    /// (<c>consensus = bft { proposer = csharp ... }</c>). A hook is asked once per round as it
    /// starts; it sees the height and round, the set's stakes, the previous height's proposer and
    /// which nodes are crashed now, and returns the proposing node, 1 … nodes.
    /// </summary>
    public static RuleSite<ConsensusModel, Sequencing.Consensus.IProposerRule> BftProposer { get; } = new(
        HookKind.BftProposer,
        "bft-proposer",
        c => c.ProposerHook,
        _ => "A BFT sequencer set",
        new(typeof(int), [new("round", typeof(ProposerView))], typeof(Func<ProposerView, int>)));

    /// <summary>
    /// What a named prover of a proof market bids for a job (<c>prover NAME { bid = csharp ... }</c>).
    /// A hook is asked once per job it can take, when the auction clears; it sees the job, its
    /// own cost for it, its capacity and load, its wins and the market's recent clearing prices,
    /// and returns its bid in wei. The lowest valid bid wins and is paid.
    /// </summary>
    public static RuleSite<MarketProverModel, IProverBidRule> ProverBid { get; } = new(
        HookKind.ProverBid,
        "prover-bid",
        p => p.BidHook,
        p => "Market prover " + p.Name,
        new(typeof(UInt128), [new("auction", typeof(ProverBidView))], typeof(Func<ProverBidView, UInt128>)));

    /// <summary>
    /// How a shared sequencer's DA aggregator splits each shared posting's L1 cost among the
    /// rollups whose frames it carries (<c>aggregate_data = true  cost_split = csharp ...</c>). A
    /// hook is asked once per posting as it lands; it sees the posting's blob and execution fees
    /// and each part's rollup, bytes and transactions, and returns one share per part, in wei,
    /// summing exactly to the posting's cost.
    /// </summary>
    public static RuleSite<SharedSequencerModel, Batching.IDaCostSplitRule> DaCostSplit { get; } = new(
        HookKind.DaCostSplit,
        "da-cost-split",
        s => s.CostSplitHook,
        s => "Shared sequencer " + s.Name,
        new(typeof(UInt128[]), [new("posting", typeof(CostSplitView))], typeof(Func<CostSplitView, UInt128[]>)));

    /// <summary>
    /// What an external shared sequencer's network charges (<c>fee = csharp ...</c>). A hook is
    /// asked once per rollup per sealed slot; it sees the rollup's block (gas, transactions,
    /// priority and base fees) and returns the fee in wei the rollup pays the network for it.
    /// </summary>
    public static RuleSite<SharedSequencerModel, Sequencing.ISharedSequencerFeeRule> SharedSequencerFee { get; } = new(
        HookKind.SharedSequencerFee,
        "shared-sequencer-fee",
        s => s.FeeHook,
        s => "Shared sequencer " + s.Name,
        new(typeof(UInt128), [new("block", typeof(SequencerFeeView))], typeof(Func<SequencerFeeView, UInt128>)));

    /// <summary>
    /// Where each batch of a batcher posting to <c>L1.auto</c> goes (<c>batch { to = L1.auto  choose = csharp ... }</c>).
    /// A hook is asked once per batch as it is posted; it sees the batch's bytes, the L1 fees of
    /// the moment and the built-in rule's estimate of each target, and returns blobs or calldata.
    /// </summary>
    public static RuleSite<RollupModel, Batching.IDaChoiceRule> DaChoice { get; } = new(
        HookKind.DaChoice,
        "da-choice",
        r => r.Batch.ChooseHook,
        r => "Rollup " + r.Name,
        new(typeof(Hooks.DaChoice), [new("batch", typeof(DaChoiceView))], typeof(Func<DaChoiceView, Hooks.DaChoice>)));

    /// <summary>Every site, in <see cref="HookKind"/> order.</summary>
    public static ImmutableArray<RuleSite> All { get; } = [Ordering, FeeDistribution, ProverSelection, Derivation, TransactionValidity, Strategy, ExpressLaneBid, BuilderBid, BuilderStrategy, BaseFeeMarket, BftProposer, ProverBid, DaCostSplit, SharedSequencerFee, DaChoice];

    /// <summary>The built-in ordering rules (<see cref="BuiltInOrderings"/>), in <see cref="OrderingRule"/> order.</summary>
    public static ImmutableArray<BuiltInOrdering> Orderings => BuiltInOrderings.All;

    /// <summary>The built-in fee-distribution rules (<see cref="BuiltInFeeRules"/>), in <see cref="FeeSplitRule"/> order.</summary>
    public static ImmutableArray<BuiltInFeeRule> FeeRules => BuiltInFeeRules.All;

    /// <summary>The site of a hook kind, or null when the engine has no site for it.</summary>
    public static RuleSite? Find(HookKind kind) => All.FirstOrDefault(s => s.Kind == kind);

    /// <summary>The built-in ordering named <paramref name="rule"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The engine has no such rule.</exception>
    public static BuiltInOrdering BuiltIn(OrderingRule rule) => BuiltInOrderings.Of(rule);

    /// <summary>The built-in fee rule named <paramref name="rule"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The engine has no such rule.</exception>
    public static BuiltInFeeRule BuiltIn(FeeSplitRule rule) => BuiltInFeeRules.Of(rule);
}
