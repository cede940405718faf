using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Ordering;

/// <summary>
/// A uniformly random order that neither fees nor arrival time can influence (what a
/// "random ordering" sequencer promises against spam races). Each transaction's place is a
/// hash of its arrival number salted with the run's own random draw, so the order is fixed
/// for the run, repeats exactly with the same seed, and changes with it.
/// </summary>
/// <param name="salt">A value drawn from the run's random tree.</param>
public sealed class RandomOrdering(ulong salt) : IOrderingRule
{
    /// <summary>The name a scenario uses for this rule.</summary>
    public const string Key = "random";

    /// <inheritdoc />
    public string Name => Key;

    /// <inheritdoc />
    public int Compare(in Transaction x, in Transaction y)
    {
        var byKey = SplitMix64.Mix(x.ArrivalSequence ^ salt).CompareTo(SplitMix64.Mix(y.ArrivalSequence ^ salt));
        return byKey != 0 ? byKey : x.ArrivalSequence.CompareTo(y.ArrivalSequence);
    }
}

/// <content>Registers <see cref="RandomOrdering"/> as the built-in <see cref="OrderingRule.Random"/> rule.</content>
public static partial class BuiltInOrderings
{
    // The salt is the run's own draw, so the rule is made per run.
    private static readonly bool RandomRegistered = Register(new(OrderingRule.Random, RandomOrdering.Key, random => new RandomOrdering(random().NextUInt64()), PerRun: true));
}
