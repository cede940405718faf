using System.Globalization;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Pbs;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>A PBS builder's ordering written as a C# hook: it sees read-only views of what the builder may include and returns the order, by index.</summary>
public sealed class HookBuilderStrategy : IBuilderStrategyRule
{
    private readonly Func<BuilderPoolView, int[]> _order;
    private readonly HookOptions _options;

    internal HookBuilderStrategy(HookModel hook, Func<BuilderPoolView, int[]> order, HookOptions options)
    {
        Hook = hook;
        _order = order;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned an index out of range or twice.</exception>
    public IReadOnlyList<int> Order(in BuilderOrderSituation situation) => Run(Hook, _options, in situation, new Call(_order));

    /// <summary>
    /// Runs <paramref name="hook"/> for one slot inside its budget and checks the order it
    /// returns: the scripted rule and the compiled engine's emitted ones both order through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned an index out of range or twice.</exception>
    public static IReadOnlyList<int> Run<TCall>(HookModel hook, HookOptions options, in BuilderOrderSituation situation, TCall call)
        where TCall : struct, IBuilderStrategyHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        var candidates = situation.Candidates;
        var sources = situation.Sources;
        var views = new BuilderTxView[candidates.Count];
        for (var i = 0; i < views.Length; i++)
        {
            var tx = candidates[i];
            views[i] = new BuilderTxView(tx.From, tx.Nonce, tx.PriorityFeePerGas, tx.Gas, KindName(tx.Kind), SourceName(sources[i]));
        }

        var pool = new BuilderPoolView(situation.Block, situation.Time.Microseconds, situation.Builder, situation.GasLimit, views);
        HookCall.Begin(options);
        int[]? order;
        try
        {
            order = call.Invoke(pool);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);
        if (order is null)
        {
            throw Impossible(hook, "null instead of an order");
        }

        var taken = new bool[views.Length];
        var copy = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var index = order[i];
            if ((uint)index >= (uint)views.Length)
            {
                throw Impossible(hook, string.Create(CultureInfo.InvariantCulture, $"index {index} at position {i}, but the pool's transactions are numbered 0 to {views.Length - 1}"));
            }

            if (taken[index])
            {
                throw Impossible(hook, string.Create(CultureInfo.InvariantCulture, $"index {index} twice (again at position {i})"));
            }

            taken[index] = true;
            copy[i] = index;
        }

        return copy;
    }

    private static string KindName(TransactionKind kind) => kind switch
    {
        TransactionKind.Transfer => "transfer",
        TransactionKind.Swap => "swap",
        TransactionKind.Withdrawal => "withdrawal",
        TransactionKind.CrossChainMessage => "message",
        _ => "other",
    };

    private static string SourceName(BuilderSource source) => source switch
    {
        BuilderSource.Bundle => "bundle",
        BuilderSource.Exclusive => "exclusive",
        _ => "public",
    };

    private static HookException Impossible(HookModel hook, string what) => new(hook, false, "returned an impossible order: " + what)
    {
        Hint = "return indices into `pool` (0 to pool.Count - 1), each at most once, e.g. `pool.Greedy()`",
    };

    private readonly struct Call(Func<BuilderPoolView, int[]> order) : IBuilderStrategyHookCall
    {
        public int[]? Invoke(BuilderPoolView pool) => order(pool);
    }
}

/// <summary>Calls a PBS builder's strategy hook.</summary>
public interface IBuilderStrategyHookCall
{
    /// <summary>The indices into <paramref name="pool"/> to execute, in order.</summary>
    int[]? Invoke(BuilderPoolView pool);
}
