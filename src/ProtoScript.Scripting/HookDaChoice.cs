using System.Globalization;
using ProtoScript.Engine.Batching;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>A batcher's <c>auto</c> choice written as a C# hook: it sees a read-only view of one batch at its moment of posting and returns blobs or calldata.</summary>
public sealed class HookDaChoice : IDaChoiceRule
{
    private readonly Func<DaChoiceView, DaChoice> _choose;
    private readonly HookOptions _options;

    internal HookDaChoice(HookModel hook, Func<DaChoiceView, DaChoice> choose, HookOptions options)
    {
        Hook = hook;
        _choose = choose;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned a value that is neither blobs nor calldata.</exception>
    public DaChoice Choose(in DaChoiceView batch) => Run(Hook, _options, in batch, new Call(_choose));

    /// <summary>
    /// Runs <paramref name="hook"/> for one batch inside its budget and checks its choice: the
    /// scripted rule and the compiled engine's emitted ones both choose through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned a value that is neither <see cref="DaChoice.Blobs"/> nor <see cref="DaChoice.Calldata"/>.</exception>
    public static DaChoice Run<TCall>(HookModel hook, HookOptions options, in DaChoiceView batch, TCall call)
        where TCall : struct, IDaChoiceHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        HookCall.Begin(options);
        DaChoice choice;
        try
        {
            choice = call.Invoke(batch);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);

        // A cast integer names no target: the batch would go nowhere.
        if (choice is not (DaChoice.Blobs or DaChoice.Calldata))
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned {(int)choice} for batch {batch.Batch} of rollup {batch.Rollup}, which is neither DaChoice.Blobs nor DaChoice.Calldata"))
            {
                Hint = "return `DaChoice.Blobs` or `DaChoice.Calldata`, e.g. `batch.Cheaper`",
            };
        }

        return choice;
    }

    private readonly struct Call(Func<DaChoiceView, DaChoice> choose) : IDaChoiceHookCall
    {
        public DaChoice Invoke(DaChoiceView batch) => choose(batch);
    }
}

/// <summary>Calls a batcher's <c>auto</c> choice hook.</summary>
public interface IDaChoiceHookCall
{
    /// <summary>Blobs or calldata for <paramref name="batch"/>.</summary>
    DaChoice Invoke(DaChoiceView batch);
}
