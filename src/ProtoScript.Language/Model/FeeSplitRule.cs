using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>
/// The built-in rules that distribute a block's fees (<c>distribute = NAME { ROLE = PERCENT ... }</c>
/// in a <c>fees</c> block). Each member is one rule of the engine's <c>BuiltInFeeRules</c>, which its
/// own file registers; the language names it from here (<see cref="FeeSplitRuleNames"/>), so a new
/// built-in fee rule is its member and its engine file.
/// </summary>
public enum FeeSplitRule
{
    /// <summary>
    /// Base fees to the <c>base_fee</c> destination; from the priority and L1 data fees, data
    /// availability and then proving paid back what they are owed; the rest split by the shares.
    /// </summary>
    Split,
}

/// <summary>
/// The scenario names of the built-in <see cref="FeeSplitRule"/>s, derived from the enum's members
/// (as <see cref="OrderingRuleNames"/> does for orderings), so a new rule is named where it is declared.
/// </summary>
public static class FeeSplitRuleNames
{
    /// <summary>Every built-in fee rule's scenario name, in declaration order.</summary>
    public static ImmutableArray<string> All { get; } = [.. Enum.GetValues<FeeSplitRule>().Select(Of)];

    /// <summary>The scenario name of <paramref name="rule"/>.</summary>
    public static string Of(FeeSplitRule rule) => RuleNameText.Snake(rule.ToString());

    /// <summary>The rule named <paramref name="name"/>, or null when no built-in fee rule has that name.</summary>
    public static FeeSplitRule? Parse(string name)
    {
        var index = All.IndexOf(name, StringComparer.Ordinal);
        return index < 0 ? null : Enum.GetValues<FeeSplitRule>()[index];
    }
}
