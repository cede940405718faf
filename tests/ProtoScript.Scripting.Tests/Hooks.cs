using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Text;

namespace ProtoScript.Scripting.Tests;

/// <summary>Builds hook models the way the binder will: the code is located inside a scenario's text.</summary>
internal static class Hooks
{
    public const string TestPath = "test.proto-script";

    /// <summary>Options that never touch the user's cache.</summary>
    public static HookOptions NoCache { get; } = new() { UseCache = false };

    /// <summary>A scenario whose rollup A has <c>ordering = csharp =&gt; EXPRESSION</c> on line 4.</summary>
    public static HookModel Expression(string expression, string path = TestPath) =>
        Locate(
            path,
            "scenario \"hooks\" {\n  duration 1 min\n  rollup A {\n    ordering = csharp => " + expression + "\n  }\n}\n",
            expression,
            isExpression: true);

    /// <summary>A scenario whose rollup A has <c>ordering = csharp { STATEMENTS }</c>; the statements start on line 4.</summary>
    public static HookModel Statements(string statements, string path = TestPath) =>
        Locate(
            path,
            "scenario \"hooks\" {\n  duration 1 min\n  rollup A {\n    ordering = csharp {" + statements + "}\n  }\n}\n",
            statements,
            isExpression: false);

    public static HookModel Locate(string path, string text, string code, bool isExpression, HookKind kind = HookKind.Ordering, string owner = "rollup A ordering")
    {
        var start = text.IndexOf(code, StringComparison.Ordinal);
        Assert.True(start >= 0, "the code must occur in the text");
        return new HookModel(kind, owner, code, isExpression, new SourceText(path, text), new TextSpan(start, code.Length));
    }

    public static HookCompileResult Compile(params HookModel[] hooks) => new HookCompiler(NoCache).Compile(hooks);

    public static CompiledHooks CompileOk(params HookModel[] hooks)
    {
        var result = Compile(hooks);
        Assert.True(result.Success, DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text));
        return result.Hooks;
    }

    /// <summary>The first line of each diagnostic, as <c>proto-script check</c> prints it.</summary>
    public static string[] Lines(HookCompileResult result) =>
        [.. result.Diagnostics.Select(d => DiagnosticFormatter.FormatText(d).Split('\n')[0])];

    public static Transaction Tx(ulong arrival, ulong fee, int from = 1) =>
        new(from, 2, 1000, 0, fee, Transaction.TransferGas, SimDuration.FromMilliseconds((long)arrival), arrival);
}
