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
    public bool Accepts(in Transaction tx, in SenderRecord sender, long block, SimDuration now)
    {
        var view = HookOrderingRule.View(tx);
        var senderView = new SenderView(sender.Account, sender.Included, sender.IncludedThisBlock, sender.LastIncluded?.Microseconds ?? -1);
        var time = TimeSpan.FromMicroseconds(now.Microseconds);
        HookCall.Begin(_options);
        bool result;
        try
        {
            result = _accepts(view, senderView, block, time);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(Hook, e);
        }

        HookCall.End(Hook);
        return result;
    }
}
