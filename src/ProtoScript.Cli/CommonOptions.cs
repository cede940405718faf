using System.CommandLine;
using System.Globalization;
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

    /// <summary><c>--seed N</c>: a whole number; anything else is refused with "expected a number", not the CLR's type name.</summary>
    public static Option<ulong?> Seed(string description) => new("--seed")
    {
        Description = description,
        CustomParser = r =>
        {
            var token = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (ulong.TryParse(token.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            r.AddError($"--seed: `{token}` is not a seed; expected a number, a whole number from 0 to {ulong.MaxValue}.");
            return null;
        },
    };

    /// <summary>
    /// How many jobs per processor core <c>--jobs</c> may ask for: more workers than that only
    /// compete for the same cores and multiply memory (each isolated job is a process).
    /// </summary>
    public const int JobsPerCore = 4;

    /// <summary><c>--jobs N</c>: at least 1, by default the number of processor cores; see <see cref="ResolveJobs"/> for the cap.</summary>
    public static Option<int> Jobs(string description)
    {
        var option = new Option<int>("--jobs")
        {
            Description = $"{description} Default: the number of processor cores; at most {JobsPerCore} per core (a larger value is lowered, with a warning).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--jobs must be at least 1.");
            }
        });
        return option;
    }

    /// <summary>
    /// The number of jobs to run: <paramref name="requested"/>, lowered to <see cref="JobsPerCore"/>
    /// times <paramref name="cores"/> with a warning on <paramref name="stderr"/> (when given) if it asks for more.
    /// </summary>
    public static int ResolveJobs(int requested, TextWriter? stderr, int cores)
    {
        var cap = JobsPerCore * Math.Max(1, cores);
        if (requested <= cap)
        {
            return requested;
        }

        stderr?.Write(string.Create(CultureInfo.InvariantCulture, $"proto-script: warning {DiagnosticCodes.InvalidArgument}: --jobs {requested} is more than {JobsPerCore} per processor core ({cores} core{(cores == 1 ? string.Empty : "s")}); running {cap} at once\n"));
        return cap;
    }

    /// <summary>Maps the option's value to the formatter's enum.</summary>
    public static DiagnosticFormat ToFormat(string? value) => value switch
    {
        "msbuild" => Language.Diagnostics.DiagnosticFormat.MSBuild,
        "json" => Language.Diagnostics.DiagnosticFormat.Json,
        _ => Language.Diagnostics.DiagnosticFormat.Text,
    };
}
