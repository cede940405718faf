namespace ProtoScript.Hooks.Runtime;

/// <summary>Thrown inside a hook call when it uses more steps, call depth or memory than its budget allows.</summary>
public sealed class HookBudgetExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HookBudgetExceededException()
        : this("The hook exceeded its budget.")
    {
    }

    /// <summary>Creates the exception with a message naming the limit.</summary>
    public HookBudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public HookBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
