using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProtoScript.Hooks;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using PsDiagnostic = ProtoScript.Language.Diagnostics.Diagnostic;
using PsSeverity = ProtoScript.Language.Diagnostics.DiagnosticSeverity;
using PsTextSpan = ProtoScript.Language.Text.TextSpan;

namespace ProtoScript.Scripting;

/// <summary>The outcome of compiling a scenario's hooks.</summary>
/// <param name="Hooks">The compiled hooks, or null when there were errors.</param>
/// <param name="Diagnostics">Errors, at the hooks' places in their .proto-script files, sorted by position.</param>
public sealed record HookCompileResult(CompiledHooks? Hooks, IReadOnlyList<PsDiagnostic> Diagnostics)
{
    /// <summary>True when the hooks compiled and can run.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Hooks))]
    public bool Success => Hooks is not null;
}

/// <summary>
/// Compiles all hooks of a scenario as one C# compilation: each hook becomes a static
/// method of one generated class, checked by the sandbox, instrumented with its budget,
/// emitted to memory, cached on disk and loaded into a collectible context.
/// </summary>
public sealed class HookCompiler
{
    private readonly HookOptions _options;
    private readonly HookCache? _cache;
    private int _compilationCount;

    /// <summary>Creates a compiler.</summary>
    public HookCompiler(HookOptions? options = null)
    {
        _options = options ?? HookOptions.Default;
        _options.Validate();
        _cache = _options.UseCache ? new HookCache(_options.ResolveCacheDirectory()) : null;
    }

    /// <summary>How many Roslyn compilations this compiler has created; a cache hit creates none.</summary>
    public int CompilationCount => Volatile.Read(ref _compilationCount);

    /// <summary>The directory compiled hooks are cached in, or null when caching is off.</summary>
    public string? CacheDirectory => _cache?.Directory;

    /// <summary>
    /// Compiles every hook of a compiled file (the scenario's and its sweep points') with the
    /// budget its <c>hooks { ... }</c> block sets; null when the file has no hooks.
    /// </summary>
    /// <param name="file">A file that compiled without errors.</param>
    public static HookCompileResult? CompileFile(ProtoScript.Language.CompilationResult file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var hooks = file.AllHooks;
        return hooks.IsEmpty ? null : new HookCompiler(HookOptions.FromLimits(file.Model!.HookLimits)).Compile(hooks);
    }

    /// <summary>Compiles the hooks of a scenario.</summary>
    public HookCompileResult Compile(ScenarioModel scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Compile(scenario.Hooks);
    }

    /// <summary>Compiles a set of hooks (usually all hooks of one scenario, in source order).</summary>
    public HookCompileResult Compile(IReadOnlyList<HookModel> hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        if (hooks.Count == 0)
        {
            return new HookCompileResult(CompiledHooks.Empty(_options), []);
        }

        var unsupported = hooks
            .Where(h => Engine.Simulation.RuleRegistry.Find(h.Kind) is null)
            .Select(h => new PsDiagnostic(
                DiagnosticCodes.HookKindNotSupported,
                PsSeverity.Error,
                $"`{h.Owner}`: {h.Kind} hooks cannot run yet: the engine has no API for them",
                h.Source,
                HookSpans.Trimmed(h),
                "use a built-in rule for now; docs/hooks.md lists the hook sites that exist"))
            .ToList();
        if (unsupported.Count > 0)
        {
            return new HookCompileResult(null, unsupported);
        }

        var key = HookCache.Key(hooks);
        if (_cache?.TryRead(key) is { } cached && CompiledHooks.Load(cached, hooks, _options, fromCache: true) is { } fromCache)
        {
            return new HookCompileResult(fromCache, []);
        }

        var (image, diagnostics) = Emit(hooks);
        if (image is null)
        {
            return new HookCompileResult(null, diagnostics);
        }

        _cache?.Write(key, image);
        var loaded = CompiledHooks.Load(image, hooks, _options, fromCache: false)
            ?? throw new InvalidOperationException("The freshly compiled hook assembly could not be loaded.");
        return new HookCompileResult(loaded, []);
    }

