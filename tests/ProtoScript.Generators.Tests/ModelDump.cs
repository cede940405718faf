using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace ProtoScript.Generators.Tests;

/// <summary>
/// Writes every public property of a model, recursively, as text: two models with the same
/// dump are equal field by field. Reflection rather than a hand-written list, so that a field
/// added to the model later is compared without anyone remembering to add it here.
/// </summary>
internal static class ModelDump
{
    public static string Of(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > 20)
        {
            throw new InvalidOperationException("model nesting deeper than expected: a cycle?");
        }

        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case string s:
                sb.Append('"').Append(s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
                return;
            case double d:
                // The bits, so that -0, NaN payloads and the last digit all count.
                sb.Append(CultureInfo.InvariantCulture, $"{d.ToString("R", CultureInfo.InvariantCulture)}[{BitConverter.DoubleToInt64Bits(d):x16}]");
                return;
            case decimal m:
                sb.Append(m.ToString(CultureInfo.InvariantCulture)).Append('m');
                return;
            case Enum e:
                sb.Append(e.GetType().Name).Append('.').Append(e);
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is UInt128:
                sb.Append(value.GetType().Name).Append(' ').Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>)
            && (bool)type.GetProperty("IsDefault")!.GetValue(value)!)
        {
            sb.Append("default");
            return;
        }

        if (value is IEnumerable items)
        {
            sb.Append('[');
            foreach (var item in items)
            {
                sb.Append('\n').Append(' ', (depth + 1) * 2);
                Write(sb, item, depth + 1);
            }

            sb.Append(']');
            return;
        }

        sb.Append(type.Name).Append(" {");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(' ', (depth + 1) * 2).Append(property.Name).Append(" = ");
            Write(sb, property.GetValue(value), depth + 1);
        }

        sb.Append('}');
    }
}
