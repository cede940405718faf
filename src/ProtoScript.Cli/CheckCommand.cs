using System.CommandLine;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Scripting;

namespace ProtoScript.Cli;

/// <summary><c>proto-script check FILE...</c>: parse, bind and compile the hooks, print diagnostics, run nothing.</summary>
internal static class CheckCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files to check.", Arity = ArgumentArity.OneOrMore };
        var diagnosticFormat = CommonOptions.DiagnosticFormat();
        var command = new Command("check", "Check scenarios for errors without running them; exit 0 when all are clean.")
        {
            files,
            diagnosticFormat,
        };
        command.SetAction(parse =>
        {
            var format = CommonOptions.ToFormat(parse.GetValue(diagnosticFormat));
            var all = new List<Diagnostic>();
            var failed = false;
            foreach (var file in parse.GetValue(files) ?? [])
            {
                var result = ScenarioLoader.Load(file);
                var diagnostics = result.Diagnostics.ToList();
                if (!diagnostics.Any(d => d.IsError))
                {
                    // A hook the sandbox or the C# compiler refuses is an error of the file like any
                    // other: `check` compiles the hooks as `run` would (through the same cache).
                    var hooks = HookCompiler.CompileFile(result);
                    hooks?.Hooks?.Dispose();
                    diagnostics.AddRange(hooks?.Diagnostics ?? []);
                }

                all.AddRange(diagnostics);
                var errors = diagnostics.Count(d => d.IsError);
                var warnings = diagnostics.Count - errors;
                failed |= errors > 0;
                if (errors == 0 && format == DiagnosticFormat.Text)
                {
                    stdout.Write(warnings == 0 ? $"{file}: ok\n" : $"{file}: ok, {warnings} warning{(warnings == 1 ? string.Empty : "s")}\n");
                }
            }

            if (all.Count > 0 || format == DiagnosticFormat.Json)
            {
                stderr.Write(DiagnosticOutput.Format(all, format));
            }

            return failed ? ExitCodes.BadInput : ExitCodes.Success;
        });
        return command;
    }
}
