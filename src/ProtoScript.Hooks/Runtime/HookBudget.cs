using System.Globalization;

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

    // One thread-local reference to the call's state, rather than a thread-local per field:
    // an ordering hook runs this bracket for every comparison the mempool makes, and each
    // thread-static access costs a lookup of its own.
    [ThreadStatic]
    private static State? _state;

    /// <summary>Counts one step (a loop iteration or a jump) and stops the call when a limit is exceeded.</summary>
    public static void Step()
    {
        if (_state is { Active: true } state)
        {
            CountStep(state);
        }
    }

    /// <summary>Counts entry into a method, local function or lambda, and one step.</summary>
    public static void Enter()
    {
        if (_state is not { Active: true } state)
        {
            return;
        }

        // Depth is bounded far below the runtime's stack limit: a stack overflow cannot be
        // caught and would end the whole process.
        if (++state.Depth > state.MaxDepth)
        {
            Exceed(state, $"it nested calls more than {state.MaxDepth} deep");
        }

        // A backstop for a depth limit set too high for this thread's stack (large frames,
        // library code between the hook's own calls); not deterministic, but it only fires
        // where the alternative is a crash.
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Exceed(state, $"it nested calls too deep for the stack ({state.Depth} levels)");
        }

        CountStep(state);
    }

    /// <summary>
    /// The filter the compiler puts on every <c>catch</c> of hook code: false for the budget's
    /// own exception and for running out of memory (which then counts as exceeding the
    /// allocation budget), so no hook can catch either and both end the call as PS4005, the
    /// same in process and in an isolated worker whose heap limit is what ran out.
    /// </summary>
    public static bool MayCatch(Exception exception)
    {
        switch (exception)
        {
            case HookBudgetExceededException:
                return false;
            case OutOfMemoryException or InsufficientExecutionStackException:
                if (_state is { Active: true, Exceeded: null } state)
                {
                    state.Exceeded = Fatal(state, exception);
                }

                return false;
            default:
                return true;
        }
    }

    /// <summary>The length of an array the hook creates, checked first: an array larger than the whole allocation budget stops the call before it is allocated.</summary>
    /// <param name="length">The length the hook asked for.</param>
    /// <param name="elementSize">The bytes of one element, as the compiler estimates them.</param>
    public static int Length(int length, int elementSize)
    {
        CheckLength(length, elementSize);
        return length;
    }

    /// <inheritdoc cref="Length(int, int)"/>
    public static long Length(long length, int elementSize)
    {
        CheckLength(length, elementSize);
        return length;
    }

    /// <inheritdoc cref="Length(int, int)"/>
    public static uint Length(uint length, int elementSize)
    {
        CheckLength(length, elementSize);
        return length;
    }

    /// <inheritdoc cref="Length(int, int)"/>
    public static ulong Length(ulong length, int elementSize)
    {
        CheckLength(length > long.MaxValue ? long.MaxValue : (long)length, elementSize);
        return length;
    }

    private static void CheckLength(long length, int elementSize)
    {
        // Only the array itself counts, not what the call allocated before: the verdict then
        // depends on the hook's code alone, not on the runtime's own allocations.
        if (_state is { Active: true } state && length > 0 && length > state.MaxAllocatedBytes / elementSize)
        {
            Exceed(state, $"it allocated more than {state.MaxAllocatedBytes} bytes in one call");
        }
    }

    /// <summary>True while a hook call runs on this thread: an out-of-memory there is the hook's budget, not the process's.</summary>
    public static bool InCall => _state is { Active: true };

    /// <summary>Counts leaving a method, local function or lambda.</summary>
    public static void Exit()
    {
        if (_state is { Active: true } state)
        {
            state.Depth--;
        }
    }

    /// <summary>Starts the budget of one hook call on this thread.</summary>
    internal static void Begin(long maxSteps, int maxDepth, long maxAllocatedBytes)
    {
        var state = _state ??= new State();
        state.Steps = 0;
        state.Depth = 0;
        state.MaxSteps = maxSteps;
        state.MaxDepth = maxDepth;
        state.MaxAllocatedBytes = maxAllocatedBytes;
        state.Exceeded = null;
        state.AllocatedAtStart = GC.GetAllocatedBytesForCurrentThread();

        // Culture-sensitive formatting and parsing in a hook (`$"{fee}"`, `double.Parse`) use
        // the invariant culture whatever the host's or the environment's culture is.
        var culture = CultureInfo.CurrentCulture;
        state.Culture = ReferenceEquals(culture, CultureInfo.InvariantCulture) ? null : culture;
        if (state.Culture is not null)
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        }

        state.Active = true;
    }

    /// <summary>Ends the call's budget; returns why it was exceeded, or null when it was not.</summary>
    /// <param name="thrown">The exception that ended the call, if any: running out of memory counts as exceeding the allocation budget.</param>
    internal static string? End(Exception? thrown = null)
    {
        var state = _state;
        if (state is null)
        {
            return null;
        }

        if (state.Culture is { } culture)
        {
            CultureInfo.CurrentCulture = culture;
            state.Culture = null;
        }

        if (state.Exceeded is null && state.Active && thrown is OutOfMemoryException or InsufficientExecutionStackException)
        {
            state.Exceeded = Fatal(state, thrown);
        }

        // One large allocation inside a library call takes no step, so it is checked here too.
        if (state.Exceeded is null && GC.GetAllocatedBytesForCurrentThread() - state.AllocatedAtStart > state.MaxAllocatedBytes)
        {
            state.Exceeded = $"it allocated more than {state.MaxAllocatedBytes} bytes in one call";
        }

        state.Active = false;
        var exceeded = state.Exceeded;
        state.Exceeded = null;
        return exceeded;
    }

    private static void CountStep(State state)
    {
        if (state.Exceeded is not null)
        {
            throw new HookBudgetExceededException(state.Exceeded);
        }

        if (++state.Steps > state.MaxSteps)
        {
            Exceed(state, $"it ran more than {state.MaxSteps} steps (loop iterations and calls) in one call");
        }

        // The allocation counter is cheap to read; checking it at every step bounds the
        // memory a loop can take before it is stopped.
        if (GC.GetAllocatedBytesForCurrentThread() - state.AllocatedAtStart > state.MaxAllocatedBytes)
        {
            Exceed(state, $"it allocated more than {state.MaxAllocatedBytes} bytes in one call");
        }
    }

    /// <summary>
    /// Running out of memory reads as exceeding the allocation budget: a worker's heap limit and
    /// the in-process allocation count then stop the same hook with the same words.
    /// </summary>
    private static string Fatal(State state, Exception exception) => exception is OutOfMemoryException
        ? $"it allocated more than {state.MaxAllocatedBytes} bytes in one call"
        : "it nested calls too deep for the stack";

    private static void Exceed(State state, string reason)
    {
        state.Exceeded = reason;
        throw new HookBudgetExceededException(reason);
    }

    private sealed class State
    {
        public long Steps;
        public long MaxSteps;
        public int Depth;
        public int MaxDepth;
        public long AllocatedAtStart;
        public long MaxAllocatedBytes;
        public bool Active;
        public string? Exceeded;
        public CultureInfo? Culture;
    }
}
