using ProtoScript.Language;
using ProtoScript.Reporting;
using ProtoScript.Scripting;

namespace ProtoScript.Cli;

/// <summary>Compiles a file's C# hooks (once for the scenario and all its sweep points) before a run.</summary>
internal static class HookRuntime
{
    /// <summary>Null when the file has no hooks; else the compiled hooks or their diagnostics.</summary>
    public static HookCompileResult? Compile(CompilationResult compiled)
    {
        var hooks = ScenarioReports.AllHooks(compiled);
        return hooks.IsEmpty ? null : new HookCompiler(HookOptions.FromLimits(compiled.Model!.HookLimits)).Compile(hooks);
    }
}
