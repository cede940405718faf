using ProtoScript.Hooks.Runtime;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>The budget bracket around every hook call, shared by all hook sites.</summary>
/// <remarks>
/// Each site's file declares its call interface (<c>I…HookCall</c>), one call of the hook's
/// method. The compiled engine's emitted code implements it with structs that call the hook's
/// static method; the site's generic <c>Run</c>, specialised by the JIT for such a struct, then
/// calls the hook directly (no delegate, no virtual call). The scripted path implements it with
/// structs around the bound delegate, so both paths share one <c>Run</c>: the same budget
/// bracket, the same checks of what the hook returns, the same diagnostics.
/// </remarks>
internal static class HookCall
{
    public static void Begin(HookOptions options) =>
        HookBudget.Begin(options.MaxSteps, options.MaxCallDepth, options.MaxAllocatedBytes);

    /// <summary>Ends a call that returned; a hook that caught the budget's exception and returned anyway still fails.</summary>
    public static void End(HookModel hook)
    {
        if (HookBudget.End() is { } exceeded)
        {
            throw HookException.Exceeded(hook, exceeded);
        }
    }

    /// <summary>Ends a call that threw and turns what happened into a <see cref="HookException"/>.</summary>
    public static HookException Fail(HookModel hook, Exception exception) =>
        HookBudget.End(exception) is { } exceeded ? HookException.Exceeded(hook, exceeded) : HookException.Threw(hook, exception);
}
