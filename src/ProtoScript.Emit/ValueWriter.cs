using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;

namespace ProtoScript.Emit;

/// <summary>
/// Writes any model value as a C# expression that rebuilds it: records through their primary
/// constructor plus every public <c>init</c> property, immutable arrays, enums and numbers as
/// exact literals. It works from the types themselves, so fields added to the model later are
/// emitted without changes here; a type it cannot write is a clear <see cref="NotSupportedException"/>.
/// </summary>
/// <remarks>
/// An object reached more than once (a hook that is both in <c>Hooks</c> and a rollup's
/// <c>OrderingHook</c>, the file text shared by all hooks) is built once into a local, so the
/// rebuilt model shares it the same way.
/// </remarks>
internal sealed class ValueWriter
{
    private const int MaxDepth = 64;
    private const int LineLimit = 120;

    private readonly Dictionary<object, int> _references = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, string> _locals = new(ReferenceEqualityComparer.Instance);
    private readonly List<(string Name, string Expression)> _declarations = [];

    /// <summary>The locals to declare before the expression, dependencies first.</summary>
    public IReadOnlyList<(string Name, string Expression)> Declarations => _declarations;

    /// <summary>Writes the expression for a root value; call once per writer.</summary>
    public string Write(object value)
    {
        Count(value, 0);
        return Expression(value, false, 0);
    }

    private void Count(object? value, int depth)
    {
        if (value is null || value is string || value.GetType().IsValueType && !IsComposite(value.GetType()))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            throw new NotSupportedException("the model is nested more than " + MaxDepth + " levels deep (a cycle?)");
        }

        if (!value.GetType().IsValueType)
        {
            _references[value] = _references.GetValueOrDefault(value) + 1;
            if (_references[value] > 1)
            {
                return;
            }
        }

