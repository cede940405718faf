using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>
/// How a built-in rule distributes one sealed block's fees: it adds its payments to
/// <paramref name="payments"/>, may pay roles back what they are owed through
/// <see cref="FeeSettlement.PayBack"/>, and must pay out exactly what the block collected
/// (<see cref="FeeBlock.Collected"/>), paying <see cref="Hooks.Role.Burned"/> what it destroys.
/// </summary>
/// <param name="settlement">The rollup's settlement: its <c>fees</c> block (<see cref="FeeSettlement.Model"/>) and the costs roles are owed.</param>
/// <param name="block">The block.</param>
/// <param name="payments">Where the payments go, in the order they are made.</param>
public delegate void FeeRuleDistribution(FeeSettlement settlement, in FeeBlock block, List<FeePayment> payments);

/// <summary>A built-in fee-distribution rule: its scenario name and how it pays out a block.</summary>
/// <param name="Rule">The model's name for it.</param>
/// <param name="Key">The name it is registered under (and reports show).</param>
/// <param name="Distribute">Pays out one block.</param>
public sealed record BuiltInFeeRule(FeeSplitRule Rule, string Key, FeeRuleDistribution Distribute);

/// <summary>
/// The built-in fee-distribution rules. Each rule's file registers it here (a <c>partial</c> part
/// with one <see cref="Register"/> call), so a new built-in fee rule is its <see cref="FeeSplitRule"/>
/// member and its own file, and nothing else changes: the language names it from the enum, and
/// every engine path settles through this table.
/// </summary>
public static partial class BuiltInFeeRules
{
    private static SortedDictionary<FeeSplitRule, BuiltInFeeRule>? registered;

    /// <summary>Every built-in fee rule, in <see cref="FeeSplitRule"/> order (the order of the parts' files does not matter).</summary>
    public static ImmutableArray<BuiltInFeeRule> All => [.. Table.Values];

    /// <summary>The built-in fee rule named <paramref name="rule"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The engine has no such rule.</exception>
    public static BuiltInFeeRule Of(FeeSplitRule rule) =>
        Table.TryGetValue(rule, out var builtIn) ? builtIn : throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown fee rule.");

    // Touching any static member runs every part's field initializer first, so the table is complete here.
    private static SortedDictionary<FeeSplitRule, BuiltInFeeRule> Table => registered!;

    // The parts' initializers run in an order the language leaves unspecified, so the first creates the table.
    private static bool Register(BuiltInFeeRule builtIn)
    {
        registered ??= [];
        if (!registered.TryAdd(builtIn.Rule, builtIn))
        {
            throw new InvalidOperationException($"Two built-in fee rules are registered for {builtIn.Rule}.");
        }

        return true;
    }
}
