using System.CommandLine;
using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    /// <summary><c>--diagnostic-format text|msbuild|json</c>.</summary>
    public static Option<string> DiagnosticFormat()
    {
        var option = new Option<string>("--diagnostic-format")
        {
            Description = "How errors and warnings are printed: text (with the source line), msbuild or json.",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "msbuild", "json");
        return option;
    }

    /// <summary>Maps the option's value to the formatter's enum.</summary>
    public static DiagnosticFormat ToFormat(string? value) => value switch
    {
        "msbuild" => Language.Diagnostics.DiagnosticFormat.MSBuild,
        "json" => Language.Diagnostics.DiagnosticFormat.Json,
        _ => Language.Diagnostics.DiagnosticFormat.Text,
    };
}
