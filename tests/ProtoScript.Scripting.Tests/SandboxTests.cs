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

        // Code that would run later or on another thread, outside the budget (issue 13, item 1):
        // refused because it is not on the allow-list, whatever namespace it lives in.
        { "((IProgress<int>)new Progress<int>(n => { })).Report(1); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "var p = new Progress<int>(); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "var l = new Lazy<int>(() => 1); return l.Value;", DiagnosticCodes.HookForbiddenApi },
        { "EventHandler h = (s, e) => { }; return 0;", DiagnosticCodes.HookForbiddenApi },
        { "var t = new System.Threading.Timer(_ => { }, null, 0, 1); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "System.Threading.Tasks.Task.Delay(1).ContinueWith(_ => { }); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "System.Threading.Tasks.Parallel.For(0, 2, i => { }); return 0;", "CS0234" }, // System.Threading.Tasks.Parallel.dll is not referenced
        { "var v = new System.Threading.Tasks.ValueTask<int>(1); return v.Result;", DiagnosticCodes.HookForbiddenApi },
        { "return System.Threading.SynchronizationContext.Current == null ? 0 : 1;", DiagnosticCodes.HookForbiddenApi },
        { "var tl = new System.Threading.ThreadLocal<int>(); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "System.Threading.Monitor.Enter(x); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "Func<int> f = () => 1; var r = f.BeginInvoke(null, null); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "Func<int> f = () => 1; return f.GetInvocationList().Length;", DiagnosticCodes.HookForbiddenApi },
        { "return System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(x);", DiagnosticCodes.HookForbiddenApi },
        { "GC.ReRegisterForFinalize(x); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "return System.Runtime.InteropServices.MemoryMarshal.AsBytes(new int[1].AsSpan()).Length;", DiagnosticCodes.HookForbiddenApi },
        { "return Environment.ProcessorCount;", DiagnosticCodes.HookForbiddenApi },

        // Process-wide state (item 2).
        { "return string.Intern(\"a\").Length;", DiagnosticCodes.HookForbiddenApi },
        { "return string.IsInterned(\"a\") == null ? 0 : 1;", DiagnosticCodes.HookForbiddenApi },

        // The machine, the time zone, the CPU, the culture data and the engine (item 3).
        { "return new DateTime(2020, 1, 1).ToLocalTime().Hour;", DiagnosticCodes.HookForbiddenApi },
        { "return new DateTime(2020, 1, 1).ToUniversalTime().Hour;", DiagnosticCodes.HookForbiddenApi },
        { "return DateTimeOffset.FromUnixTimeSeconds(0).Offset.Hours;", DiagnosticCodes.HookForbiddenApi },
        { "return System.Numerics.Vector<int>.Count;", DiagnosticCodes.HookForbiddenApi },
        { "return System.Numerics.Vector.IsHardwareAccelerated ? 1 : 0;", DiagnosticCodes.HookForbiddenApi },
        { "nint n = 1; return (int)n;", DiagnosticCodes.HookForbiddenApi },
        { "return (int)Math.Pow(2, 3);", DiagnosticCodes.HookForbiddenApi },
        { "return (int)Math.Exp(1);", DiagnosticCodes.HookForbiddenApi },
        { "return (int)double.Sin(1);", DiagnosticCodes.HookForbiddenApi },
        { "return (int)Math.ReciprocalEstimate(3);", DiagnosticCodes.HookForbiddenApi },
        { "return string.Compare(\"a\", \"B\");", DiagnosticCodes.HookForbiddenApi },
        { "return \"a\".CompareTo(\"B\");", DiagnosticCodes.HookForbiddenApi },
        { "return \"ab\".IndexOf(\"b\");", DiagnosticCodes.HookForbiddenApi },
        { "return \"ab\".StartsWith(\"a\") ? 1 : 0;", DiagnosticCodes.HookForbiddenApi },
        { "return string.Equals(\"a\", \"A\", StringComparison.CurrentCultureIgnoreCase) ? 1 : 0;", DiagnosticCodes.HookForbiddenApi },
        { "var c = StringComparison.InvariantCulture; return \"a\".StartsWith(\"a\", c) ? 1 : 0;", DiagnosticCodes.HookForbiddenApi },
        { "return new[] { \"b\", \"a\" }.OrderBy(s => s).First().Length;", DiagnosticCodes.HookForbiddenApi },
        { "return new[] { \"b\", \"a\" }.Max().Length;", DiagnosticCodes.HookForbiddenApi },
        { "var l = new List<string> { \"b\" }; l.Sort(); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "var s = new SortedSet<(string, int)>(); return 0;", DiagnosticCodes.HookForbiddenApi },
        { "return Comparer<string>.Default.Compare(\"a\", \"B\");", DiagnosticCodes.HookForbiddenApi },
        { "return \"a\".ToUpper().Length;", DiagnosticCodes.HookForbiddenApi },
        { "return ((IComparable)\"a\").CompareTo(\"B\");", DiagnosticCodes.HookForbiddenApi },
        { "return ((IComparable<string>)\"a\").CompareTo(\"B\");", DiagnosticCodes.HookForbiddenApi },
        { "int C<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b); return C(\"a\", \"B\");", DiagnosticCodes.HookForbiddenApi },
        { "return Comparer<object>.Default.Compare(\"a\", \"B\");", DiagnosticCodes.HookForbiddenApi },
        { "return new object[] { \"b\", \"a\" }.OrderBy(o => o).Count();", DiagnosticCodes.HookForbiddenApi },
        { "return System.Globalization.CultureInfo.CurrentCulture.Name.Length;", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { return e.Source.Length; }", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { throw new Exception(e.ToString()); }", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { return e.Data.Count; }", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { throw new Exception($\"{e}\"); }", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { throw new Exception(\"\" + e); }", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { object o = e; return o.ToString().Length; }", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { return new List<Exception> { e }.Count; }", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { return new { e }.ToString().Length; }", DiagnosticCodes.HookForbiddenApi },
        { "try { throw new Exception(\"x\"); } catch (Exception e) { return (e, 1).ToString().Length; }", DiagnosticCodes.HookForbiddenApi },

        // Running out of memory belongs to the budget (item 6).
        { "throw new OutOfMemoryException();", DiagnosticCodes.HookForbiddenApi },
        { "try { return new long[int.MaxValue].Length; } catch (OutOfMemoryException) { return 0; }", DiagnosticCodes.HookForbiddenApi },
        { "try { return 1; } catch (InsufficientExecutionStackException) { return 0; }", DiagnosticCodes.HookForbiddenApi },

        // The names the budget's code declares.
        { "int __psCaught0 = 1; return __psCaught0;", DiagnosticCodes.HookForbiddenFeature },

        // Attributes: none is on the allow-list.
        { "[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] int F() => 1; return F();", DiagnosticCodes.HookForbiddenApi },

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

    [Fact]
    public void Code_that_enumerates_by_hand_with_a_using_declaration_compiles()
    {
        var hook = Statements(" var xs = new List<int> { x.From, y.From }; using var e = ((IEnumerable<int>)xs).GetEnumerator(); e.MoveNext(); return e.Current.CompareTo(y.From); ");

        using var hooks = CompileOk(hook);
        Assert.Equal(-1, hooks.OrderingRule(hook).Compare(Tx(1, fee: 1, from: 1), Tx(2, fee: 2, from: 2)));
    }

    [Fact]
    public void Deterministic_alternatives_to_the_refused_apis_compile()
    {
        var hook = Statements("""

                  var names = new[] { "b", "a", "C" };
                  var ordered = names.OrderBy(n => n, StringComparer.Ordinal).ToList();
                  var sorted = new SortedSet<string>(names, StringComparer.Ordinal);
                  var same = string.Equals("a", "A", StringComparison.OrdinalIgnoreCase) && "ab".StartsWith("a", StringComparison.Ordinal) && "ab".IndexOf('b') == 1;
                  var text = $"{x.From * 1.5}|{(x.From * 2.5).ToString(System.Globalization.CultureInfo.InvariantCulture)}|{"a".ToUpperInvariant()}|{Math.Sign(string.CompareOrdinal("a", "B"))}";
                  int C<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b);
                  var root = Math.Sqrt(16) + Math.Abs(-1) + Math.Floor(1.5) + C(1, 2) + 1;
                  var date = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(1).Day;
                  var sb = new System.Text.StringBuilder().Append(ordered[0]).Append(sorted.Count);
                  try { throw new InvalidOperationException("no"); } catch (InvalidOperationException e) when (e.Message.Length > 0) { text += e.Message; }
                  return same && root == 6 && date == 2 && sb.ToString() == "C3" && text == "1.5|2.5|A|1no" ? -1 : 1;
            """);

        using var hooks = CompileOk(hook);
        Assert.Equal(-1, hooks.OrderingRule(hook).Compare(Tx(1, fee: 1, from: 1), Tx(2, fee: 2, from: 2)));
    }

    [Fact]
    public void Every_type_on_the_allow_list_exists_in_the_hooks_references()
    {
        var allowed = HookAllowList.Types.Keys.ToList();
        Assert.True(allowed.Count > 100);
        foreach (var name in allowed)
        {
            Assert.True(
                (Type.GetType(name + ", System.Runtime") ?? Type.GetType(name + ", System.Collections") ?? Type.GetType(name + ", System.Linq")
                    ?? Type.GetType(name + ", System.Runtime.Numerics") ?? Type.GetType(name + ", System.Private.CoreLib")) is not null,
                $"{name} is on the allow-list but is no type");
        }
    }

    [Fact]
    public void Docs_hooks_md_names_every_type_of_the_allow_list()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "hooks.md"));
        var section = docs[docs.IndexOf("## The sandbox\n", StringComparison.Ordinal)..docs.IndexOf("## Budgets\n", StringComparison.Ordinal)];
        foreach (var name in HookAllowList.Types.Keys)
        {
            var shortName = name[(name.LastIndexOf('.') + 1)..].Split('`')[0];
            Assert.True(section.Contains("`" + shortName, StringComparison.Ordinal), $"docs/hooks.md, \"The sandbox\", does not name {name}");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProtoScript.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ProtoScript.sln not found above the test directory");
    }
}
