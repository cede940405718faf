using ProtoScript.Engine.Derivation;
using ProtoScript.Hooks;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>
/// A derivation rule written as a C# hook: the compiled hook sees a read-only view of one
/// decoded batch and returns null to accept it or the reason derivation drops it.
/// </summary>
public sealed class HookDerivationRule : IDerivationRule
{
    private readonly Func<DerivationBatchView, string?> _check;
    private readonly HookOptions _options;

    internal HookDerivationRule(HookModel hook, Func<DerivationBatchView, string?> check, HookOptions options)
    {
        Hook = hook;
        _check = check;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw or exceeded its budget.</exception>
    public string? Check(DerivationBatch batch) => Run(Hook, _options, batch, new Call(_check));

    /// <summary>
    /// Runs <paramref name="hook"/> on one batch inside its budget: the scripted rule and the
    /// compiled engine's emitted rules both check through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw or exceeded its budget.</exception>
    public static string? Run<TCall>(HookModel hook, HookOptions options, DerivationBatch batch, TCall call)
        where TCall : struct, IDerivationHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(batch);
        var view = View(batch);
        HookCall.Begin(options);
        string? reason;
        try
        {
            reason = call.Invoke(view);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);

        // The reason reaches verify's output and the report: escaped and capped like any hook text.
        return reason is null ? null : UntrustedText.Show(reason);
    }

    /// <summary>The view of a batch that derivation hooks see.</summary>
    public static DerivationBatchView View(DerivationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var blocks = batch.Batch.Blocks.Select(b => new DerivationBlockView(b.Number, b.TimestampMicros, b.L1Origin, b.Transactions.Count)).ToList();
        return new DerivationBatchView(batch.L1Block, blocks, batch.L1Times);
    }

    private readonly struct Call(Func<DerivationBatchView, string?> check) : IDerivationHookCall
    {
        public string? Invoke(DerivationBatchView batch) => check(batch);
    }
}

/// <summary>Calls a derivation hook.</summary>
public interface IDerivationHookCall
{
    /// <summary>Null to accept <paramref name="batch"/>, else why it is dropped.</summary>
    string? Invoke(DerivationBatchView batch);
}
