namespace ProtoScript.Language.Diagnostics;

/// <summary>
/// Every diagnostic code the language reports. Codes are stable: tools and tests
/// match on them. <c>PS0xxx</c> are about files, <c>PS1xxx</c> about characters and
/// tokens, <c>PS2xxx</c> about syntax, <c>PS3xxx</c> about meaning (names, units,
/// values), <c>PS4xxx</c> about C# hooks (reported by ProtoScript.Scripting; a C# compile
/// error inside a hook keeps the compiler's own <c>CSnnnn</c> code). Each one is explained with an example in docs/diagnostics.md.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The scenario file does not exist or cannot be read.</summary>
    public const string FileNotFound = "PS0001";

    /// <summary>The scenario file is larger than the tool accepts.</summary>
    public const string FileTooLarge = "PS0002";

    /// <summary>A command-line argument is invalid.</summary>
    public const string InvalidArgument = "PS0003";

    /// <summary>A character that cannot start any token.</summary>
    public const string UnexpectedCharacter = "PS1001";

    /// <summary>A string literal without its closing quote.</summary>
    public const string UnterminatedString = "PS1002";

    /// <summary>A <c>/* */</c> comment without its end.</summary>
    public const string UnterminatedComment = "PS1003";

    /// <summary>A <c>csharp { }</c> hook whose braces never balance.</summary>
    public const string UnterminatedHook = "PS1004";

    /// <summary>Brackets nested deeper than the language allows.</summary>
    public const string NestingTooDeep = "PS1005";

    /// <summary>A number literal that is malformed or too large.</summary>
    public const string InvalidNumber = "PS1006";

    /// <summary>A token that does not fit the grammar here.</summary>
    public const string UnexpectedToken = "PS2001";

    /// <summary>The file has no <c>scenario</c> block.</summary>
    public const string MissingScenario = "PS2002";

    /// <summary>A block, field or keyword name that is not known here.</summary>
    public const string UnknownName = "PS3001";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "PS3002";

    /// <summary>A value has the wrong unit (or none where one is needed).</summary>
    public const string WrongUnit = "PS3003";

    /// <summary>A field or block is given twice.</summary>
    public const string Duplicate = "PS3004";

    /// <summary>A value is not one of the allowed choices, or of the wrong kind.</summary>
    public const string InvalidValue = "PS3005";

    /// <summary>A value is outside the range the field accepts.</summary>
    public const string OutOfRange = "PS3006";

    /// <summary>A reference to a chain or component that the scenario does not declare.</summary>
    public const string UnknownReference = "PS3007";

    /// <summary>A unit name that the language does not know.</summary>
    public const string UnknownUnit = "PS3008";

    /// <summary>A declaration that nothing uses (a warning): a rollup no workload sends to.</summary>
    public const string Unused = "PS3009";

    /// <summary>A hook of a kind that has no hook API yet.</summary>
    public const string HookKindNotSupported = "PS4001";

    /// <summary>A hook's code does not stay inside its own method (unbalanced braces, a preprocessor directive, or an expression hook that is not one expression).</summary>
    public const string HookMalformed = "PS4002";

    /// <summary>A hook uses an API outside the sandbox (files, network, processes, reflection, threads, the wall clock, System.Random, GC, static mutable state).</summary>
    public const string HookForbiddenApi = "PS4003";

    /// <summary>A hook uses a language feature outside the sandbox (dynamic, unsafe, extern, async, lock, stackalloc).</summary>
    public const string HookForbiddenFeature = "PS4004";

    /// <summary>A hook call ran more steps, nested calls deeper or allocated more than its budget.</summary>
    public const string HookBudgetExceeded = "PS4005";

    /// <summary>A hook threw an exception while the scenario ran.</summary>
    public const string HookThrew = "PS4006";

    /// <summary>An isolated run took longer than its wall-clock timeout and its worker process was killed.</summary>
    public const string WorkerTimedOut = "PS4007";

    /// <summary>An isolated run used more memory than its limit.</summary>
    public const string WorkerOutOfMemory = "PS4008";

    /// <summary>An isolated run's worker process crashed (a stack overflow, a fatal runtime error) or could not start.</summary>
    public const string WorkerCrashed = "PS4009";
}
