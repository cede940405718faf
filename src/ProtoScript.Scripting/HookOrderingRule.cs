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
    public int Compare(in Transaction x, in Transaction y)
    {
        var vx = View(x);
        var vy = View(y);
        HookCall.Begin(_options);
        int result;
        try
        {
            result = _compare(vx, vy);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(Hook, e);
        }

        HookCall.End(Hook);
        return result;
    }

    /// <summary>The view of a transaction that ordering hooks see.</summary>
    public static TransactionView View(in Transaction t) => new(
        t.From, t.To, t.Value, t.Nonce, t.PriorityFeePerGas, t.Gas, t.SubmitTime.Microseconds, t.ArrivalSequence);
}
