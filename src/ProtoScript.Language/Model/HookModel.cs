using ProtoScript.Language.Text;

namespace ProtoScript.Language.Model;

/// <summary>The rule a C# hook replaces; each kind has its own typed API (docs/hooks.md).</summary>
public enum HookKind
{
    /// <summary>Orders a rollup's pending transactions (replaces <c>fcfs</c>, <c>priority_fee</c>, ...).</summary>
    Ordering,

    /// <summary>Splits a block's fees between roles (replaces the built-in split).</summary>
    FeeDistribution,

    /// <summary>Chooses the prover(s) of a block.</summary>
    ProverSelection,

    /// <summary>Turns L1 data into L2 blocks (replaces <c>standard</c>).</summary>
    Derivation,

    /// <summary>Decides whether a transaction is valid before execution.</summary>
    TransactionValidity,

    /// <summary>An agent's strategy (e.g. when an arbitrageur trades).</summary>
    Strategy,

    /// <summary>An arbitrageur's bid for a round of a rollup's express lane (replaces the built-in bid rule).</summary>
    ExpressLaneBid,

    /// <summary>What a PBS builder bids for its block candidate (replaces <c>bid = N %</c>).</summary>
    BuilderBid,

    /// <summary>How a PBS builder orders what it sees into its block (replaces <c>strategy = greedy</c>).</summary>
    BuilderStrategy,

    /// <summary>A rollup's base fee per block (replaces <c>base_fee_market = eip1559 { ... }</c> or <c>speed_limit { ... }</c>).</summary>
    BaseFeeMarket,

    /// <summary>Who proposes each round of a BFT sequencer set (replaces <c>proposer = round_robin</c> or <c>stake_weighted</c>).</summary>
    BftProposer,

    /// <summary>What a named prover of a market bids for a proof job (replaces <c>bid = cost_plus { ... }</c> or <c>load { ... }</c>).</summary>
    ProverBid,

    /// <summary>How a DA aggregator's shared posting's L1 cost is split among its rollups (replaces <c>cost_split = by_bytes</c> or <c>equal</c>).</summary>
    DaCostSplit,

    /// <summary>What an external shared sequencer's network charges a rollup for its block of a slot (replaces <c>fee = X per gas</c>).</summary>
    SharedSequencerFee,

    /// <summary>Where a batch of a batcher posting to <c>L1.auto</c> goes (replaces the built-in cheaper-of-the-two choice).</summary>
    DaChoice,
}

/// <summary>
/// The C# text of one hook, exactly as written, and where it sits in its file, so that a
/// compile error inside it can be reported at the scenario's own line and column.
/// </summary>
/// <param name="Kind">The rule it replaces.</param>
/// <param name="Owner">What it belongs to, for messages (e.g. <c>rollup A ordering</c>).</param>
/// <param name="Code">The C# text: a block's statements, or an expression after <c>=&gt;</c>.</param>
/// <param name="IsExpression">True for <c>csharp =&gt; expression</c>, false for <c>csharp { statements }</c>.</param>
/// <param name="Source">The file the hook was written in.</param>
/// <param name="CodeSpan">The span of <paramref name="Code"/> in <paramref name="Source"/>.</param>
public sealed record HookModel(
    HookKind Kind,
    string Owner,
    string Code,
    bool IsExpression,
    SourceText Source,
    TextSpan CodeSpan)
{
    /// <summary>Where the hook's code starts, one-based.</summary>
    public SourceLocation Location
    {
        get
        {
            var position = Source.GetPosition(CodeSpan.Start);
            return new SourceLocation(Source.Path, position.Line, position.Column);
        }
    }
}

/// <summary>
/// The budget of every hook call of a scenario (<c>hooks { ... }</c>): deterministic step and
/// call-depth limits and an allocation limit, so a runaway hook stops with a diagnostic.
/// </summary>
/// <param name="MaxSteps">Loop iterations and calls per hook call.</param>
/// <param name="MaxCallDepth">Nesting of the hook's own calls.</param>
/// <param name="MaxAllocatedBytes">Bytes allocated per hook call.</param>
public sealed record HookLimitsModel(long MaxSteps, int MaxCallDepth, long MaxAllocatedBytes)
{
    /// <summary>1 000 000 steps, depth 256, 64 MiB.</summary>
    public static HookLimitsModel Default { get; } = new(1_000_000, 256, 64L * 1024 * 1024);
}
