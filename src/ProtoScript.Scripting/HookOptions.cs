namespace ProtoScript.Scripting;

/// <summary>Budgets of each hook call and where compiled hooks are cached.</summary>
public sealed record HookOptions
{
    /// <summary>The environment variable that overrides the cache directory.</summary>
    public const string CacheDirectoryVariable = "PROTOSCRIPT_CACHE_DIR";

    /// <summary>Default options.</summary>
    public static HookOptions Default { get; } = new();

    /// <summary>
    /// Steps one call may take: each loop iteration, backward <c>goto</c>, and entry into a
    /// method, local function or lambda is one step. Counting steps rather than time keeps a
    /// run deterministic.
    /// </summary>
    public long MaxSteps { get; init; } = 1_000_000;

    /// <summary>
    /// How deep hook code may nest its own calls (local functions, lambdas). Far below the
    /// runtime's stack limit, so runaway recursion is a diagnostic, not a crashed process.
    /// </summary>
    public int MaxCallDepth { get; init; } = 256;

    /// <summary>Bytes one call may allocate (a safety net: the count can vary slightly between runtimes).</summary>
    public long MaxAllocatedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>False to never read or write the on-disk cache.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// The cache directory; when null, <see cref="CacheDirectoryVariable"/>, else
    /// <c>$XDG_CACHE_HOME/protoscript/hooks</c>, else <c>~/.cache/protoscript/hooks</c>.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The cache directory these options resolve to in the current environment.</summary>
    public string ResolveCacheDirectory() => ResolveCacheDirectory(Environment.GetEnvironmentVariable);

    internal string ResolveCacheDirectory(Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(CacheDirectory))
        {
            return CacheDirectory;
        }

        if (environment(CacheDirectoryVariable) is { Length: > 0 } fromVariable)
        {
            return fromVariable;
        }

        var cacheHome = environment("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cacheHome))
        {
            cacheHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(cacheHome, "protoscript", "hooks");
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1, nameof(MaxSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCallDepth, 1, nameof(MaxCallDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAllocatedBytes, 1, nameof(MaxAllocatedBytes));
    }

    /// <summary>The options a scenario's <c>hooks { ... }</c> block asks for, with the cache settings of the defaults.</summary>
    /// <param name="limits">The scenario's hook limits.</param>
    public static HookOptions FromLimits(ProtoScript.Language.Model.HookLimitsModel limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new HookOptions { MaxSteps = limits.MaxSteps, MaxCallDepth = limits.MaxCallDepth, MaxAllocatedBytes = limits.MaxAllocatedBytes };
    }
}
