using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using ProtoScript.Language;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Formatting;
using ProtoScript.Language.Syntax;
using StreamJsonRpc;

namespace ProtoScript.LanguageServer;

/// <summary>The LSP methods; StreamJsonRpc calls its public methods by their <see cref="JsonRpcMethodAttribute"/> names.</summary>
internal sealed partial class LanguageServerTarget(JsonRpc rpc, TimeSpan debounce)
{
    private readonly Dictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Exited => _exited.Task;

    public bool ShutdownRequested { get; private set; }

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public object Initialize(JToken parameters) => new
    {
        capabilities = new
        {
            textDocumentSync = new { openClose = true, change = 1 },
            hoverProvider = true,
            completionProvider = new { triggerCharacters = new[] { " " } },
            definitionProvider = true,
            documentSymbolProvider = true,
            documentFormattingProvider = true,
            codeActionProvider = new { codeActionKinds = new[] { "quickfix" } },
        },
        serverInfo = new { name = "proto-script", version = typeof(LanguageServerTarget).Assembly.GetName().Version?.ToString(3) ?? "0" },
    };

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public void Initialized(JToken parameters)
    {
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        ShutdownRequested = true;
        CancelPending();
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _exited.TrySetResult();

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(JToken parameters)
    {
        var item = parameters["textDocument"]!;
        Update((string)item["uri"]!, (string?)item["text"] ?? string.Empty, (int?)item["version"] ?? 0);
    }

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(JToken parameters)
    {
        // Full synchronisation: the last change holds the whole text.
        var changes = (JArray?)parameters["contentChanges"];
        if (changes is null || changes.Count == 0)
        {
            return;
        }

        var item = parameters["textDocument"]!;
        Update((string)item["uri"]!, (string?)changes[^1]!["text"] ?? string.Empty, (int?)item["version"] ?? 0);
    }

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public void DidClose(JToken parameters)
    {
        var uri = Uri(parameters);
        lock (_documents)
        {
            if (_documents.Remove(uri, out var document))
            {
                document.Pending?.Cancel();
            }
        }

        _ = rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", new { uri, diagnostics = Array.Empty<object>() });
    }

    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public object[] CodeAction(JToken parameters)
    {
        var uri = Uri(parameters);
        if (Analyze(uri) is not { } analysis)
        {
            return [];
        }

        var from = analysis.Map.Offset((int)parameters["range"]!["start"]!["line"]!, (int)parameters["range"]!["start"]!["character"]!);
        var to = analysis.Map.Offset((int)parameters["range"]!["end"]!["line"]!, (int)parameters["range"]!["end"]!["character"]!);
        var actions = new List<object>();
        foreach (var diagnostic in analysis.Diagnostics)
        {
            if (diagnostic.Span.Start > to || diagnostic.Span.End < from || Suggestion(diagnostic, analysis.Map.Text) is not { } replacement)
            {
                continue;
            }

            var range = Range(analysis.Map, diagnostic.Span.Start, diagnostic.Span.End);
            actions.Add(new
            {
                title = $"Change to `{replacement}`",
                kind = "quickfix",
                isPreferred = true,
                diagnostics = new[] { ToLsp(analysis.Map, diagnostic) },
                edit = new { changes = new Dictionary<string, object[]> { [uri] = [new { range, newText = replacement }] } },
            });
        }

        return [.. actions];
    }

    [JsonRpcMethod("textDocument/formatting", UseSingleObjectParameterDeserialization = true)]
    public object[] Formatting(JToken parameters)
    {
        var uri = Uri(parameters);
        string text;
        lock (_documents)
        {
            if (!_documents.TryGetValue(uri, out var document))
            {
                return [];
            }

            text = document.Text;
        }

        var result = ScenarioFormatter.Format(PathOf(uri), text);
        if (result.Text is null)
        {
            // As `fmt` does: a file with syntax errors is left alone, and the user is told why.
            var first = result.Diagnostics.FirstOrDefault(d => d.IsError);
            var why = first is null ? "it has syntax errors" : $"line {first.Position.Line}: {first.Message}";
            _ = rpc.NotifyWithParameterObjectAsync("window/showMessage", new { type = 1, message = $"proto-script: not formatted, fix the syntax errors first ({why})" });
            return [];
        }

        if (result.Text == text)
        {
            return [];
        }

        var map = new TextMap(text);
        return [new { range = Range(map, 0, text.Length), newText = result.Text }];
    }

    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public object[] DocumentSymbol(JToken parameters) =>
        Analyze(Uri(parameters)) is { } analysis ? Symbols(analysis, analysis.Result.Syntax.Statements) : [];

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public object? Hover(JToken parameters)
    {
        if (Analyze(Uri(parameters)) is not { } analysis)
        {
            return null;
        }

        var offset = OffsetOf(analysis, parameters);
        var chain = SyntaxQueries.Chain(analysis.Result.Syntax, offset);
        var (text, span) = Features.Hover(analysis, chain);
        return text is null ? null : new { contents = new { kind = "markdown", value = text }, range = Range(analysis.Map, span.Start, span.End) };
    }

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public object[] Completion(JToken parameters)
    {
        if (Analyze(Uri(parameters)) is not { } analysis)
        {
            return [];
        }

        var offset = OffsetOf(analysis, parameters);
        return Features.Completion(analysis, offset);
    }

    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public object[] Definition(JToken parameters)
    {
        var uri = Uri(parameters);
        if (Analyze(uri) is not { } analysis)
        {
            return [];
        }

        var offset = OffsetOf(analysis, parameters);
        if (SyntaxQueries.Chain(analysis.Result.Syntax, offset).LastOrDefault() is not NameSyntax name)
        {
            return [];
        }

        return [.. SyntaxQueries.Declarations(analysis.Result.Syntax)
            .Where(d => d.Name.Text == name.Text)
            .Take(1)
            .Select(d => new { uri, range = Range(analysis.Map, d.Name.Span.Start, d.Name.Span.End) })];
    }

    public void CancelPending()
    {
        lock (_documents)
        {
            foreach (var document in _documents.Values)
            {
                document.Pending?.Cancel();
            }
        }
    }

    internal static object Range(TextMap map, int start, int end)
    {
        var (startLine, startCharacter) = map.Position(start);
        var (endLine, endCharacter) = map.Position(end);
        return new { start = new { line = startLine, character = startCharacter }, end = new { line = endLine, character = endCharacter } };
    }

    /// <summary>The word a did-you-mean hint proposes, when replacing the diagnostic's span with it is the fix.</summary>
    internal static string? Suggestion(Diagnostic diagnostic, string text)
    {
        if (diagnostic.Hint is null || DidYouMean().Match(diagnostic.Hint) is not { Success: true } match)
        {
            return null;
        }

        var replacement = match.Groups[1].Value;
        var end = Math.Min(diagnostic.Span.End, text.Length);
        var start = Math.Min(diagnostic.Span.Start, end);
        var written = text[start..end];

        // A hint about one part of a dotted path names that part only: replacing the whole path with it would be wrong.
        return written.Length > 0 && written.Contains('.', StringComparison.Ordinal) == replacement.Contains('.', StringComparison.Ordinal) ? replacement : null;
    }

    private static object ToLsp(TextMap map, Diagnostic diagnostic) => new
    {
        range = Range(map, diagnostic.Span.Start, diagnostic.Span.End),
        severity = diagnostic.IsError ? 1 : 2,
        code = diagnostic.Code,
        source = "proto-script",
        message = diagnostic.Hint is null ? diagnostic.Message : diagnostic.Message + "\nhint: " + diagnostic.Hint,
    };

    private static string Uri(JToken parameters) => (string)parameters["textDocument"]!["uri"]!;

    private static int OffsetOf(Analysis analysis, JToken parameters) =>
        analysis.Map.Offset((int)parameters["position"]!["line"]!, (int)parameters["position"]!["character"]!);

    /// <summary>The file path a URI names, so that imports resolve beside it; other schemes keep the URI as the path.</summary>
    private static string PathOf(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;

    private static object[] Symbols(Analysis analysis, IEnumerable<StatementSyntax> statements)
    {
        var symbols = new List<object>();
        foreach (var entry in statements.OfType<EntrySyntax>())
        {
            var body = entry.Body ?? (entry.Value as ObjectSyntax)?.Body;
            if (body is null && entry.Head.Text is not ("sweep" or "import"))
            {
                continue;
            }

            var end = body?.Span.Start ?? entry.Span.End;
            var name = Whitespace().Replace(analysis.Map.Text[entry.Span.Start..Math.Max(entry.Span.Start, end)], " ").Trim();
            symbols.Add(new
            {
                name = name.Length == 0 ? entry.Head.Text : name,
                kind = entry.Head.Text switch
                {
                    "scenario" => 2, // Module
                    "rollup" or "l1" or "shared_sequencer" or "builder" or "provers" => 5, // Class
                    "token" => 14, // Constant
                    "sweep" => 24, // Event
                    "import" => 2,
                    _ => 23, // Struct
                },
                range = Range(analysis.Map, entry.Span.Start, entry.Span.End),
                selectionRange = Range(analysis.Map, entry.Head.Span.Start, entry.Head.Span.End),
                children = body is null ? [] : Symbols(analysis, body.Statements),
            });
        }

        return [.. symbols];
    }

    private void Update(string uri, string text, int version)
    {
        CancellationTokenSource pending;
        lock (_documents)
        {
            if (_documents.TryGetValue(uri, out var previous))
            {
                previous.Pending?.Cancel();
            }

            pending = new CancellationTokenSource();
            _documents[uri] = new OpenDocument(text, version) { Pending = pending };
        }

        _ = PublishAfterDebounceAsync(uri, version, pending.Token);
    }

    private async Task PublishAfterDebounceAsync(string uri, int version, CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(debounce, cancellation).ConfigureAwait(false);
            if (Analyze(uri) is not { } analysis || cancellation.IsCancellationRequested)
            {
                return;
            }

            var diagnostics = analysis.Diagnostics.Select(d => ToLsp(analysis.Map, d)).ToArray();
            await rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", new { uri, version, diagnostics }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A newer edit superseded this one; its own publication follows.
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException)
        {
            // The client went away while the diagnostics were being computed.
        }
    }

    /// <summary>Parses and binds the document's current text, once per version.</summary>
    private Analysis? Analyze(string uri)
    {
        OpenDocument document;
        lock (_documents)
        {
            if (!_documents.TryGetValue(uri, out var found))
            {
                return null;
            }

            document = found;
        }

        lock (document)
        {
            if (document.Analysis is null)
            {
                var path = PathOf(uri);
                var result = ScenarioCompiler.Compile(path, document.Text);

                // Diagnostics of imported files belong to those files, not to this one's lines.
                var own = result.Diagnostics.Where(d => d.Source is null || d.Source.Path == path).ToArray();
                document.Analysis = new Analysis(new TextMap(document.Text), result, own);
            }

            return document.Analysis;
        }
    }

    [GeneratedRegex("did you mean `([^`]+)`")]
    private static partial Regex DidYouMean();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class OpenDocument(string text, int version)
    {
        public string Text { get; } = text;

        public int Version { get; } = version;

        public CancellationTokenSource? Pending { get; init; }

        public Analysis? Analysis { get; set; }
    }
}

/// <summary>One version of a document, parsed and bound.</summary>
internal sealed record Analysis(TextMap Map, CompilationResult Result, IReadOnlyList<Diagnostic> Diagnostics);
