using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>
/// The budget bracket around a hook call, for code that calls hooks as static methods
/// (the compiled engine's emitted rules) rather than through <see cref="CompiledHooks"/>: the
/// same budget and the same <see cref="HookException"/>s as the scripted path, so a failing
/// hook gives the same diagnostic on both.
/// </summary>
public static class GeneratedHookSupport
{
    /// <summary>Starts a call with the scenario's budget.</summary>
    public static void Begin(HookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        HookCall.Begin(options);
    }

    /// <summary>Ends a call that returned; throws when the hook exceeded its budget.</summary>
    public static void End(HookModel hook) => HookCall.End(hook);

    /// <summary>Ends a call that threw; returns the exception to throw in its place.</summary>
    public static HookException Fail(HookModel hook, Exception exception) => HookCall.Fail(hook, exception);
}
