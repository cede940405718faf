namespace ProtoScript.Generators;

/// <summary>One scenario file as read from AdditionalFiles: the only input of its compile step.</summary>
/// <param name="Path">The path the compiler was given (diagnostics point here).</param>
/// <param name="Text">The file's content.</param>
public sealed record ScenarioFile(string Path, string Text);

/// <summary>
/// One scenario file with every file its imports reach (read from the project's AdditionalFiles,
/// never from disk): the only input of its compile step, so that editing an imported file
/// recompiles the scenarios that import it and nothing else.
/// </summary>
/// <param name="File">The scenario file.</param>
/// <param name="IsLibrary">True when the file only declares tokens, an L1 and rollup templates for others to import: no class is generated for it.</param>
/// <param name="Imports">Each path its imports asked for, relative to its folder as the language resolves it, with the text found in AdditionalFiles (null when there is none).</param>
public sealed record ScenarioInput(ScenarioFile File, bool IsLibrary, EquatableArray<ImportedFile> Imports);

/// <summary>One path a scenario's imports asked for, and the AdditionalFiles text found there.</summary>
/// <param name="RequestedPath">The path as the language asked for it.</param>
/// <param name="Text">The file's text, or null when no additional file has that path.</param>
public sealed record ImportedFile(string RequestedPath, string? Text);

/// <summary>Project-wide settings, from MSBuild properties and the compilation's references.</summary>
/// <param name="Namespace">The namespace of the generated classes.</param>
/// <param name="HasLanguage">Whether ProtoScript.Language (the model's types) is referenced.</param>
/// <param name="HasEngine">Whether ProtoScript.Engine is referenced, so that <c>Run</c> can be emitted.</param>
/// <param name="HasScripting">Whether ProtoScript.Scripting is referenced, so that C# hooks can be compiled into the generated code.</param>
public sealed record GenerationSettings(string Namespace, bool HasLanguage, bool HasEngine, bool HasScripting = false);

/// <summary>A diagnostic with its position in a file, as plain values so that it can be cached.</summary>
/// <param name="Id">The code, e.g. <c>PS3003</c>.</param>
/// <param name="IsError">Error or warning.</param>
/// <param name="Message">The message as the CLI's MSBuild format prints it.</param>
/// <param name="Path">The file, as the compiler was given it.</param>
/// <param name="Start">Offset of the span.</param>
/// <param name="Length">Length of the span.</param>
/// <param name="StartLine">Zero-based line of the start.</param>
/// <param name="StartColumn">Zero-based column of the start.</param>
/// <param name="EndLine">Zero-based line of the end.</param>
/// <param name="EndColumn">Zero-based column of the end.</param>
public sealed record DiagnosticInfo(
    string Id,
    bool IsError,
    string Message,
    string Path,
    int Start,
    int Length,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn);

/// <summary>The outcome of one file: its class's name and source (when valid) and its diagnostics.</summary>
/// <param name="Path">The file, as the compiler was given it.</param>
/// <param name="ClassName">The generated class's name.</param>
/// <param name="Source">The generated C#, or null when the scenario has errors.</param>
/// <param name="Diagnostics">The language's diagnostics, mapped to the file.</param>
/// <param name="HookSource">The scenario's C# hooks as budgeted static methods, or null when it has none or they are not compiled.</param>
/// <param name="IsLibrary">True for a file that is only imported: it has no class and reports nothing itself.</param>
public sealed record EmittedScenario(string Path, string ClassName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics, string? HookSource = null, bool IsLibrary = false);
