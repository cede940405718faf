using System.Diagnostics;
using System.Globalization;
using ProtoScript.Application;
using ProtoScript.Engine.Simulation;

namespace ProtoScript.Cli;

/// <summary>
/// A live progress line on standard error while a run or a sweep goes on: simulated time,
/// blocks and transactions per wall-clock second for a run; runs done and the time left for a
/// sweep. Redrawn in place at most ten times a second and erased before the report is printed.
/// Only on a terminal: redirected, in CI or in a worker it is never drawn, so logs and reports
/// stay as they are.
/// </summary>
internal sealed class ProgressLine : IProgressSink
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _stderr;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan? _drawn;
    private int _width;

    private ProgressLine(TextWriter stderr)
    {
        _stderr = stderr;
    }

    /// <summary>A progress line on <paramref name="stderr"/> when it is the process's own standard error and a terminal, outside CI; null otherwise.</summary>
    public static ProgressLine? For(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? new ProgressLine(stderr)
            : null;

    /// <inheritdoc />
    public void OnRun(RunProgress progress)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        Draw(string.Create(CultureInfo.InvariantCulture, $"simulated {Clock(progress.Now.Microseconds / 1e6)} of {Clock(progress.Duration.Microseconds / 1e6)}, {progress.Blocks} blocks, {progress.Transactions / seconds:0} tx/s"), progress.Now == progress.Duration);
    }

    /// <inheritdoc />
    public void OnSweepRun(int done, int total)
    {
        var elapsed = _clock.Elapsed.TotalSeconds;
        var left = done == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", about {Clock(elapsed / done * (total - done))} left");
        Draw(string.Create(CultureInfo.InvariantCulture, $"runs {done} of {total}{left}"), done == total);
    }

    /// <summary>Erases the line, so what is printed next starts on a clean line.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (_width > 0)
            {
                _stderr.Write("\r" + new string(' ', _width) + "\r");
                _stderr.Flush();
                _width = 0;
            }
        }
    }

    private void Draw(string text, bool last)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (!last && _drawn is { } drawn && now - drawn < Every)
            {
                return;
            }

            _drawn = now;
            var padded = text.Length < _width ? text + new string(' ', _width - text.Length) : text;
            _stderr.Write("\r" + padded);
            _stderr.Flush();
            _width = padded.Length;
        }
    }

    private static string Clock(double seconds) => seconds >= 3600
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):00}m")
        : seconds >= 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0}s");
}
