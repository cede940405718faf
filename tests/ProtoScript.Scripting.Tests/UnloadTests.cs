using System.Runtime.CompilerServices;
using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

public class UnloadTests
{
    [Fact]
    public void Five_hundred_distinct_hook_sets_compiled_and_disposed_leave_no_load_context_behind()
    {
        var compiler = new HookCompiler(NoCache);
        var contexts = new List<WeakReference>();
        for (var i = 0; i < 500; i++)
        {
            contexts.Add(CompileRunAndDispose(compiler, i));
        }

        for (var attempt = 0; attempt < 10 && contexts.Any(c => c.IsAlive); attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(500, compiler.CompilationCount);

        // A handful may still be in the middle of unloading. A non-collectible context, or any
        // static reference to the compiled code, would keep all 500 alive.
        Assert.True(contexts.Count(c => c.IsAlive) <= 5, $"{contexts.Count(c => c.IsAlive)} of 500 load contexts are still alive");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileRunAndDispose(HookCompiler compiler, int i)
    {
        var hook = Expression($"x.Nonce.CompareTo(y.Nonce) + {i} - {i}");
        var result = compiler.Compile([hook]);
        Assert.True(result.Success);
        using var hooks = result.Hooks;
        Assert.Equal(-1, hooks.OrderingRule(hook).Compare(Tx(1, 1) with { Nonce = 1 }, Tx(2, 2) with { Nonce = 2 }));
        var context = hooks.LoadContext;
        Assert.NotNull(context);
        return new WeakReference(context);
    }
}
