using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Validity;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>A transaction-validity rule written as a C# hook: the compiled hook sees read-only views of the transaction and its sender.</summary>
public sealed class HookValidityRule : ITransactionValidityRule
{
    private readonly Func<TransactionView, SenderView, long, TimeSpan, bool> _accepts;
    private readonly HookOptions _options;

    internal HookValidityRule(HookModel hook, Func<TransactionView, SenderView, long, TimeSpan, bool> accepts, HookOptions options)
    {
        Hook = hook;
        _accepts = accepts;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw or exceeded its budget.</exception>
    public bool Accepts(in Transaction tx, in SenderRecord sender, long block, SimDuration now) =>
        Run(Hook, _options, in tx, in sender, block, now, new Call(_accepts));

    /// <summary>
    /// Runs <paramref name="hook"/> on one transaction inside its budget: the scripted rule and
    /// the compiled engine's emitted rules both check through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw or exceeded its budget.</exception>
    public static bool Run<TCall>(HookModel hook, HookOptions options, in Transaction tx, in SenderRecord sender, long block, SimDuration now, TCall call)
        where TCall : struct, IValidityHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        var view = HookOrderingRule.View(tx);
        var senderView = new SenderView(sender.Account, sender.Included, sender.IncludedThisBlock, sender.LastIncluded?.Microseconds ?? -1);
        var time = TimeSpan.FromMicroseconds(now.Microseconds);
        HookCall.Begin(options);
        bool result;
        try
        {
            result = call.Invoke(view, senderView, block, time);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);
        return result;
    }

    private readonly struct Call(Func<TransactionView, SenderView, long, TimeSpan, bool> accepts) : IValidityHookCall
    {
        public bool Invoke(TransactionView tx, SenderView sender, long block, TimeSpan now) => accepts(tx, sender, block, now);
    }
}

/// <summary>Calls a transaction-validity hook.</summary>
public interface IValidityHookCall
{
    /// <summary>True to let <paramref name="tx"/> execute.</summary>
    bool Invoke(TransactionView tx, SenderView sender, long block, TimeSpan now);
}