    private (byte[]? Image, IReadOnlyList<PsDiagnostic> Diagnostics) Emit(IReadOnlyList<HookModel> hooks)
    {
        var (compilation, tree, instrumented, diagnostics) = CheckAndInstrument(hooks, mappedPath: null);
        if (compilation is null || instrumented is null)
        {
            return (null, diagnostics);
        }

        using var stream = new MemoryStream();
        var emitted = compilation.ReplaceSyntaxTree(tree, instrumented).Emit(stream);
        if (!emitted.Success)
        {
            // The hooks compiled before instrumentation, so this is a bug in the rewriter.
            throw new InvalidOperationException(
                "Instrumenting the hooks broke their compilation: " + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)));
        }

        return (stream.ToArray(), []);
    }

    /// <summary>
    /// The C# source of a set of hooks, checked by the sandbox and instrumented with the budget
    /// exactly as <see cref="Compile(IReadOnlyList{HookModel})"/> compiles them, for code that
    /// calls them as ordinary static methods (the compiled engine): the class
    /// <c>ProtoScript.Generated.HookSet</c> with one method <c>Hook{i}</c> per hook, whose
    /// <c>#line</c> directives map each hook's code to its line and column in its .proto-script file.
    /// Arithmetic in the hooks stays checked whatever the including compilation's settings.
    /// </summary>
    /// <param name="hooks">The hooks, in the order their methods are numbered.</param>
    /// <param name="ns">The namespace of the class <c>HookSet</c>; the source generator gives each scenario its own, and the class is then internal.</param>
    /// <returns>The source, or null with the hooks' errors at their places in their files.</returns>
    public (string? Source, IReadOnlyList<PsDiagnostic> Diagnostics) InstrumentedSource(IReadOnlyList<HookModel> hooks, string ns = HookSource.DefaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        var (_, _, instrumented, diagnostics) = CheckAndInstrument(hooks, i => hooks[i].Source.Path.Replace('"', '\''));
        if (instrumented is null)
        {
            return (null, diagnostics);
        }

        var root = new CheckedBodies().Visit(instrumented.GetRoot())!;

        // The sandbox checked the hooks in their own namespace (which it allows, as the
        // lambdas and locals the hooks declare live there); only then is the class moved, and
        // made internal: it is no part of the including project's public API.
        if (ns != HookSource.DefaultNamespace)
        {
            var declaration = root.DescendantNodes().OfType<FileScopedNamespaceDeclarationSyntax>().Single();
            var hookSet = declaration.Members.OfType<ClassDeclarationSyntax>().Single();
            var visibility = hookSet.Modifiers.Single(m => m.IsKind(SyntaxKind.PublicKeyword));
            root = root.ReplaceNode(declaration, declaration
                .ReplaceNode(hookSet, hookSet.ReplaceToken(visibility, SyntaxFactory.Token(SyntaxKind.InternalKeyword).WithTriviaFrom(visibility)))
                .WithName(SyntaxFactory.ParseName(ns).WithTriviaFrom(declaration.Name)));
        }

        // The rewriter replaces tokens, and with them the line break that ended a hook's last
        // line: the compiled tree does not mind, but as text a `#line` must start its own line.
        var glued = root.DescendantTokens(descendIntoTrivia: false)
            .Where(t => t.LeadingTrivia.Any(x => x.IsDirective) && !t.GetPreviousToken().TrailingTrivia.Any(x => x.IsKind(SyntaxKind.EndOfLineTrivia)) && t.GetPreviousToken().RawKind != 0)
            .ToList();
        root = root.ReplaceTokens(glued, (_, token) => token.WithLeadingTrivia(token.LeadingTrivia.Insert(0, SyntaxFactory.EndOfLine("\n"))));

        // Tokens the rewriter made have no (or only zero-width elastic) trivia, so `return` and `1` would print as `return1`;
        // user code never has two such words touching, so only the rewriter's get a space.
        var touching = root.DescendantTokens(descendIntoTrivia: false)
            .Where(t => t.LeadingTrivia.FullSpan.Length == 0 && t.GetPreviousToken() is { RawKind: not 0 } previous && previous.TrailingTrivia.FullSpan.Length == 0
                && IsWordChar(previous.Text[^1]) && t.Text.Length > 0 && IsWordChar(t.Text[0]))
            .ToList();
        root = root.ReplaceTokens(touching, (_, token) => token.WithLeadingTrivia(SyntaxFactory.Space));
        return (root.ToFullString(), []);

        static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '@';
    }

    private (CSharpCompilation? Compilation, SyntaxTree Tree, SyntaxTree? Instrumented, IReadOnlyList<PsDiagnostic> Diagnostics) CheckAndInstrument(IReadOnlyList<HookModel> hooks, Func<int, string>? mappedPath)
    {
        var unsupported = hooks.FirstOrDefault(h => Engine.Simulation.RuleRegistry.Find(h.Kind) is null);
        if (unsupported is not null)
        {
            return (null, CSharpSyntaxTree.ParseText(string.Empty), null, [new PsDiagnostic(DiagnosticCodes.HookKindNotSupported, PsSeverity.Error, $"`{unsupported.Owner}`: {unsupported.Kind} hooks cannot run yet: the engine has no API for them", unsupported.Source, HookSpans.Trimmed(unsupported))]);
        }

        var source = HookSource.Build(hooks, mappedPath);
        var tree = CSharpSyntaxTree.ParseText(source.Text, Roslyn.ParseOptions, path: "hooks.g.cs");
        var mapper = new LocationMapper(hooks, source, mappedPath);

        var malformed = CheckStructure(tree, source, hooks);
        if (malformed.Count > 0)
        {
            return (null, tree, null, Sort(malformed));
        }

        Interlocked.Increment(ref _compilationCount);
        var compilation = Roslyn.Template.Value.AddSyntaxTrees(tree);

        var errors = new List<PsDiagnostic>();
        foreach (var d in compilation.GetDiagnostics())
        {
            if (d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            {
                var (hook, span) = mapper.Map(d.Location);
                errors.Add(new PsDiagnostic(d.Id, PsSeverity.Error, d.GetMessage(CultureInfo.InvariantCulture), hook.Source, span));
            }
        }

        var model = compilation.GetSemanticModel(tree);
        foreach (var v in HookSandbox.Check(model, tree.GetRoot(), source.Regions))
        {
            var (hook, span) = mapper.Map(v.Location);
            errors.Add(new PsDiagnostic(v.Code, PsSeverity.Error, v.Message, hook.Source, span, v.Hint));
        }

        if (errors.Count > 0)
        {
            return (null, tree, null, Sort(errors));
        }

        var instrumented = tree.WithRootAndOptions(new BudgetRewriter(model).Visit(tree.GetRoot()), tree.Options);
        return (compilation, tree, instrumented, []);
    }

    /// <summary>Wraps every hook method's body in <c>checked { }</c>: the hook compilation checks overflow, and an including compilation may not.</summary>
    private sealed class CheckedBodies : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
            node.Body is { } body
                ? node.WithBody(SyntaxFactory.Block(SyntaxFactory.CheckedStatement(SyntaxKind.CheckedStatement, body)))
                : node;
    }

    /// <summary>
    /// Hook code is pasted into a method body, so code with an extra <c>}</c> could close the
    /// method and declare fields or types of its own (static state, finalizers, module
    /// initializers). Each hook's code must lie inside its own method's body, with no
    /// preprocessor directive, and an expression hook must be exactly one expression.
    /// </summary>
    private static List<PsDiagnostic> CheckStructure(SyntaxTree tree, HookSource source, IReadOnlyList<HookModel> hooks)
    {
        var root = tree.GetRoot();
        var problems = new List<PsDiagnostic>();
        var methods = root.DescendantNodes().OfType<MemberDeclarationSyntax>()
            .Where(m => m is not BaseNamespaceDeclarationSyntax)
            .ToList();
        var generatedClass = root.DescendantNodes().OfType<ClassDeclarationSyntax>().FirstOrDefault();
        var shapeIsIntact = root is CompilationUnitSyntax { Members.Count: 1 } unit
            && unit.Members[0] is FileScopedNamespaceDeclarationSyntax { Members.Count: 1 } ns
            && ns.Members[0] == generatedClass
            && methods.Count == hooks.Count + 1
            && generatedClass.Members.Count == hooks.Count;

        foreach (var region in source.Regions)
        {
            var hook = hooks[region.Index];
            var method = shapeIsIntact ? generatedClass!.Members[region.Index] as MethodDeclarationSyntax : null;
            string? problem = null;
            var span = HookSpans.Trimmed(hook);
            if (method?.Body is not { } body
                || method.Identifier.Text != HookSource.MethodName(region.Index)
                || body.OpenBraceToken.Span.End > region.Code.Start
                || body.CloseBraceToken.Span.Start < region.Code.End)
            {
                problem = "the hook's code does not stay inside the hook: check that its braces, comments and strings are balanced";
            }
            else if (hook.IsExpression
                && !(body.Statements is [ReturnStatementSyntax { Expression: { } returned }] && returned.Span.Start <= region.Code.Start))
            {
                problem = "an expression hook (`csharp => ...`) must be one C# expression; use `csharp { ... }` with `return` for statements";
            }
            else if (root.DescendantTrivia(region.Code, descendIntoTrivia: true).FirstOrDefault(t => t.IsDirective && region.Code.Contains(t.Span)) is { RawKind: not 0 } directive)
            {
                problem = "preprocessor directives (`#if`, `#line`, `#pragma`, ...) are not allowed in hooks";

                // The code is copied verbatim, so an offset in it is the same offset in the file.
                var directiveSpan = directive.GetStructure() is DirectiveTriviaSyntax structure
                    ? structure.EndOfDirectiveToken.Span.Start - directive.SpanStart
                    : directive.Span.Length;
                span = new PsTextSpan(hook.CodeSpan.Start + (directive.SpanStart - region.Code.Start), directiveSpan);
            }

            if (problem is not null)
            {
                problems.Add(new PsDiagnostic(
                    DiagnosticCodes.HookMalformed, PsSeverity.Error, $"`{hook.Owner}`: {problem}", hook.Source, span));
            }
        }

        return problems;
    }

    private static List<PsDiagnostic> Sort(List<PsDiagnostic> diagnostics) =>
        [.. diagnostics.Select((d, i) => (d, i)).OrderBy(x => x.d.Path, StringComparer.Ordinal).ThenBy(x => x.d.Span.Start).ThenBy(x => x.i).Select(x => x.d)];

    /// <summary>
    /// Roslyn's settings, in a class of their own so that a cache hit, which never touches
    /// them, does not even load the compiler's assemblies.
    /// </summary>
    private static class Roslyn
    {
        /// <summary>
        /// An empty compilation every hook compilation is derived from: derived compilations share
        /// its bound reference assemblies, so the core library's symbols are built once per
        /// process instead of once per compilation (the bulk of a cold compile).
        /// </summary>
        public static readonly Lazy<CSharpCompilation> Template = new(() =>
            CSharpCompilation.Create("ProtoScript.HookSet", [], CreateReferences(), CompilationOptions));

        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

        public static readonly CSharpCompilationOptions CompilationOptions = new(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            checkOverflow: true, // money is UInt128: an overflow in a hook is a bug to report, not a wrap-around
            allowUnsafe: false,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Disable,
            concurrentBuild: false);

        /// <summary>
        /// The smallest reference set hooks need: the core library and the assemblies of the
        /// allowed namespaces. What is not referenced cannot be named; the sandbox check covers
        /// the rest of the core library.
        /// </summary>
        private static ImmutableArray<MetadataReference> CreateReferences()
        {
            var directory = RuntimeEnvironment.GetRuntimeDirectory();
            string[] names = ["System.Runtime.dll", "System.Linq.dll", "System.Collections.dll", "System.Runtime.Numerics.dll"];
            return
            [
                MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                .. names.Select(n => MetadataReference.CreateFromFile(Path.Combine(directory, n))),
                MetadataReference.CreateFromFile(typeof(HookApi).Assembly.Location),
            ];
        }
    }

    /// <summary>Maps a location in the generated file to its hook and its span in the .proto-script file.</summary>
    private sealed class LocationMapper(IReadOnlyList<HookModel> hooks, HookSource source, Func<int, string>? mappedPath)
    {
        public (HookModel Hook, PsTextSpan Span) Map(Location location)
        {
            var mapped = location.GetMappedLineSpan();
            var at = location.SourceSpan.Start;
            var region = source.Regions.FirstOrDefault(r => r.Method.Contains(at));

            // The code is copied verbatim, so an offset in it is the same offset in the file. Lines
            // are not: C# also breaks lines at a bare CR, NEL, U+2028 and U+2029, which a
            // .proto-script file does not, so `#line` positions would drift after one of them.
            if (!region.Method.IsEmpty && at >= region.Code.Start && at <= region.Code.End)
            {
                var code = hooks[region.Index];
                var start = code.CodeSpan.Start + (at - region.Code.Start);
                var end = code.CodeSpan.Start + (Math.Min(location.SourceSpan.End, region.Code.End) - region.Code.Start);
                return (code, PsTextSpan.FromBounds(start, Math.Max(start, end)));
            }

            var index = -1;
            if (mapped.HasMappedPath && mappedPath is not null)
            {
                // Paths may repeat across hooks of one file: the method the location is in names the hook.
                index = region.Method.IsEmpty ? -1 : region.Index;
            }
            else if (mapped.HasMappedPath
                && mapped.Path.StartsWith(HookSource.MappedPathPrefix, StringComparison.Ordinal)
                && int.TryParse(mapped.Path.AsSpan(HookSource.MappedPathPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                index = parsed;
            }

            if (index >= 0 && index < hooks.Count)
            {
                var hook = hooks[index];
                var start = Offset(hook, mapped.StartLinePosition);
                var end = Math.Max(start, Offset(hook, mapped.EndLinePosition));
                return (hook, PsTextSpan.FromBounds(start, end));
            }

            // Generated code (the method's signature or closing brace): blame the whole hook.
            var owner = hooks[region.Method.IsEmpty ? 0 : region.Index];
            return (owner, HookSpans.Trimmed(owner));
        }

        /// <summary>The offset of a zero-based line and character, clamped to the hook's code.</summary>
        private static int Offset(HookModel hook, Microsoft.CodeAnalysis.Text.LinePosition position)
        {
            var text = hook.Source.Text;
            var offset = 0;
            for (var line = 0; line < position.Line && offset < text.Length; line++)
            {
                var next = text.IndexOf('\n', offset);
                offset = next < 0 ? text.Length : next + 1;
            }

            return Math.Clamp(offset + position.Character, hook.CodeSpan.Start, hook.CodeSpan.End);
        }
    }
}
