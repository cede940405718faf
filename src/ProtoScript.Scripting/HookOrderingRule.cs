using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>An ordering rule written as a C# hook: the compiled hook compares read-only views of the two transactions.</summary>
public sealed class HookOrderingRule : IOrderingRule
{
    private readonly Func<TransactionView, TransactionView, int> _compare;
    private readonly HookOptions _options;

    internal HookOrderingRule(HookModel hook, Func<TransactionView, TransactionView, int> compare, HookOptions options)
    {
        Hook = hook;
        _compare = compare;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    public string Name => "csharp";

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw or exceeded its budget.</exception>
    public int Compare(in Transaction x, in Transaction y) => Run(Hook, _options, in x, in y, new Call(_compare));

    /// <summary>
    /// Runs one comparison of <paramref name="hook"/> inside its budget: the scripted rule and
    /// the compiled engine's emitted rules both compare through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw or exceeded its budget.</exception>
    public static int Run<TCall>(HookModel hook, HookOptions options, in Transaction x, in Transaction y, TCall call)
        where TCall : struct, IOrderingHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        var vx = View(x);
        var vy = View(y);
        HookCall.Begin(options);
        int result;
        try
        {
            result = call.Invoke(vx, vy);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);
        return result;
    }

    /// <summary>The view of a transaction that ordering hooks see.</summary>
    public static TransactionView View(in Transaction t) => new(
        t.From, t.To, t.Value, t.Nonce, t.PriorityFeePerGas, t.Gas, t.SubmitTime.Microseconds, t.ArrivalSequence);

    private readonly struct Call(Func<TransactionView, TransactionView, int> compare) : IOrderingHookCall
    {
        public int Invoke(TransactionView x, TransactionView y) => compare(x, y);
    }
}

/// <summary>Calls an ordering hook.</summary>
public interface IOrderingHookCall
{
    /// <summary>Compares <paramref name="x"/> with <paramref name="y"/>.</summary>
    int Invoke(TransactionView x, TransactionView y);
}
