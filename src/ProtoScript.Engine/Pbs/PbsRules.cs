using System.Collections.Immutable;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Pbs;

/// <summary>
/// The C# hooks of one rollup's PBS builders, resolved at genesis through the
/// <see cref="RuleRegistry"/>: per builder, in source order, its bid rule (null for the built-in
/// share of the candidate's value) and its ordering rule (null for the built-in greedy one).
/// </summary>
public sealed class PbsRules
{
    private PbsRules(ImmutableArray<IBuilderBidRule?> bids, ImmutableArray<IBuilderStrategyRule?> strategies)
    {
        Bids = bids;
        Strategies = strategies;
    }

    /// <summary>No hooks: every builder uses the built-in rules.</summary>
    public static PbsRules None { get; } = new([], []);

    /// <summary>Each builder's ordering rule, or null for the built-in greedy one; empty when no builder has a hook.</summary>
    public ImmutableArray<IBuilderStrategyRule?> Strategies { get; }

    /// <summary>The ordering rule of builder <paramref name="index"/>, or null for the built-in greedy one.</summary>
    public IBuilderStrategyRule? StrategyOf(int index) => index < Strategies.Length ? Strategies[index] : null;

    /// <summary>Each builder's bid rule, or null for the built-in one; empty when no builder has a hook.</summary>
    public ImmutableArray<IBuilderBidRule?> Bids { get; }

    /// <summary>The bid rule of builder <paramref name="index"/>, or null for the built-in one.</summary>
    public IBuilderBidRule? BidOf(int index) => index < Bids.Length ? Bids[index] : null;

    /// <summary>The rules of <paramref name="rollup"/>'s builders, from <paramref name="rules"/>.</summary>
    /// <exception cref="ArgumentException">A builder has a hook the provider has no rule for.</exception>
    public static PbsRules Resolve(RollupModel rollup, IRuleProvider? rules)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        if (rollup.Pbs is not { } pbs || !pbs.Builders.Any(b => b.BidHook is not null || b.StrategyHook is not null))
        {
            return None;
        }

        return new(
            [.. pbs.Builders.Select(b => RuleRegistry.BuilderBid.Resolve(b, rules))],
            [.. pbs.Builders.Select(b => RuleRegistry.BuilderStrategy.Resolve(b, rules))]);
    }
}
