using System.Collections.Frozen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Scripting;

/// <summary>One sandbox violation, at a location in the generated tree.</summary>
internal sealed record SandboxViolation(string Code, Location Location, string Message, string Hint);

/// <summary>
/// The semantic check that keeps hooks inside the sandbox. It works on bound symbols, not
/// on names, so a fully qualified name, a <c>global::</c> prefix or an alias reaches the
/// same verdict as the short name. Every type and member a hook names must be on
/// <see cref="HookAllowList"/>; the reasons below only explain a refusal better than "not on
/// the list" where a hook author is likely to reach for the API.
/// </summary>
internal static class HookSandbox
{
    private const string Reflection = "reflection is outside the sandbox: a hook sees only its own parameters";
    private const string Machine = "the process, its environment and the machine are outside the sandbox";
    private const string WallClock = "hooks see simulated time only, never the wall clock, so that runs are deterministic";
    private const string TimeZone = "the result depends on the machine's time zone; keep times in UTC or as `TimeSpan`s of simulated time";
    private const string Hashing = "hash codes are randomized per process, so they would make runs differ";
    private const string Threads = "it would run hook code on another thread or after the call returns, outside the budget and the run's order; a hook runs synchronously, on simulated time";
    private const string Exceptions = "an exception's text beyond its message (stack trace, source, data) depends on the build and the engine; read `Message` only";
    private const string Memory = "running out of memory is the budget's business (PS4005), not the hook's: use the exceptions of System that describe bad values";
    private const string StringOrder = "it orders strings with the default comparer, which is culture-sensitive and depends on the machine's culture data; pass `StringComparer.Ordinal`";
    private const string NotListed = "it is not on the hooks' allow-list (docs/hooks.md, \"The sandbox\")";

    /// <summary>Types refused with a reason of their own (they are not on the allow-list either way).</summary>
    private static readonly FrozenDictionary<string, string> TypeReasons = new Dictionary<string, string>(StringComparer.Ordinal)
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
        ["System.Random"] = "System.Random is not seeded by the scenario; use the scenario's random stream (`random`, where the site passes one)",
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
        ["System.Delegate"] = "a delegate may be created and called, nothing else: " + Reflection,
        ["System.MulticastDelegate"] = "a delegate may be created and called, nothing else: " + Reflection,
        ["System.TimeProvider"] = WallClock,
        ["System.TimeZoneInfo"] = TimeZone,
        ["System.DateTimeOffset"] = TimeZone,
        ["System.HashCode"] = Hashing,
        ["System.Progress`1"] = Threads,
        ["System.IProgress`1"] = Threads,
        ["System.Lazy`1"] = Threads + "; compute the value where it is needed",
        ["System.Lazy`2"] = Threads + "; compute the value where it is needed",
        ["System.EventHandler"] = Threads,
        ["System.EventHandler`1"] = Threads,
        ["System.AsyncCallback"] = Threads,
        ["System.IAsyncResult"] = Threads,
        ["System.IAsyncDisposable"] = Threads,
        ["System.OutOfMemoryException"] = Memory,
        ["System.InsufficientExecutionStackException"] = Memory,
        ["System.StackOverflowException"] = Memory,
        ["System.IntPtr"] = "`nint` and `IntPtr` have the machine's word size; use `long`",
        ["System.UIntPtr"] = "`nuint` and `UIntPtr` have the machine's word size; use `ulong`",
        ["System.Numerics.Vector"] = "SIMD vectors have the CPU's width (`Vector<T>.Count`, `IsHardwareAccelerated`); use scalar arithmetic",
        ["System.Numerics.Vector`1"] = "SIMD vectors have the CPU's width (`Vector<T>.Count`, `IsHardwareAccelerated`); use scalar arithmetic",
        ["System.Globalization.CultureInfo"] = "cultures differ between machines; the only one hooks may name is `CultureInfo.InvariantCulture`",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Members of allowed types refused with a reason of their own.</summary>
    private static readonly FrozenDictionary<string, string> MemberReasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System.DateTime.Now"] = WallClock,
        ["System.DateTime.UtcNow"] = WallClock,
        ["System.DateTime.Today"] = WallClock,
        ["System.DateTime.ToLocalTime"] = TimeZone,
        ["System.DateTime.ToUniversalTime"] = TimeZone,
        ["System.DateTime.ToFileTime"] = TimeZone,
        ["System.DateTime.FromFileTime"] = TimeZone,
        ["System.DateTime.IsDaylightSavingTime"] = TimeZone,
        ["System.DateTime.Parse"] = TimeZone,
        ["System.DateTime.TryParse"] = TimeZone,
        ["System.Guid.NewGuid"] = "System.Guid.NewGuid is random; use the scenario's random stream",
        ["System.Guid.CreateVersion7"] = WallClock,
        ["System.Object.GetType"] = Reflection,
        ["System.Exception.TargetSite"] = Exceptions,
        ["System.Exception.StackTrace"] = Exceptions,
        ["System.Exception.Source"] = Exceptions,
        ["System.Exception.ToString"] = Exceptions,
        ["System.Exception.Data"] = Exceptions,
        ["System.Exception.HelpLink"] = Exceptions,
        ["System.Exception.HResult"] = Exceptions,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Methods that order their elements, with the default comparer unless they are given one.</summary>
    private static readonly FrozenSet<string> OrderingMethods = FrozenSet.Create(
        StringComparer.Ordinal, "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending", "Min", "Max", "MinBy", "MaxBy", "Sort", "BinarySearch");