        foreach (var child in Children(value))
        {
            Count(child, depth + 1);
        }
    }

    private IEnumerable<object?> Children(object value)
    {
        if (value is IEnumerable items and not string)
        {
            if (IsImmutableArray(value.GetType()) && IsDefaultImmutableArray(value))
            {
                yield break;
            }

            foreach (var item in items)
            {
                yield return item;
            }

            yield break;
        }

        var shape = Shape.Of(value.GetType());
        foreach (var p in shape.Arguments.Concat(shape.Initializers))
        {
            yield return p.GetValue(value);
        }
    }

    private string Expression(object? value, bool nullable, int depth)
    {
        if (value is null)
        {
            // A null where the model says "never null" (a default struct's string) is still rebuilt exactly.
            return nullable ? "null" : "null!";
        }

        var type = value.GetType();
        if (Leaf(value) is { } leaf)
        {
            return leaf;
        }

        if (!type.IsValueType && _references.GetValueOrDefault(value) > 1)
        {
            if (_locals.TryGetValue(value, out var existing))
            {
                return existing;
            }

            var expression = Build(value, type, depth);
            var name = Camel(type.Name) + _declarations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _locals.Add(value, name);
            _declarations.Add((name, expression));
            return name;
        }

        return Build(value, type, depth);
    }

    private string Build(object value, Type type, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new NotSupportedException("the model is nested more than " + MaxDepth + " levels deep (a cycle?)");
        }

        if (IsImmutableArray(type))
        {
            var element = type.GetGenericArguments()[0];
            var arrayType = TypeName(type);
            if (IsDefaultImmutableArray(value))
            {
                return "default(" + arrayType + ")";
            }

            var items = ((IEnumerable)value).Cast<object?>().Select(i => Expression(i, false, depth + 1)).ToList();
            return items.Count == 0
                ? arrayType + ".Empty"
                : Call("global::System.Collections.Immutable.ImmutableArray.Create<" + TypeName(element) + ">", items);
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var items = ((IEnumerable)value).Cast<object?>().Select(i => Expression(i, false, depth + 1)).ToList();
            return Call("new " + TypeName(element) + "[]", items, "{", "}");
        }

        var shape = Shape.Of(type);
        var arguments = shape.Arguments.Select(p => Expression(p.GetValue(value), Shape.IsNullable(p), depth + 1)).ToList();
        var text = Call("new " + TypeName(type), arguments);
        if (shape.Initializers.Count == 0)
        {
            return text;
        }

        var inits = shape.Initializers.Select(p => p.Name + " = " + Expression(p.GetValue(value), Shape.IsNullable(p), depth + 1)).ToList();
        return text + "\n{\n" + string.Concat(inits.Select(i => Indent(i) + ",\n")) + "}";
    }

    private static string Call(string head, List<string> arguments, string open = "(", string close = ")")
    {
        var flat = head + open + string.Join(", ", arguments) + close;
        if (arguments.Count == 0 || (flat.Length <= LineLimit && !flat.Contains('\n', StringComparison.Ordinal)))
        {
            return arguments.Count == 0 && open == "(" ? head + "()" : flat;
        }

        var sb = new StringBuilder(head).Append(open).Append('\n');
        for (var i = 0; i < arguments.Count; i++)
        {
            sb.Append(Indent(arguments[i])).Append(i < arguments.Count - 1 ? ",\n" : close);
        }

        return sb.ToString();
    }

    private static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);

    private static string? Leaf(object value) => value switch
    {
        string s => CSharpLiterals.String(s),
        bool b => CSharpLiterals.Boolean(b),
        int i => CSharpLiterals.Int32(i),
        long l => CSharpLiterals.Int64(l),
        ulong u => CSharpLiterals.UInt64(u),
        uint u => u.ToString(System.Globalization.CultureInfo.InvariantCulture) + "U",
        double d => CSharpLiterals.Double(d),
        decimal m => CSharpLiterals.Decimal(m),
        UInt128 u => CSharpLiterals.UInt128(u),
        Enum e => EnumLiteral(e),
        _ => null,
    };

    private static string EnumLiteral(Enum value)
    {
        var type = TypeName(value.GetType());
        return Enum.IsDefined(value.GetType(), value)
            ? type + "." + value
            : "(" + type + ")(" + Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    private static bool IsComposite(Type type) => !type.IsPrimitive && !type.IsEnum && type != typeof(decimal) && type != typeof(UInt128);

    private static bool IsImmutableArray(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

    private static bool IsDefaultImmutableArray(object value) => (bool)value.GetType().GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!;

    private static string Camel(string name)
    {
        var letters = new string([.. name.TakeWhile(c => c != '`').Where(char.IsAsciiLetterOrDigit)]);
        return letters.Length == 0 ? "value" : char.ToLowerInvariant(letters[0]) + letters[1..];
    }

    /// <summary>The C# name of a type, fully qualified with <c>global::</c>.</summary>
    internal static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner) + "?";
        }

        if (type == typeof(string))
        {
            return "string";
        }

        if (type.IsPrimitive)
        {
            return "global::" + type.FullName;
        }

        var name = type.IsNested ? TypeName(type.DeclaringType!) + "." + type.Name : "global::" + type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }

    /// <summary>How a type is rebuilt: the constructor's parameters, then the remaining settable properties.</summary>
    private sealed record Shape(IReadOnlyList<PropertyInfo> Arguments, IReadOnlyList<PropertyInfo> Initializers)
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Shape> Cache = new();

        public static Shape Of(Type type) => Cache.GetOrAdd(type, Create);

        /// <summary>Whether the property is declared nullable (<c>T?</c>), so that null needs no <c>!</c>.</summary>
        public static bool IsNullable(PropertyInfo property) =>
            Nullable.GetUnderlyingType(property.PropertyType) is not null
            || new NullabilityInfoContext().Create(property).ReadState != NullabilityState.NotNull;

        private static Shape Create(Type type)
        {
            // Metadata order is declaration order; sorting by token keeps it on every runtime.
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
                .OrderBy(p => p.MetadataToken)
                .ToList();
            var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                .Select(c => (Constructor: c, Properties: c.GetParameters().Select(a => properties.FirstOrDefault(p => string.Equals(p.Name, a.Name, StringComparison.OrdinalIgnoreCase) && a.ParameterType == p.PropertyType)).ToList()))
                .Where(c => c.Properties.All(p => p is not null))
                .OrderByDescending(c => c.Properties.Count)
                .FirstOrDefault();
            if (constructor.Constructor is null)
            {
                throw new NotSupportedException("ProtoScript.Emit cannot write a value of type " + type.FullName + ": it has no public constructor whose parameters are its properties");
            }

            var arguments = constructor.Properties.Select(p => p!).ToList();
            var initializers = properties.Where(p => !arguments.Contains(p) && p.SetMethod is { IsPublic: true }).ToList();
            return new Shape(arguments, initializers);
        }
    }
}
