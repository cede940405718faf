using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ProtoScript.Generators;

/// <summary>
/// The generator's descriptors: the language's codes (PSnnnn, listed in docs/diagnostics.md)
/// and the generator's own (PSGnnnn, listed in README.md).
/// </summary>
internal static class GeneratorDiagnostics
{
    /// <summary>Two scenario files map to the same class name.</summary>
    public const string DuplicateClass = "PSG0001";

    /// <summary>The project does not reference the model's assembly.</summary>
    public const string MissingLanguage = "PSG0002";

    /// <summary>The emitter failed: a bug.</summary>
    public const string EmitFailed = "PSG0003";

    private const string Category = "ProtoScript";

    private static readonly ConcurrentDictionary<(string Id, bool IsError), DiagnosticDescriptor> Descriptors = new();

    /// <summary>
    /// The descriptor of a code. The language has many codes and adds more, so descriptors are made
    /// on demand; the message is the language's own, passed as the only argument.
    /// </summary>
    public static DiagnosticDescriptor Descriptor(string id, bool isError) =>
        Descriptors.GetOrAdd((id, isError), static key => new DiagnosticDescriptor(
            key.Id,
            "ProtoScript " + key.Id,
            "{0}",
            Category,
            key.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            isEnabledByDefault: true));
}
