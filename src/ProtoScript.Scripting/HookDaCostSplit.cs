using System.Globalization;
using ProtoScript.Engine.Batching;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>A DA aggregator's cost split written as a C# hook: it sees a read-only view of one landed shared posting and returns each rollup's share of its cost in wei.</summary>
public sealed class HookDaCostSplit : IDaCostSplitRule
{
    private readonly Func<CostSplitView, UInt128[]> _split;
    private readonly HookOptions _options;

    internal HookDaCostSplit(HookModel hook, Func<CostSplitView, UInt128[]> split, HookOptions options)
    {
        Hook = hook;
        _split = split;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned shares that are not one per part summing exactly to the posting's cost.</exception>
    public UInt128[] Split(CostSplitView posting) => Run(Hook, _options, posting, new Call(_split));

    /// <summary>
    /// Runs <paramref name="hook"/> for one posting inside its budget and checks the shares it
    /// returns: the scripted rule and the compiled engine's emitted ones both split through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, returned null, not one share per part, or shares whose sum is not the posting's cost.</exception>
    public static UInt128[] Run<TCall>(HookModel hook, HookOptions options, CostSplitView posting, TCall call)
        where TCall : struct, IDaCostSplitHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(posting);
        HookCall.Begin(options);
        UInt128[]? shares;
        try
        {
            shares = call.Invoke(posting);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);
        if (shares is null || shares.Length != posting.Parts)
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned {(shares is null ? "null" : shares.Length + " shares")} for a posting of {posting.Parts} rollups ({string.Join(", ", Enumerable.Range(0, posting.Parts).Select(posting.Rollup))}) in L1 block {posting.L1Block}; it must return one share per rollup, in the posting's order"))
            {
                Hint = "return an array of `posting.Parts` amounts in wei, e.g. `posting.ByBytes()`",
            };
        }

        // Shares that do not add up would create or destroy wei: the rollups must pay exactly what L1 charged.
        UInt128 sum = 0;
        var overflow = false;
        foreach (var share in shares)
        {
            overflow |= UInt128.MaxValue - sum < share;
            sum = overflow ? sum : sum + share;
        }

        if (overflow || sum != posting.Total)
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned shares [{string.Join(", ", shares)}] summing to {(overflow ? "more than 2^128" : sum.ToString(CultureInfo.InvariantCulture))} wei for a posting in L1 block {posting.L1Block} that cost {posting.Total} wei; the shares must sum to exactly its cost"))
            {
                Hint = "give the rounding remainder to one rollup, e.g. start from `CostSplitView.Equal(posting.Total, posting.Parts)` or `posting.ByBytes()`",
            };
        }

        return shares;
    }

    private readonly struct Call(Func<CostSplitView, UInt128[]> split) : IDaCostSplitHookCall
    {
        public UInt128[] Invoke(CostSplitView posting) => split(posting);
    }
}

/// <summary>Calls a DA aggregator's cost split hook.</summary>
public interface IDaCostSplitHookCall
{
    /// <summary>Each part's share of <paramref name="posting"/>'s cost, in wei.</summary>
    UInt128[]? Invoke(CostSplitView posting);
}
