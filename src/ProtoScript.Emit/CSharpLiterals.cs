using System.Globalization;
using System.Text;

namespace ProtoScript.Emit;

/// <summary>
/// C# literals for the values a scenario model holds, written so that the compiled value is
/// bit-for-bit the value that was emitted and the text is the same on every machine.
/// </summary>
public static class CSharpLiterals
{
    /// <summary>A regular string literal; control and line-separator characters are escaped.</summary>
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    // Line separators end a regular literal; lone surrogates would not survive UTF-8.
                    if (char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' || char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>A string literal, or <c>null</c>.</summary>
    public static string NullableString(string? value) => value is null ? "null" : String(value);

    /// <summary>An <see cref="int"/> literal.</summary>
    public static string Int32(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A <see cref="long"/> literal.</summary>
    public static string Int64(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>A <see cref="ulong"/> literal.</summary>
    public static string UInt64(ulong value) => value.ToString(CultureInfo.InvariantCulture) + "UL";

    /// <summary>A <see cref="bool"/> literal.</summary>
    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>
    /// A <see cref="System.UInt128"/> expression: C# has no 128-bit literal, so values that fit
    /// in a <see cref="ulong"/> convert from one, and larger ones use the (upper, lower) constructor.
    /// </summary>
    public static string UInt128(UInt128 value) => value <= ulong.MaxValue
        ? "(global::System.UInt128)" + UInt64((ulong)value)
        : "new global::System.UInt128(" + UInt64((ulong)(value >> 64)) + ", " + UInt64((ulong)value) + ")";

    /// <summary>
    /// A <see cref="double"/> expression with the exact bits of <paramref name="value"/>: the
    /// shortest round-trip literal for finite values, the bit pattern for NaN, infinities and -0.
    /// </summary>
    public static string Double(double value)
    {
        if (!double.IsFinite(value) || (value == 0 && double.IsNegative(value)))
        {
            return "global::System.BitConverter.Int64BitsToDouble(" + Int64(BitConverter.DoubleToInt64Bits(value)) + ")";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text + "d";
    }

    /// <summary>A <see cref="decimal"/> literal; the scale (trailing zeros) is kept.</summary>
    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>A member access for an enum value, e.g. <c>global::N.E.Member</c>; undefined values are cast.</summary>
    public static string Enum<T>(T value)
        where T : struct, Enum
    {
        var type = "global::" + typeof(T).FullName!.Replace('+', '.');
        return System.Enum.IsDefined(value)
            ? type + "." + value.ToString()
            : "(" + type + ")(" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + ")";
    }
}
