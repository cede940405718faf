using System.Globalization;
using ProtoScript.Engine.FeeMarket;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>A rollup's base fee market written as a C# hook: it sees a read-only view of the previous block and returns the next block's base fee in wei.</summary>
public sealed class HookBaseFeeRule : IBaseFeeRule
{
    private readonly Func<BaseFeeParentView, UInt128> _price;
    private readonly HookOptions _options;

    internal HookBaseFeeRule(HookModel hook, Func<BaseFeeParentView, UInt128> price, HookOptions options)
    {
        Hook = hook;
        _price = price;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw (a negative result overflows its checked arithmetic), exceeded its budget, or returned more than the cap.</exception>
    public UInt128 BaseFee(in BaseFeeParentView parent) => Run(Hook, _options, in parent, new Call(_price));

    /// <summary>
    /// Runs <paramref name="hook"/> for one block inside its budget and checks the base fee it
    /// returns: the scripted rule and the compiled engine's emitted ones both price through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned more than <see cref="BaseFeeMarketModel.MaxHookedBaseFee"/>.</exception>
    public static UInt128 Run<TCall>(HookModel hook, HookOptions options, in BaseFeeParentView parent, TCall call)
        where TCall : struct, IBaseFeeHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        HookCall.Begin(options);
        UInt128 fee;
        try
        {
            fee = call.Invoke(parent);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);

        // Above 1 eth per gas one transfer costs more than any account in a scenario holds: a runaway formula, not a price.
        if (fee > BaseFeeMarketModel.MaxHookedBaseFee)
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned an impossible base fee for block {parent.Number + 1}: {fee} wei per gas, above the cap of {BaseFeeMarketModel.MaxHookedBaseFee} wei (1 eth)"))
            {
                Hint = "return a base fee in wei between 0 and 1 eth per gas, e.g. `BaseFeeParentView.Gwei(2)`",
            };
        }

        return fee;
    }

    private readonly struct Call(Func<BaseFeeParentView, UInt128> price) : IBaseFeeHookCall
    {
        public UInt128 Invoke(BaseFeeParentView parent) => price(parent);
    }
}

/// <summary>Calls a rollup's base fee market hook.</summary>
public interface IBaseFeeHookCall
{
    /// <summary>The base fee in wei of the block after <paramref name="parent"/>.</summary>
    UInt128 Invoke(BaseFeeParentView parent);
}
