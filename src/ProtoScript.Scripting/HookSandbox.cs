using System.Collections.Frozen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Scripting;

/// <summary>One sandbox violation, at a location in the generated tree.</summary>
internal sealed record SandboxViolation(string Code, Location Location, string Message, string Hint);

/// <summary>
/// The semantic check that keeps hooks inside the sandbox. It works on bound symbols, not
/// on names, so a fully qualified name, a <c>global::</c> prefix or an alias reaches the
/// same verdict as the short name. Allowed: the types of <see cref="AllowedNamespaces"/>,
/// minus those that reach the machine, the wall clock, unseeded randomness, the garbage
/// collector or reflection.
/// </summary>
internal static class HookSandbox
{
    /// <summary>Namespaces whose types hooks may use (exactly these, not their sub-namespaces).</summary>
    public static readonly FrozenSet<string> AllowedNamespaces = FrozenSet.Create(
        StringComparer.Ordinal, "System", "System.Collections.Generic", "System.Linq", "System.Numerics", "ProtoScript.Hooks", "ProtoScript.Generated");

    private const string Reflection = "reflection is outside the sandbox: a hook sees only its own parameters";
    private const string Machine = "the process, its environment and the machine are outside the sandbox";
    private const string WallClock = "hooks see simulated time only, never the wall clock, so that runs are deterministic";
    private const string Hashing = "hash codes are randomized per process, so they would make runs differ";

    private static readonly FrozenDictionary<string, string> DeniedTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System.Environment"] = Machine,
        ["System.AppDomain"] = Machine,
        ["System.AppContext"] = Machine,
        ["System.OperatingSystem"] = Machine,
        ["System.Console"] = "hooks have no console or file I/O; return a value instead",
        ["System.GC"] = "hooks may not control the garbage collector",
        ["System.GCGenerationInfo"] = "hooks may not observe the garbage collector",
        ["System.GCMemoryInfo"] = "hooks may not observe the garbage collector",
        ["System.WeakReference"] = "weak references depend on when the garbage collector runs",
        ["System.WeakReference`1"] = "weak references depend on when the garbage collector runs",
        ["System.Random"] = "System.Random is not seeded by the scenario; use the scenario's random stream",
        ["System.Type"] = Reflection,
        ["System.Activator"] = Reflection,
        ["System.RuntimeTypeHandle"] = Reflection,
        ["System.RuntimeMethodHandle"] = Reflection,
        ["System.RuntimeFieldHandle"] = Reflection,
        ["System.ModuleHandle"] = Reflection,
        ["System.TypedReference"] = Reflection,
        ["System.ArgIterator"] = Reflection,
        ["System.RuntimeArgumentHandle"] = Reflection,
        ["System.MarshalByRefObject"] = Reflection,
        ["System.TimeProvider"] = WallClock,
        ["System.TimeZoneInfo"] = WallClock,
        ["System.HashCode"] = Hashing,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> DeniedMembers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System.DateTime.Now"] = WallClock,
        ["System.DateTime.UtcNow"] = WallClock,
        ["System.DateTime.Today"] = WallClock,
        ["System.DateTimeOffset.Now"] = WallClock,
        ["System.DateTimeOffset.UtcNow"] = WallClock,
        ["System.Guid.NewGuid"] = "System.Guid.NewGuid is random; use the scenario's random stream",
        ["System.Guid.CreateVersion7"] = WallClock,
        ["System.Object.GetType"] = Reflection,
        ["System.Delegate.DynamicInvoke"] = Reflection,
        ["System.Delegate.Method"] = Reflection,
        ["System.Delegate.Target"] = Reflection,
        ["System.Exception.TargetSite"] = Reflection,
        ["System.Exception.StackTrace"] = Reflection,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static List<SandboxViolation> Check(SemanticModel model, SyntaxNode root, IEnumerable<HookRegion> regions)
    {
        var violations = new List<SandboxViolation>();
        foreach (var region in regions)
        {
            var reported = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
            foreach (var node in root.DescendantNodes(region.Code))
            {
                if (!region.Code.Contains(node.Span) || reported.Any(r => r.Contains(node.Span)))
                {
                    continue;
                }

                if (CheckNode(model, node) is { } violation)
                {
                    violations.Add(violation);
                    reported.Add(node.Span);
                }
            }
        }

        return violations;
    }

    private static SandboxViolation? CheckNode(SemanticModel model, SyntaxNode node)
    {
        if (FeatureViolation(model, node) is { } feature)
        {
            return Feature(node.GetLocation(), feature);
        }

        if (node is not (ExpressionSyntax or AttributeSyntax))
        {
            return null;
        }

        var symbolInfo = model.GetSymbolInfo(node);
        if (symbolInfo.Symbol is { } symbol && SymbolViolation(symbol) is { } reason)
        {
            return Api(node.GetLocation(), Describe(symbol), reason);
        }

        var typeInfo = model.GetTypeInfo(node);
        foreach (var type in new[] { typeInfo.Type, typeInfo.ConvertedType })
        {
            // A dynamic value needs the word `dynamic` somewhere in the hook, which is
            // reported once, where it is written, by FeatureViolation.
            if (type is not null && TypeViolation(type) is { } typeReason)
            {
                return Api(node.GetLocation(), type.ToDisplayString(), typeReason);
            }
        }

        return null;
    }

