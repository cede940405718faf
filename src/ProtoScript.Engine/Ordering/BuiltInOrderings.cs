using System.Collections.Immutable;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Ordering;

/// <summary>A built-in ordering rule: its scenario name and how a run makes it.</summary>
/// <param name="Rule">The model's name for it.</param>
/// <param name="Key">The name it is registered under (and reports show).</param>
/// <param name="Create">Makes the rule for a run from the rollup's own random stream (only the random rule draws from it).</param>
/// <param name="PerRun">True when each run needs its own instance (it holds run state such as a seed); false for a stateless rule a host may replace as a keyed service.</param>
public sealed record BuiltInOrdering(OrderingRule Rule, string Key, Func<Func<RandomStream>, IOrderingRule> Create, bool PerRun = false);

/// <summary>
/// The built-in ordering rules. Each rule's file registers it here (a <c>partial</c> part with one
/// <see cref="Register"/> call), so a new built-in ordering is its <see cref="OrderingRule"/> member
/// and its own file, and nothing else changes: the language names it from the enum, and the engine,
/// the compiled path and the generator make it through this table.
/// </summary>
public static partial class BuiltInOrderings
{
    private static SortedDictionary<OrderingRule, BuiltInOrdering>? registered;

    /// <summary>Every built-in ordering, in <see cref="OrderingRule"/> order (the order of the parts' files does not matter).</summary>
    public static ImmutableArray<BuiltInOrdering> All => [.. Table.Values];

    /// <summary>The built-in ordering named <paramref name="rule"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The engine has no such rule.</exception>
    public static BuiltInOrdering Of(OrderingRule rule) =>
        Table.TryGetValue(rule, out var builtIn) ? builtIn : throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown ordering rule.");

    // Touching any static member runs every part's field initializer first, so the table is complete here.
    private static SortedDictionary<OrderingRule, BuiltInOrdering> Table => registered!;

    // The parts' initializers run in an order the language leaves unspecified, so the first creates the table.
    private static bool Register(BuiltInOrdering builtIn)
    {
        registered ??= [];
        if (!registered.TryAdd(builtIn.Rule, builtIn))
        {
            throw new InvalidOperationException($"Two built-in orderings are registered for {builtIn.Rule}.");
        }

        return true;
    }
}
