using System.Globalization;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>An external shared sequencer's fee written as a C# hook: it sees a read-only view of one rollup's block of a slot and returns what the rollup pays the network for it, in wei.</summary>
public sealed class HookSharedSequencerFee : ISharedSequencerFeeRule
{
    private readonly Func<SequencerFeeView, UInt128> _fee;
    private readonly HookOptions _options;

    internal HookSharedSequencerFee(HookModel hook, Func<SequencerFeeView, UInt128> fee, HookOptions options)
    {
        Hook = hook;
        _fee = fee;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw (a negative result overflows its checked arithmetic), exceeded its budget, or returned more than the cap.</exception>
    public UInt128 Fee(in SequencerFeeView block) => Run(Hook, _options, in block, new Call(_fee));

    /// <summary>
    /// Runs <paramref name="hook"/> for one block inside its budget and checks the fee it
    /// returns: the scripted rule and the compiled engine's emitted ones both charge through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned more than <see cref="SharedSequencerModel.MaxHookedFee"/>.</exception>
    public static UInt128 Run<TCall>(HookModel hook, HookOptions options, in SequencerFeeView block, TCall call)
        where TCall : struct, ISharedSequencerFeeHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        HookCall.Begin(options);
        UInt128 fee;
        try
        {
            fee = call.Invoke(block);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);

        // Above 1 eth for one block the network would drain the rollups' operators: a runaway formula, not a price.
        if (fee > SharedSequencerModel.MaxHookedFee)
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned an impossible fee for rollup {block.Rollup}'s block of slot {block.Slot}: {fee} wei, above the cap of {SharedSequencerModel.MaxHookedFee} wei (1 eth)"))
            {
                Hint = "return a fee in wei between 0 and 1 eth, e.g. `SequencerFeeView.Percent(block.PriorityFees, 10)`",
            };
        }

        return fee;
    }

    private readonly struct Call(Func<SequencerFeeView, UInt128> fee) : ISharedSequencerFeeHookCall
    {
        public UInt128 Invoke(SequencerFeeView block) => fee(block);
    }
}

/// <summary>Calls an external shared sequencer's fee hook.</summary>
public interface ISharedSequencerFeeHookCall
{
    /// <summary>The fee in wei for <paramref name="block"/>.</summary>
    UInt128 Invoke(SequencerFeeView block);
}