    private static string? FeatureViolation(SemanticModel model, SyntaxNode node)
    {
        switch (node)
        {
            case UnsafeStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax or FixedStatementSyntax:
                return "unsafe code is not available to hooks";
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                return "`stackalloc` is not available to hooks: a large one would overflow the stack";
            case LockStatementSyntax:
                return "`lock` is not available to hooks: a hook runs on one thread";
            case AwaitExpressionSyntax:
                return "`await` is not available to hooks: a hook runs synchronously, on simulated time";
            case MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax:
                return "`__makeref`, `__reftype` and `__refvalue` are not available to hooks";
            case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.ExternKeyword):
                return "`extern` functions (P/Invoke) are not available to hooks";
            case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                return "unsafe code is not available to hooks";
            case LocalFunctionStatementSyntax local when local.Modifiers.Any(SyntaxKind.AsyncKeyword):
                return "`async` is not available to hooks: a hook runs synchronously, on simulated time";
            case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.AsyncKeyword):
                return "`async` is not available to hooks: a hook runs synchronously, on simulated time";
            case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.UnsafeKeyword):
                return "unsafe code is not available to hooks";
            case IdentifierNameSyntax { Identifier.Text: "dynamic" } name when model.GetTypeInfo(name).Type is IDynamicTypeSymbol:
                return "`dynamic` is not available to hooks: their code is checked before it runs";
            case ExpressionSyntax expression when expression.IsKind(SyntaxKind.ArgListExpression):
                return "`__arglist` is not available to hooks";
            default:
                return null;
        }
    }

    private static string? SymbolViolation(ISymbol symbol)
    {
        switch (symbol)
        {
            case INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol or IPreprocessingSymbol:
                return null;
            case ITypeSymbol type:
                return TypeViolation(type);
            case IAliasSymbol alias:
                return SymbolViolation(alias.Target);
        }

        if (symbol.ContainingType is not { } containing)
        {
            return null;
        }

        if (TypeViolation(containing) is { } typeReason)
        {
            return typeReason;
        }

        var definition = symbol.OriginalDefinition;
        if (DeniedMembers.TryGetValue(MetadataName(definition.ContainingType) + "." + definition.Name, out var reason))
        {
            return reason;
        }

        if (symbol.Name == nameof(GetHashCode))
        {
            return Hashing;
        }

        if (symbol is IFieldSymbol { IsStatic: true, IsConst: false, IsReadOnly: false })
        {
            return "static mutable fields are not available to hooks: they would carry state from one run into the next";
        }

        if (symbol is IMethodSymbol method)
        {
            foreach (var argument in method.TypeArguments)
            {
                if (TypeViolation(argument) is { } argumentReason)
                {
                    return argumentReason;
                }
            }
        }

        return null;
    }

    private static string? TypeViolation(ITypeSymbol type)
    {
        switch (type)
        {
            case IErrorTypeSymbol or ITypeParameterSymbol:
                return null;
            case IDynamicTypeSymbol:
                return null;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "unsafe code is not available to hooks";
            case IArrayTypeSymbol array:
                return TypeViolation(array.ElementType);
            case INamedTypeSymbol named:
                if (named.IsAnonymousType)
                {
                    return null;
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (TypeViolation(argument) is { } argumentReason)
                    {
                        return argumentReason;
                    }
                }

                var outermost = named.OriginalDefinition;
                while (outermost.ContainingType is { } outer)
                {
                    outermost = outer;
                }

                var ns = outermost.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                if (!AllowedNamespaces.Contains(ns))
                {
                    return NamespaceReason(ns);
                }

                return DeniedTypes.TryGetValue(MetadataName(outermost), out var reason) ? reason : null;
            default:
                return null;
        }
    }

    private static string NamespaceReason(string ns)
    {
        static bool Under(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
        return ns switch
        {
            _ when Under(ns, "System.IO") => "files are outside the sandbox",
            _ when Under(ns, "System.Net") => "the network is outside the sandbox",
            _ when Under(ns, "System.Threading") => "threads and tasks are outside the sandbox: a hook runs synchronously, on simulated time",
            _ when Under(ns, "System.Diagnostics") => "processes, stopwatches and debuggers are outside the sandbox",
            _ when Under(ns, "System.Reflection") || Under(ns, "System.Runtime") => Reflection,
            _ => "hooks may use only the namespaces System, System.Collections.Generic, System.Linq, System.Numerics and ProtoScript.Hooks",
        };
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        var name = type.ContainingType is { } outer ? MetadataName(outer) + "+" + type.MetadataName : type.MetadataName;
        return type.ContainingType is null && ns.Length > 0 ? ns + "." + name : name;
    }

    private static string Describe(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    private static SandboxViolation Api(Location location, string what, string reason) => new(
        DiagnosticCodes.HookForbiddenApi,
        location,
        $"`{what}` is not available to hooks: {reason}",
        "hooks may use System (without I/O, reflection, the clock or GC), System.Linq, System.Collections.Generic, System.Numerics and their own parameters; see docs/hooks.md");

    private static SandboxViolation Feature(Location location, string message) => new(
        DiagnosticCodes.HookForbiddenFeature,
        location,
        message,
        "see docs/hooks.md for what hook code may do");
}
