namespace ProtoScript.Hooks;

/// <summary>Facts about the hook API as a whole.</summary>
public static class HookApi
{
    /// <summary>
    /// Bumped whenever a hook site's parameters, a view's members or the generated code
    /// change shape, so that hooks compiled against an older API are never loaded from the cache.
    /// </summary>
    public const int Version = 2;
}
