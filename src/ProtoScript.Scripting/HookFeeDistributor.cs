using ProtoScript.Engine.Fees;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>
/// A fee distribution written as a C# hook: the compiled hook sees a read-only view of the
/// block and pays roles with <c>Pay</c>. Paying out more than the block collected fails the
/// hook (a <see cref="HookException"/>), checked here as soon as the call returns.
/// </summary>
public sealed class HookFeeDistributor : IFeeDistributor
{
    private readonly Action<FeeBlockView> _distribute;
    private readonly HookOptions _options;

    internal HookFeeDistributor(HookModel hook, Action<FeeBlockView> distribute, HookOptions options)
    {
        Hook = hook;
        _distribute = distribute;
        _options = options;
    }

    /// <summary>The hook this distribution runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or paid out more than the block collected.</exception>
    public void Distribute(in FeeBlock block, List<FeePayment> payments) => Run(Hook, _options, in block, payments, new Call(_distribute));

    /// <summary>
    /// Runs <paramref name="hook"/> on one block inside its budget and adds what it paid to
    /// <paramref name="payments"/>: the scripted distribution and the compiled engine's emitted
    /// ones both distribute through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or paid out more than the block collected.</exception>
    public static void Run<TCall>(HookModel hook, HookOptions options, in FeeBlock block, List<FeePayment> payments, TCall call)
        where TCall : struct, IFeeDistributionHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(payments);
        var view = View(in block);
        FeePayments.Begin();
        HookCall.Begin(options);
        List<(Role Role, UInt128 Amount)> paid;
        try
        {
            call.Invoke(view);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }
        finally
        {
            paid = FeePayments.End();
        }

        HookCall.End(hook);
        UInt128 total = 0;
        foreach (var (role, amount) in paid)
        {
            total = total + amount < total ? UInt128.MaxValue : total + amount;
            payments.Add(new FeePayment(role, amount));
        }

        if (total > view.Collected)
        {
            throw new HookException(hook, false, FormattableString.Invariant($"paid out {total} wei but block {view.Number} collected only {view.Collected} wei"))
            {
                Hint = "a fee-distribution hook can pay out at most block.Collected (base, priority and L1 data fees); what it leaves unpaid is burned",
            };
        }
    }

    /// <summary>The view of a block that fee-distribution hooks see.</summary>
    public static FeeBlockView View(in FeeBlock block) => new(
        block.Number, block.Time.Microseconds, block.BaseFees, block.PriorityFees, block.L1DataFees, block.DaCost, block.ProofCost, block.GasUsed, block.Transactions, block.DaOwed, block.ProofOwed);

    private readonly struct Call(Action<FeeBlockView> distribute) : IFeeDistributionHookCall
    {
        public void Invoke(FeeBlockView block) => distribute(block);
    }
}

/// <summary>Calls a fee-distribution hook.</summary>
public interface IFeeDistributionHookCall
{
    /// <summary>Distributes <paramref name="block"/>'s fees with <c>Pay</c>.</summary>
    void Invoke(FeeBlockView block);
}
