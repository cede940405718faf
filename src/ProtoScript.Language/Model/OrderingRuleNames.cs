using System.Collections.Immutable;
using System.Text;

namespace ProtoScript.Language.Model;

/// <summary>
/// The scenario names of the built-in <see cref="OrderingRule"/>s, derived from the enum's members
/// (<c>PriorityFee</c> is <c>priority_fee</c>), so a new built-in ordering is named where it is declared.
/// </summary>
public static class OrderingRuleNames
{
    /// <summary>Every built-in ordering's scenario name, in declaration order.</summary>
    public static ImmutableArray<string> All { get; } = [.. Enum.GetValues<OrderingRule>().Select(Of)];

    /// <summary>The scenario name of <paramref name="rule"/>.</summary>
    public static string Of(OrderingRule rule) => RuleNameText.Snake(rule.ToString());

    /// <summary>The rule named <paramref name="name"/>, or null when no built-in ordering has that name.</summary>
    public static OrderingRule? Parse(string name)
    {
        var index = All.IndexOf(name, StringComparer.Ordinal);
        return index < 0 ? null : Enum.GetValues<OrderingRule>()[index];
    }
}

/// <summary>How a built-in rule's enum member becomes its scenario name, for every table of named rules.</summary>
internal static class RuleNameText
{
    /// <summary><c>PriorityFee</c> is <c>priority_fee</c>.</summary>
    public static string Snake(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(name[i]));
        }

        return snake.ToString();
    }
}
