using ProtoScript.Engine.Derivation;
using ProtoScript.Hooks;
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
    public string? Check(DerivationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var view = View(batch);
        HookCall.Begin(_options);
        string? reason;
        try
        {
            reason = _check(view);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(Hook, e);
        }

        HookCall.End(Hook);
        return reason;
    }

    /// <summary>The view of a batch that derivation hooks see.</summary>
    public static DerivationBatchView View(DerivationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var blocks = batch.Batch.Blocks.Select(b => new DerivationBlockView(b.Number, b.TimestampMicros, b.L1Origin, b.Transactions.Count)).ToList();
        return new DerivationBatchView(batch.L1Block, blocks, batch.L1Times);
    }
}
