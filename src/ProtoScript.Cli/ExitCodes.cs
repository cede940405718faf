namespace ProtoScript.Cli;

/// <summary>The exit codes of <c>proto-script</c>, stable for scripts and CI.</summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>The scenario ran but failed: an expectation did not hold, or a hook failed at run time.</summary>
    public const int RunFailed = 1;

    /// <summary>Bad input: a missing file, a syntax, name or unit error, or an invalid option.</summary>
    public const int BadInput = 2;

    /// <summary>A bug in proto-script itself.</summary>
    public const int InternalError = 70;
}
