using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Formatting;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Tests.Fuzzing;

/// <summary>A property that does not hold for a fuzz input.</summary>
internal sealed class FuzzFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// What must hold for every input, whatever it is. Each property throws
/// <see cref="FuzzFailure"/> (or lets the library's exception escape) when it does not.
/// </summary>
internal static class FuzzProperties
{
    private const string Path = "fuzz.proto-script";

    /// <summary>The properties by name, as regression file names and test names use them.</summary>
    public static IReadOnlyList<(string Name, Action<string> Check)> All { get; } =
    [
        ("compile", Compiles),
        ("format", Formats),
        ("scan", ScansHooks),
    ];

    /// <summary>
    /// Lexing, parsing and binding never throw: a failed compilation has an error, and every
    /// diagnostic renders with a position inside the file. Imports read nothing from disk.
    /// </summary>
    public static void Compiles(string text)
    {
        var result = ScenarioCompiler.Compile(Path, text, _ => null);
        if (!result.Success && !result.Diagnostics.Any(d => d.IsError))
        {
            throw new FuzzFailure("the compilation failed without an error");
        }

        foreach (var d in result.Diagnostics)
        {
            if (DiagnosticFormatter.FormatText(d).Length == 0 || d.Span.Start < 0 || d.Span.End > text.Length)
            {
                throw new FuzzFailure($"diagnostic {d.Code} has span {d.Span.Start}..{d.Span.End} in a file of {text.Length} characters");
            }
        }
    }

    /// <summary>
    /// The formatter never throws (its own check throws when its output parses to another tree
    /// or loses a comment), is idempotent, and preserves meaning: the formatted text compiles
    /// to the same diagnostic codes and, when it binds, the same model, with the same comments.
    /// </summary>
    public static void Formats(string text)
    {
        var once = ScenarioFormatter.Format(Path, text);
        if (once.Text is null)
        {
            if (!once.Diagnostics.Any(d => d.IsError))
            {
                throw new FuzzFailure("the formatter refused a file without an error");
            }

            return;
        }

        var twice = ScenarioFormatter.Format(Path, once.Text);
        if (twice.Text != once.Text)
        {
            throw new FuzzFailure("formatting is not idempotent: fmt(fmt(x)) != fmt(x)\n--- fmt(x)\n" + once.Text + "\n--- fmt(fmt(x))\n" + twice.Text);
        }

        var before = ScenarioCompiler.Compile(Path, text, _ => null);
        var after = ScenarioCompiler.Compile(Path, once.Text, _ => null);
        var codesBefore = string.Join(' ', before.Diagnostics.Select(d => d.Code));
        var codesAfter = string.Join(' ', after.Diagnostics.Select(d => d.Code));
        if (codesBefore != codesAfter || before.Success != after.Success)
        {
            throw new FuzzFailure($"formatting changed the diagnostics: [{codesBefore}] became [{codesAfter}]\n--- fmt(x)\n" + once.Text);
        }

        if (before.Model is not null && FormatterTests.ModelJson(before.Model) != FormatterTests.ModelJson(after.Model!))
        {
            throw new FuzzFailure("formatting changed the bound model\n--- fmt(x)\n" + once.Text);
        }

        if (!FormatterTests.CommentTexts(text).SequenceEqual(FormatterTests.CommentTexts(once.Text)))
        {
            throw new FuzzFailure("formatting lost or changed a comment\n--- fmt(x)\n" + once.Text);
        }
    }

