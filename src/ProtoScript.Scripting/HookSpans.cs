using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>Helpers about a hook's place in its file.</summary>
public static class HookSpans
{
    /// <summary>
    /// The hook's code without its surrounding white space: where a diagnostic about the hook
    /// as a whole points (a <c>csharp { ... }</c> hook's code usually starts with a line break).
    /// </summary>
    public static Language.Text.TextSpan Trimmed(HookModel hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var code = hook.Code;
        var start = 0;
        var end = code.Length;
        while (start < end && char.IsWhiteSpace(code[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(code[end - 1]))
        {
            end--;
        }

        return start == end ? hook.CodeSpan : new Language.Text.TextSpan(hook.CodeSpan.Start + start, end - start);
    }
}

/// <summary>
/// The names the compiled hook set is found by when it is loaded: the compiler
/// (ProtoScript.Scripting.Compiler's <c>HookSource</c>) writes them, this assembly reads them.
/// </summary>
internal static class HookSetNames
{
    /// <summary>The namespace of the generated class unless the caller names another.</summary>
    public const string DefaultNamespace = "ProtoScript.Generated";

    /// <summary>The namespace and name of the generated class.</summary>
    public const string ClassName = DefaultNamespace + ".HookSet";

    /// <summary>The name of hook <paramref name="index"/>'s method.</summary>
    public static string MethodName(int index) => "Hook" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
