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

    /// <summary>
    /// The OP Stack's vaults: the Superchain revenue share, max(2.5 % of gross revenue, 15 % of gross
    /// revenue minus the L1 data fees users paid), to the treasury (the Optimism Collective); from
    /// the rest data availability (the batcher, funded from the L1FeeVault) and then proving paid back
    /// what they are owed; what remains of the BaseFeeVault, SequencerFeeVault and L1FeeVault split by
    /// the shares (the chain operator's revenue; default all to the sequencer).
    /// </summary>
    OpStack,

    /// <summary>
    /// Arbitrum's fee components: the infrastructure fee (gas used at the minimum base fee) to the
    /// treasury; the L1 pricer's funds (the L1 data fees) pay data availability (the batch poster)
    /// back what it is owed, the surplus to the treasury, a deficit carried over; the network fee
    /// (the rest of the base fee) and the priority fees pay proving back and are split by the shares.
    /// </summary>
    Arbitrum,
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
