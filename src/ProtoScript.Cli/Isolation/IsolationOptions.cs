using System.CommandLine;
using System.Globalization;

namespace ProtoScript.Cli.Isolation;

/// <summary>Whether a command runs scenarios in a worker process.</summary>
internal enum IsolationMode
{
    /// <summary>The command's default: isolated for sweeps and <c>test</c>, in process for one run.</summary>
    Default,

    /// <summary><c>--isolate</c>.</summary>
    Isolated,

    /// <summary><c>--no-isolate</c>.</summary>
    InProcess,
}

/// <summary>What the parent enforces on every worker.</summary>
/// <param name="Timeout">Wall-clock time one request may take (a whole run, or one run of a sweep), including the worker's start.</param>
/// <param name="MemoryLimitBytes">The worker's GC heap limit; the parent also kills a worker whose working set grows well past it.</param>
internal sealed record IsolationLimits(TimeSpan Timeout, long MemoryLimitBytes)
{
    /// <summary>60 s and 2 GiB.</summary>
    public static IsolationLimits Default { get; } = new(TimeSpan.FromSeconds(60), 2L * 1024 * 1024 * 1024);
}

/// <summary>
/// <c>--isolate</c>, <c>--no-isolate</c>, <c>--timeout</c> and <c>--memory-limit</c>, added to a
/// command as a group so every command that runs scenarios spells them the same way.
/// </summary>
internal sealed class IsolationOptions
{
    private readonly Option<bool> _isolate;
    private readonly Option<bool> _noIsolate;
    private readonly Option<string> _timeout;
    private readonly Option<string> _memoryLimit;

    /// <summary>Creates the options; <paramref name="defaultDescription"/> says what the command does without either switch.</summary>
    public IsolationOptions(string defaultDescription)
    {
        _isolate = new Option<bool>("--isolate") { Description = "Run in a separate worker process with a wall-clock timeout and a memory limit. " + defaultDescription };
        _noIsolate = new Option<bool>("--no-isolate") { Description = "Run in this process (faster to start; a hook that crashes the process takes the whole command down)." };
        _timeout = new Option<string>("--timeout") { Description = "Isolated runs: wall-clock time one run may take, e.g. 60s, 5min, 500ms.", DefaultValueFactory = _ => "60s" };
        _timeout.Validators.Add(r =>
        {
            var text = r.GetValueOrDefault<string>();
            if (Split(text, out _, out var unit) && unit.Length == 0)
            {
                // A bare number is ambiguous (seconds? milliseconds?), so the unit is required.
                r.AddError($"--timeout: `{text}` has no unit; accepted units are ms, s, min and h, e.g. 60s, 5min or 500ms.");
            }
            else if (!TryParseDuration(text, out _))
            {
                r.AddError($"--timeout: `{text}` is not a duration; write e.g. 60s, 5min or 500ms (units: ms, s, min, h).");
            }
        });
        _memoryLimit = new Option<string>("--memory-limit") { Description = "Isolated runs: memory one worker may use, e.g. 2GiB, 512MiB.", DefaultValueFactory = _ => "2GiB" };
        _memoryLimit.Validators.Add(r =>
        {
            if (!TryParseBytes(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError($"--memory-limit: `{r.GetValueOrDefault<string>()}` is not a size of at least 64MiB; write e.g. 2GiB or 512MiB.");
            }
        });
    }

    /// <summary>Adds the options to <paramref name="command"/> and refuses both switches at once.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_isolate);
        command.Options.Add(_noIsolate);
        command.Options.Add(_timeout);
        command.Options.Add(_memoryLimit);
        command.Validators.Add(r =>
        {
            if (r.GetValue(_isolate) && r.GetValue(_noIsolate))
            {
                r.AddError("use either --isolate or --no-isolate, not both.");
            }
        });
    }

    /// <summary>True when <c>--timeout</c> or <c>--memory-limit</c> was written on the command line (not just defaulted).</summary>
    public bool LimitsGiven(ParseResult parse) =>
        parse.GetResult(_timeout) is { Implicit: false } || parse.GetResult(_memoryLimit) is { Implicit: false };

    /// <summary>The switch given, if any.</summary>
    public IsolationMode Mode(ParseResult parse) =>
        parse.GetValue(_isolate) ? IsolationMode.Isolated : parse.GetValue(_noIsolate) ? IsolationMode.InProcess : IsolationMode.Default;

    /// <summary>The limits (validated by the parser).</summary>
    public IsolationLimits Limits(ParseResult parse)
    {
        TryParseDuration(parse.GetValue(_timeout), out var timeout);
        TryParseBytes(parse.GetValue(_memoryLimit), out var bytes);
        return new IsolationLimits(timeout, bytes);
    }

    /// <summary>Parses <c>500ms</c>, <c>60s</c>, <c>5min</c>, <c>1h</c> (a space before the unit is allowed; the unit is required).</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (!Split(text, out var number, out var unit))
        {
            return false;
        }

        double? scale = unit switch
        {
            "ms" => 1e-3,
            "s" => 1,
            "min" or "m" => 60,
            "h" => 3600,
            _ => null,
        };
        if (scale is not { } s || number * s is not (> 0 and <= 7 * 24 * 3600))
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(number * s);
        return true;
    }

    /// <summary>Parses <c>2GiB</c>, <c>512MiB</c>, <c>1GB</c>, a plain number of bytes; at least 64 MiB (less cannot even start the runtime with its hook compiler).</summary>
    public static bool TryParseBytes(string? text, out long bytes)
    {
        bytes = 0;
        if (!Split(text, out var number, out var unit))
        {
            return false;
        }

        double? scale = unit.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "KIB" => 1024d,
            "MIB" => 1024d * 1024,
            "GIB" => 1024d * 1024 * 1024,
            "KB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            _ => null,
        };
        if (scale is not { } s || number * s is not (>= 64d * 1024 * 1024 and <= 1024d * 1024 * 1024 * 1024))
        {
            return false;
        }

        bytes = (long)(number * s);
        return true;
    }

    /// <summary>Formats a byte count the way a user would write it back (2 GiB, 512 MiB).</summary>
    public static string FormatBytes(long bytes) =>
        bytes % (1024L * 1024 * 1024) == 0 ? $"{bytes / (1024L * 1024 * 1024)} GiB"
        : bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):F1} MiB");

    /// <summary>Formats a timeout the way a user would write it back (60 s, 1.5 s).</summary>
    public static string FormatDuration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s");

    private static bool Split(string? text, out double number, out string unit)
    {
        number = 0;
        unit = string.Empty;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.' || text[end] == '_'))
        {
            end++;
        }

        unit = text[end..].Trim();
        return end > 0 && double.TryParse(text[..end].Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }
}
