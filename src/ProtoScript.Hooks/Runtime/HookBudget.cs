namespace ProtoScript.Hooks.Runtime;

/// <summary>
/// Counts the work of one hook call. The hook compiler inserts calls to <see cref="Step"/>
/// at every loop iteration and backward jump, and <see cref="Enter"/>/<see cref="Exit"/>
/// around every method, local function and lambda body; user code cannot name this type
/// (its namespace is outside the sandbox). Counting steps instead of time keeps a run
/// deterministic: the same hook stops at the same step on every machine.
/// </summary>
/// <remarks>
/// The state is per thread because a hook call runs on the thread that invoked it; once a
/// limit is hit the budget stays exhausted until the call ends, so a hook that catches the
/// exception cannot keep going.
/// </remarks>
public static class HookBudget
{
    [ThreadStatic]
    private static long _steps;

    [ThreadStatic]
    private static long _maxSteps;

    [ThreadStatic]
    private static int _depth;

    [ThreadStatic]
    private static int _maxDepth;

    [ThreadStatic]
    private static long _allocatedAtStart;

    [ThreadStatic]
    private static long _maxAllocatedBytes;

    [ThreadStatic]
    private static bool _active;

    [ThreadStatic]
    private static string? _exceeded;

    /// <summary>Counts one step (a loop iteration or a jump) and stops the call when a limit is exceeded.</summary>
    public static void Step()
    {
        if (!_active)
        {
            return;
        }

        if (_exceeded is not null)
        {
            throw new HookBudgetExceededException(_exceeded);
        }

        if (++_steps > _maxSteps)
        {
            Exceed($"it ran more than {_maxSteps} steps (loop iterations and calls) in one call");
        }

        // The allocation counter is cheap to read; checking it at every step bounds the
        // memory a loop can take before it is stopped.
        if (GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > _maxAllocatedBytes)
        {
            Exceed($"it allocated more than {_maxAllocatedBytes} bytes in one call");
        }
    }

    /// <summary>Counts entry into a method, local function or lambda, and one step.</summary>
    public static void Enter()
    {
        if (!_active)
        {
            return;
        }

        // Depth is bounded far below the runtime's stack limit: a stack overflow cannot be
        // caught and would end the whole process.
        if (++_depth > _maxDepth)
        {
            Exceed($"it nested calls more than {_maxDepth} deep");
        }

        // A backstop for a depth limit set too high for this thread's stack (large frames,
        // library code between the hook's own calls); not deterministic, but it only fires
        // where the alternative is a crash.
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Exceed($"it nested calls too deep for the stack ({_depth} levels)");
        }

        Step();
    }

    /// <summary>Counts leaving a method, local function or lambda.</summary>
    public static void Exit()
    {
        if (_active)
        {
            _depth--;
        }
    }

    /// <summary>Starts the budget of one hook call on this thread.</summary>
    internal static void Begin(long maxSteps, int maxDepth, long maxAllocatedBytes)
    {
        _steps = 0;
        _depth = 0;
        _maxSteps = maxSteps;
        _maxDepth = maxDepth;
        _maxAllocatedBytes = maxAllocatedBytes;
        _exceeded = null;
        _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        _active = true;
    }

    /// <summary>Ends the call's budget; returns why it was exceeded, or null when it was not.</summary>
    internal static string? End()
    {
        // One large allocation inside a library call takes no step, so it is checked here too.
        if (_exceeded is null && GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > _maxAllocatedBytes)
        {
            _exceeded = $"it allocated more than {_maxAllocatedBytes} bytes in one call";
        }

        _active = false;
        var exceeded = _exceeded;
        _exceeded = null;
        return exceeded;
    }

    private static void Exceed(string reason)
    {
        _exceeded = reason;
        throw new HookBudgetExceededException(reason);
    }
}
