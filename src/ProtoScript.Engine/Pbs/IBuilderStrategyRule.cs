using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Pbs;

/// <summary>Where a PBS builder got a transaction it may include.</summary>
public enum BuilderSource : byte
{
    /// <summary>The public mempool.</summary>
    Public,

    /// <summary>Its exclusive (private) order flow.</summary>
    Exclusive,

    /// <summary>A searcher's bundle.</summary>
    Bundle,
}

/// <summary>What a PBS builder sees for one slot, for its ordering rule.</summary>
/// <param name="Block">The number of the L2 block the slot seals (1-based).</param>
/// <param name="Time">The slot's seal time.</param>
/// <param name="Builder">The builder's name.</param>
/// <param name="GasLimit">The gas the block has.</param>
/// <param name="Candidates">What it may include, in the built-in greedy order.</param>
/// <param name="Sources">Where each of <paramref name="Candidates"/> came from, at the same index.</param>
public readonly record struct BuilderOrderSituation(ulong Block, SimDuration Time, string Builder, ulong GasLimit, IReadOnlyList<Transaction> Candidates, IReadOnlyList<BuilderSource> Sources);

/// <summary>
/// How a PBS builder orders what it sees into its block, when a C# hook decides it
/// (<c>strategy = csharp ...</c>); the built-in rule is greedy by tip.
/// </summary>
public interface IBuilderStrategyRule
{
    /// <summary>
    /// The indices into <see cref="BuilderOrderSituation.Candidates"/> of the transactions to
    /// execute, in order, each at most once; the block processor still checks nonces, balances and gas.
    /// </summary>
    IReadOnlyList<int> Order(in BuilderOrderSituation situation);
}