    public static List<SandboxViolation> Check(SemanticModel model, SyntaxNode root, IEnumerable<HookRegion> regions)
    {
        var violations = new List<SandboxViolation>();
        foreach (var region in regions)
        {
            var reported = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
            foreach (var token in root.DescendantTokens(region.Code))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && region.Code.Contains(token.Span) && token.ValueText.StartsWith(BudgetRewriter.ReservedPrefix, StringComparison.Ordinal))
                {
                    violations.Add(Feature(token.GetLocation(), $"names starting with `{BudgetRewriter.ReservedPrefix}` are reserved for the code the budget adds to hooks"));
                    reported.Add(token.Span);
                }
            }

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

        if (ExceptionEscape(node, typeInfo) is { } escape)
        {
            return Api(node.GetLocation(), typeInfo.Type!.ToDisplayString(), escape);
        }

        if (symbolInfo.Symbol is IPropertySymbol { Name: "Default", ContainingType: { Name: "Comparer", TypeArguments: [var compared] } } comparer && HoldsString(compared))
        {
            return Api(node.GetLocation(), Describe(comparer), StringOrder);
        }

        if (symbolInfo.Symbol is IMethodSymbol comparing && ComparesStrings(comparing))
        {
            return Api(node.GetLocation(), Describe(comparing), StringOrder);
        }

        if (symbolInfo.Symbol is IMethodSymbol method && node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax
            && model.GetOperation(node) is { } operation && CultureViolation(method, operation) is { } culture)
        {
            return Api(node.GetLocation(), Describe(method), culture);
        }