    /// <summary>
    /// The hook scanner never throws and always answers inside the text, from any start; and
    /// every hook the parser finds round-trips: its code is the text at its span, and scanning
    /// the code alone ends exactly where the code ends.
    /// </summary>
    public static void ScansHooks(string text)
    {
        // Every place a hook can start in the text, plus a spread of arbitrary starts.
        var starts = new SortedSet<int>();
        for (var i = text.IndexOf("csharp", StringComparison.Ordinal); i >= 0 && starts.Count < 64; i = text.IndexOf("csharp", i + 1, StringComparison.Ordinal))
        {
            starts.Add(i + "csharp".Length);
        }

        for (var k = 0; k <= 16; k++)
        {
            starts.Add(text.Length * k / 16);
        }

        foreach (var start in starts)
        {
            var close = CSharpScanner.FindClosingBrace(text, start);
            if (close != -1 && (close < start || close >= text.Length || text[close] != '}'))
            {
                throw new FuzzFailure($"FindClosingBrace from {start} answered {close}");
            }

            var end = CSharpScanner.FindExpressionEnd(text, start);
            if (end < start || end > text.Length)
            {
                throw new FuzzFailure($"FindExpressionEnd from {start} answered {end}");
            }
        }

        var document = ScenarioParser.Parse(new SourceText(Path, text), new DiagnosticBag());
        foreach (var hook in Hooks(document))
        {
            if (hook.CodeSpan.Start < 0 || hook.CodeSpan.End > text.Length || text.Substring(hook.CodeSpan.Start, hook.CodeSpan.Length) != hook.Code)
            {
                throw new FuzzFailure($"a hook's code is not the text at its span {hook.CodeSpan.Start}..{hook.CodeSpan.End}");
            }

            var rescanned = hook.IsExpression ? CSharpScanner.FindExpressionEnd(hook.Code, 0) : CSharpScanner.FindClosingBrace(hook.Code + "}", 0);
            if (rescanned != hook.Code.Length)
            {
                throw new FuzzFailure($"the hook's code scanned alone ends at {rescanned}, not at its length {hook.Code.Length}: {FuzzInputs.Escape(hook.Code)}");
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="check"/> on <paramref name="text"/> on another thread and fails
    /// when it throws or does not finish in time. A failing input is saved under
    /// <see cref="RegressionDirectory"/> (when <paramref name="save"/>) before the failure is thrown.
    /// </summary>
    public static void Guarded(string property, Action<string> check, string text, TimeSpan timeout, bool save)
    {
        if (save)
        {
            // A stack overflow ends the process before anything can be caught: the input it
            // died on is then the one in this file.
            File.WriteAllText(CurrentInputFile(property), FuzzInputs.Escape(text) + "\n");
        }

        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                check(text);
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
            Name = "fuzz " + property,
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        thread.Start();
        if (!thread.Join(timeout))
        {
            failure = new FuzzFailure($"`{property}` did not finish within {timeout.TotalSeconds} s (a hang)");
        }
        else if (clock.Elapsed > SlowInput && save)
        {
            // Not a failure (the machine may be busy), but the inputs that come close to a
            // hang are where superlinear behaviour hides: keep them for a look.
            var slow = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "protoscript-fuzz-slow");
            Directory.CreateDirectory(slow);
            File.WriteAllText(System.IO.Path.Combine(slow, FormattableString.Invariant($"{property}-{(long)clock.Elapsed.TotalMilliseconds}ms-{text.Length}chars.txt")), FuzzInputs.Escape(text) + "\n");
        }

        if (failure is null)
        {
            return;
        }

        var saved = save ? Save(property, text) : null;
        throw new FuzzFailure($"`{property}` failed{(saved is null ? string.Empty : " (input saved as " + saved + ")")}: {failure.GetType().Name}: {failure.Message}\ninput: {FuzzInputs.Escape(text)}", failure);
    }

    /// <summary>How long an input may take before it is kept under $TMPDIR/protoscript-fuzz-slow for a look.</summary>
    public static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(2);

    /// <summary>Where failing inputs are kept, in the source tree, so the regression test replays them.</summary>
    public static string RegressionDirectory { get; } = System.IO.Path.Combine(FuzzInputs.Root, "tests", "ProtoScript.Language.Tests", "Data", "fuzz-regressions");

    /// <summary>The file that holds the input a property is running on, while it runs.</summary>
    public static string CurrentInputFile(string property) => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"protoscript-fuzz-current-{property}.txt");

    private static int _saved;

    private static string? Save(string property, string text)
    {
        // A failure is saved, then CsCheck shrinks it, failing again and again: keep the first
        // few (the later ones are smaller), not every step of the shrinking.
        if (Interlocked.Increment(ref _saved) > 3)
        {
            return null;
        }

        Directory.CreateDirectory(RegressionDirectory);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FuzzInputs.Escape(text))))[..16];
        var file = System.IO.Path.Combine(RegressionDirectory, $"{property}-{hash}.txt");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, FuzzInputs.Escape(text) + "\n");
        }

        return file;
    }

    private static List<HookSyntax> Hooks(object? root)
    {
        var hooks = new List<HookSyntax>();
        var pending = new Stack<object?>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case HookSyntax hook:
                    hooks.Add(hook);
                    break;
                case SyntaxNode node:
                    foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    {
                        if (property.PropertyType != typeof(TextSpan) && property.GetIndexParameters().Length == 0)
                        {
                            pending.Push(property.GetValue(node));
                        }
                    }

                    break;
                case IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return hooks;
    }
}
