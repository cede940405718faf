using System.Globalization;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>
/// A hook failed while the scenario ran: it threw, or it exceeded its budget. Carries the
/// hook, so the caller can report it at the hook's place in the .proto-script file (with
/// the simulated time and block, which only the engine knows) instead of a stack trace.
/// </summary>
public sealed class HookException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="hook">The hook that failed.</param>
    /// <param name="budgetExceeded">True when a budget stopped it, false when it threw.</param>
    /// <param name="reason">What happened, in words that finish "the hook ...".</param>
    /// <param name="innerException">The exception the hook threw, if any.</param>
    public HookException(HookModel hook, bool budgetExceeded, string reason, Exception? innerException = null)
        : base(Describe(hook, reason), innerException)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Hook = hook;
        BudgetExceeded = budgetExceeded;
        Reason = reason;
    }

    /// <summary>The hook that failed.</summary>
    public HookModel Hook { get; }

    /// <summary>True when a budget stopped the hook, false when it threw.</summary>
    public bool BudgetExceeded { get; }

    /// <summary>What happened, e.g. <c>threw DivideByZeroException: Attempted to divide by zero.</c></summary>
    public string Reason { get; }

    /// <summary>The help the diagnostic gives, when the default for a hook that threw does not fit (e.g. which values a hook may return).</summary>
    public string? Hint { get; init; }

    /// <summary>The diagnostic to print, at the hook's code in its file.</summary>
    /// <param name="when">Where in the run it happened, e.g. <c>at 12 s in block 6 of rollup A</c>; appended to the message.</param>
    public Diagnostic ToDiagnostic(string? when = null) => new(
        BudgetExceeded ? DiagnosticCodes.HookBudgetExceeded : DiagnosticCodes.HookThrew,
        DiagnosticSeverity.Error,
        $"hook `{Hook.Owner}` {Reason}" + (when is null ? string.Empty : " " + when),
        Hook.Source,
        HookSpans.Trimmed(Hook),
        Hint ?? (BudgetExceeded
            ? "make the hook do less work per call, or raise the limit (HookOptions: MaxSteps, MaxCallDepth, MaxAllocatedBytes)"
            : "a hook must not throw; check the values it divides by, indexes or converts"));

    internal static HookException Threw(HookModel hook, Exception exception) =>
        new(hook, false, $"threw {UntrustedText.Show(exception.GetType().Name)}: {UntrustedText.Show(WithoutStackTrace(exception.Message))}", exception);

    internal static HookException Exceeded(HookModel hook, string reason) =>
        new(hook, true, "exceeded its budget: " + reason);

    /// <summary>
    /// A message with the runtime's stack-trace lines taken out: they name the build's methods and
    /// differ between the scripted and compiled engines, and a diagnostic never shows a stack trace.
    /// The sandbox keeps hooks from reading one (<c>Exception.ToString</c>, <c>StackTrace</c>); this is the backstop.
    /// </summary>
    internal static string WithoutStackTrace(string message)
    {
        if (!message.Contains("at ", StringComparison.Ordinal) && !message.Contains("--- ", StringComparison.Ordinal))
        {
            return message;
        }

        var kept = message.Split('\n').Where(line =>
        {
            var trimmed = line.Trim();
            return !(trimmed.StartsWith("at ", StringComparison.Ordinal) && trimmed.Contains('(', StringComparison.Ordinal))
                && !trimmed.StartsWith("--- End of", StringComparison.Ordinal);
        });
        return string.Join('\n', kept).TrimEnd();
    }

    private static string Describe(HookModel hook, string reason)
    {
        var at = hook.Location;
        return string.Create(CultureInfo.InvariantCulture, $"{at.Path}:{at.Line}:{at.Column}: hook `{hook.Owner}` {reason}");
    }
}
