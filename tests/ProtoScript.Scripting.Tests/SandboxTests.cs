using ProtoScript.Language.Diagnostics;
using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

public class SandboxTests
{
    public static TheoryData<string, string> Escapes() => new()
    {
        // Files, by every way of naming them.
        { "return System.IO.File.ReadAllText(\"/etc/passwd\").Length;", DiagnosticCodes.HookForbiddenApi },
        { "return global::System.IO.File.Exists(\"x\") ? 1 : 0;", DiagnosticCodes.HookForbiddenApi },
        { "var d = new System.IO.DirectoryInfo(\"/\"); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "Func<string, string> read = System.IO.File.ReadAllText; return 0;", DiagnosticCodes.HookForbiddenApi },

        // Process, environment and console.
        { "return Environment.GetEnvironmentVariable(\"HOME\").Length;", DiagnosticCodes.HookForbiddenApi },
        { "global::System.Environment.Exit(1); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "Console.WriteLine(\"hi\"); return 0;", "CS0103" }, // System.Console.dll is not even referenced
        { "System.Console.Out.Flush(); return 0;", "CS0234" },
        { "return AppDomain.CurrentDomain.Id;", DiagnosticCodes.HookForbiddenApi },

        // The wall clock and timers.
        { "return (int)DateTime.Now.Ticks;", DiagnosticCodes.HookForbiddenApi },
        { "return DateTime.UtcNow.Second;", DiagnosticCodes.HookForbiddenApi },
        { "return DateTimeOffset.UtcNow.Second;", DiagnosticCodes.HookForbiddenApi },
        { "return Environment.TickCount;", DiagnosticCodes.HookForbiddenApi },
        { "return (int)System.Diagnostics.Stopwatch.GetTimestamp();", DiagnosticCodes.HookForbiddenApi },
        { "var s = System.Diagnostics.Stopwatch.StartNew(); return 0;", DiagnosticCodes.HookForbiddenApi },

        // Unseeded randomness and per-process hashing.
        { "return new Random(1).Next();", DiagnosticCodes.HookForbiddenApi },
        { "return Random.Shared.Next();", DiagnosticCodes.HookForbiddenApi },
        { "return Guid.NewGuid().GetHashCode();", DiagnosticCodes.HookForbiddenApi },
        { "return \"abc\".GetHashCode();", DiagnosticCodes.HookForbiddenApi },
        { "return HashCode.Combine(x.From, y.From);", DiagnosticCodes.HookForbiddenApi },

        // The garbage collector.
        { "GC.Collect(); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "return (int)GC.GetTotalMemory(false);", DiagnosticCodes.HookForbiddenApi },

        // Reflection.
        { "return typeof(int).Assembly.GetTypes().Length;", DiagnosticCodes.HookForbiddenApi },
        { "var t = typeof(TransactionView); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "return x.GetType().Name.Length;", DiagnosticCodes.HookForbiddenApi },
        { "return System.Reflection.Assembly.GetExecutingAssembly().GetName().Name.Length;", DiagnosticCodes.HookForbiddenApi },
        { "var o = Activator.CreateInstance<List<int>>(); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "Func<int> f = () => 1; return f.Method.Name.Length;", DiagnosticCodes.HookForbiddenApi },
        { "Func<int> f = () => 1; return (int)f.DynamicInvoke();", DiagnosticCodes.HookForbiddenApi },
        { "return System.Runtime.CompilerServices.Unsafe.SizeOf<int>();", DiagnosticCodes.HookForbiddenApi },
        { "var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(8); return 0;", DiagnosticCodes.HookForbiddenApi },

        // Threads and tasks.
        { "new System.Threading.Thread(() => { }).Start(); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "return System.Threading.Tasks.Task.Run(() => 1).Result;", DiagnosticCodes.HookForbiddenApi },
        { "int i = 0; System.Threading.Interlocked.Increment(ref i); return i;", DiagnosticCodes.HookForbiddenApi },
        { "System.Threading.ThreadPool.QueueUserWorkItem(_ => { }); return 0;", DiagnosticCodes.HookForbiddenApi },

        // The budget itself.
        { "ProtoScript.Hooks.Runtime.HookBudget.Exit(); return 0;", DiagnosticCodes.HookForbiddenApi },

        // Language features.
        { "dynamic d = x; return (int)d.From;", DiagnosticCodes.HookForbiddenFeature },
        { "unsafe { int v = 1; int* p = &v; } return 0;", DiagnosticCodes.HookForbiddenFeature },
        { "[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid(); return getpid();", DiagnosticCodes.HookForbiddenFeature },
        { "async System.Threading.Tasks.Task<int> F() => 1; return 0;", DiagnosticCodes.HookForbiddenFeature },
        { "Func<System.Threading.Tasks.Task> f = async () => { }; return 0;", DiagnosticCodes.HookForbiddenFeature },
        { "var o = new object(); lock (o) { } return 0;", DiagnosticCodes.HookForbiddenFeature },
        { "Span<int> s = stackalloc int[16]; return s[0];", DiagnosticCodes.HookForbiddenFeature },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void An_escape_from_the_sandbox_is_refused_at_compile_time(string statements, string code)
    {
        var result = Compile(Statements(" " + statements + " "));

        Assert.False(result.Success);
        Assert.True(
            result.Diagnostics.Any(d => d.Code == code),
            $"expected {code} but got:\n{DiagnosticFormatter.Format(result.Diagnostics, DiagnosticFormat.Text)}");
    }

    [Fact]
    public void A_forbidden_call_is_reported_at_its_own_span_in_the_file()
    {
        var result = Compile(Expression("System.IO.File.ReadAllText(\"k\").Length"));

        Assert.Equal(
            ["test.proto-script:4:26: error PS4003: `System.IO.File.ReadAllText(string)` is not available to hooks: files are outside the sandbox"],
            Lines(result));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("System.IO.File.ReadAllText(\"k\")", d.Source!.GetText(d.Span));
    }

    [Fact]
    public void The_wall_clock_on_a_later_line_is_reported_there()
    {
        var result = Compile(Statements("\n      var seed = DateTime.Now.Ticks;\n      return 0;\n"));

        Assert.Equal(
            ["test.proto-script:5:18: error PS4003: `System.DateTime.Now` is not available to hooks: hooks see simulated time only, never the wall clock, so that runs are deterministic"],
            Lines(result));
    }

    [Fact]
    public void A_using_alias_cannot_be_declared_inside_a_hook()
    {
        var result = Compile(Statements(" using F = System.IO.File; return F.ReadAllText(\"x\").Length; "));

        Assert.False(result.Success);
    }

    [Fact]
    public void Static_state_cannot_be_declared_by_breaking_out_of_the_hook()
    {
        var result = Compile(Statements(" return counter++; } static int counter; static int Unused() { return 0; "));

        Assert.False(result.Success);
        Assert.Equal(DiagnosticCodes.HookMalformed, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Ordinary_code_in_the_allowed_namespaces_compiles()
    {
        var hook = Statements("""

                  var fees = new[] { x.PriorityFeePerGas, y.PriorityFeePerGas };
                  var max = fees.Max();
                  var big = BigInteger.Pow(new BigInteger((ulong)x.Gas), 2);
                  var seen = new HashSet<int> { x.From, y.From };
                  var span = TimeSpan.FromSeconds(1) + x.SubmitTime;
                  var tuple = (a: x.Nonce, b: y.Nonce);
                  var text = string.Join(",", fees.Select(f => f.ToString()));
                  return Math.Sign(tuple.a.CompareTo(tuple.b)) + (max > 0 && big >= 0 && seen.Count > 0 && span > TimeSpan.Zero && text.Length > 0 ? 0 : 0);
            """);

        using var hooks = CompileOk(hook);
        Assert.True(hooks.OrderingRule(hook).Compare(Tx(1, fee: 1), Tx(2, fee: 2)) == 0);
    }
}