        return null;
    }

    /// <summary>
    /// An exception may be thrown, caught and asked for its <c>Message</c>; as an <c>object</c>,
    /// in an interpolation or as a type argument its <c>ToString()</c> (stack trace included)
    /// would be one virtual call away.
    /// </summary>
    private static string? ExceptionEscape(SyntaxNode node, TypeInfo typeInfo)
    {
        if (!IsException(typeInfo.Type))
        {
            return null;
        }

        if (node.Parent is InterpolationSyntax)
        {
            return Exceptions + " (`$\"{e.Message}\"`)";
        }

        var comparedToNull = node.Parent is BinaryExpressionSyntax binary && binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression;
        return typeInfo.ConvertedType is { } converted && !IsException(converted) && converted.TypeKind != TypeKind.Error && !comparedToNull
            ? Exceptions + " (it may not be converted to `" + converted.ToDisplayString() + "`)"
            : null;
    }

    private static bool IsException(ITypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t is INamedTypeSymbol { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Culture-sensitive string comparison depends on the machine's culture data (ICU and its
    /// version, or none at all), whatever the current culture: a <c>StringComparison</c> must be
    /// ordinal, and strings may be ordered only with a comparer the hook passes.
    /// </summary>
    private static string? CultureViolation(IMethodSymbol method, IOperation operation)
    {
        var arguments = operation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => [],
        };

        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Type is { Name: "StringComparison", ContainingNamespace.Name: "System" }
                && argument.Value.ConstantValue is not { HasValue: true, Value: (int)StringComparison.Ordinal or (int)StringComparison.OrdinalIgnoreCase })
            {
                return "only `StringComparison.Ordinal` and `StringComparison.OrdinalIgnoreCase`, written as constants, are deterministic: culture-sensitive comparison depends on the machine's culture data";
            }
        }

        var definition = method.ReducedFrom ?? method;
        var hasComparer = definition.Parameters.Any(p => p.Type is INamedTypeSymbol { Name: "IComparer" or "Comparison" or "StringComparer" });
        var hasComparison = definition.Parameters.Any(p => p.Type is { Name: "StringComparison" });
        var containing = definition.ContainingType;
        if (containing?.SpecialType == SpecialType.System_String
            && method.Name is "Compare" or "StartsWith" or "EndsWith" or "IndexOf" or "LastIndexOf"
            && !hasComparison
            && (method.Name == "Compare" || method.Parameters.FirstOrDefault()?.Type.SpecialType == SpecialType.System_String))
        {
            return "it compares by the current culture, whose rules depend on the machine's culture data; pass `StringComparison.Ordinal`";
        }

        if (hasComparer)
        {
            return null;
        }

        ITypeSymbol? compared = null;
        if (method.MethodKind == MethodKind.Constructor && containing is { Name: "SortedSet" or "SortedDictionary" or "SortedList" or "PriorityQueue", ContainingNamespace.Name: "Generic" })
        {
            compared = containing.Name == "PriorityQueue" ? method.ContainingType.TypeArguments[1] : method.ContainingType.TypeArguments[0];
        }
        else if (OrderingMethods.Contains(method.Name))
        {
            compared = method.Name switch
            {
                "Min" or "Max" => method.ReturnType,
                "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "MinBy" or "MaxBy" when method.TypeArguments.Length == 2 => method.TypeArguments[1],
                _ when method.TypeArguments.Length > 0 => method.TypeArguments[0],
                _ when method.ContainingType.TypeArguments.Length > 0 => method.ContainingType.TypeArguments[0],
                _ => null,
            };
        }

        return compared is not null && HoldsString(compared) ? StringOrder : null;
    }

    /// <summary>Whether the default comparer of <paramref name="type"/> may compare strings: a string, an object, a type parameter, or a tuple of such.</summary>
    /// <param name="type">The compared type.</param>
    /// <param name="typeParameters">Whether a type parameter counts: not where its instantiations are checked where they are made.</param>
    private static bool HoldsString(ITypeSymbol type, bool typeParameters = true) => type.SpecialType is SpecialType.System_String or SpecialType.System_Object
        || (typeParameters && type is ITypeParameterSymbol)
        || (type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Any(e => HoldsString(e.Type, typeParameters)))
        || (type is INamedTypeSymbol { Name: "KeyValuePair" or "Nullable" or "Tuple" or "ValueTuple" } generic && generic.TypeArguments.Any(t => HoldsString(t, typeParameters)));

    /// <summary>A generic method whose type parameter must be comparable, given a string for it, compares strings by culture.</summary>
    private static bool ComparesStrings(IMethodSymbol method)
    {
        if (method is { Name: "CompareTo", ContainingType: { Name: "IComparable", TypeArguments: [var self] } } && HoldsString(self, typeParameters: false))
        {
            return true;
        }

        var definition = method.OriginalDefinition;
        for (var i = 0; i < method.TypeArguments.Length && i < definition.TypeParameters.Length; i++)
        {
            if (HoldsString(method.TypeArguments[i], typeParameters: false)
                && definition.TypeParameters[i].ConstraintTypes.Any(c => c.Name is "IComparable" or "IComparisonOperators" or "INumber"))
            {
                return true;
            }
        }

        return false;
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
            case IMethodSymbol { MethodKind: MethodKind.BuiltinOperator }:
                // The language's own operators on primitives, references and enums.
                return null;
        }

        if (symbol.ContainingType is not { } containing)
        {
            return null;
        }

        if (TypeViolation(containing) is { } typeReason)
        {
            return typeReason;
        }

        var definition = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced.OriginalDefinition : symbol.OriginalDefinition;
        var owner = definition.ContainingType;
        var key = MetadataName(owner) + "." + definition.Name;
        if (MemberReasons.TryGetValue(key, out var reason) || HookAllowList.RefusedMembers.TryGetValue(key, out reason))
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
                if (TypeViolation(argument, asArgument: true) is { } argumentReason)
                {
                    return argumentReason;
                }
            }
        }

        if (owner.SpecialType is SpecialType.System_Double or SpecialType.System_Single && HookAllowList.TranscendentalNames.Contains(definition.Name))
        {
            return HookAllowList.Transcendental;
        }

        if (!Listed(owner, out var members))
        {
            return TypeViolation(owner) ?? NotListed;
        }

        if (members is not null && !members.Contains(definition.Name))
        {
            if (owner.ToDisplayString() == "System.Math" && HookAllowList.TranscendentalNames.Contains(definition.Name))
            {
                return HookAllowList.Transcendental;
            }

            return $"of `{owner.ToDisplayString()}` hooks may use only {string.Join(", ", members.Order(StringComparer.Ordinal).Select(m => "`" + m + "`"))}";
        }

        return null;
    }

    /// <summary>Whether a type is allowed, and which of its members (null: all of them).</summary>
    private static bool Listed(INamedTypeSymbol definition, out FrozenSet<string>? members)
    {
        members = null;
        if (definition.IsAnonymousType)
        {
            return true;
        }

        var outermost = definition;
        while (outermost.ContainingType is { } outer)
        {
            outermost = outer;
        }

        var ns = outermost.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns is "ProtoScript.Hooks" or HookSource.DefaultNamespace)
        {
            return true;
        }

        if (HookAllowList.Types.TryGetValue(MetadataName(definition.OriginalDefinition), out members))
        {
            return true;
        }

        // The types nested in a type allowed whole: its enumerators and key collections.
        for (var outer = definition.OriginalDefinition.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (HookAllowList.Types.TryGetValue(MetadataName(outer), out var outerMembers) && outerMembers is null)
            {
                members = null;
                return true;
            }
        }

        return false;
    }

    private static string? TypeViolation(ITypeSymbol type, bool asArgument = false)
    {
        switch (type)
        {
            case IErrorTypeSymbol or ITypeParameterSymbol or { SpecialType: SpecialType.System_Void }:
                return null;
            case IDynamicTypeSymbol:
                return null;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "unsafe code is not available to hooks";
            case IArrayTypeSymbol array:
                return TypeViolation(array.ElementType, asArgument: true);
            case INamedTypeSymbol named:
                if (named.IsAnonymousType)
                {
                    // An anonymous object's ToString() prints its properties' ToString().
                    return named.GetMembers().OfType<IPropertySymbol>().Any(p => IsException(p.Type))
                        ? Exceptions + " (it may not be a property of an anonymous object)"
                        : null;
                }

                if (asArgument && IsException(named))
                {
                    return Exceptions + " (it may not be a type argument or an array element)";
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (TypeViolation(argument, asArgument: true) is { } argumentReason)
                    {
                        return argumentReason;
                    }
                }

                if (Listed(named, out _))
                {
                    return null;
                }

                var definition = named.OriginalDefinition;
                if (TypeReasons.TryGetValue(MetadataName(definition), out var reason))
                {
                    return reason;
                }

                var outermost = definition;
                while (outermost.ContainingType is { } outer)
                {
                    outermost = outer;
                }

                return NamespaceReason(outermost.ContainingNamespace?.ToDisplayString() ?? string.Empty);
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
            _ when Under(ns, "System.Threading") => "threads, tasks, timers and locks are outside the sandbox: " + Threads,
            _ when Under(ns, "System.Diagnostics") => "processes, stopwatches and debuggers are outside the sandbox",
            _ when Under(ns, "System.Reflection") || Under(ns, "System.Runtime") => Reflection,
            _ => NotListed,
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
        "hooks may use their parameters, the ProtoScript.Hooks API and the values, collections, LINQ and arithmetic docs/hooks.md lists under \"The sandbox\"");

    private static SandboxViolation Feature(Location location, string message) => new(
        DiagnosticCodes.HookForbiddenFeature,
        location,
        message,
        "see docs/hooks.md for what hook code may do");
}
