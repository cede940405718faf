using System.Collections.Frozen;

namespace ProtoScript.Language.Binding;

/// <summary>
/// The physical dimension of a quantity, as exponents of the base dimensions, so that
/// <c>50 / s</c> is a rate and <c>2 s + 1 gwei</c> is an error.
/// </summary>
/// <param name="Time">Exponent of time (base unit: microsecond).</param>
/// <param name="Ether">Exponent of ether amounts (base unit: wei).</param>
/// <param name="Gas">Exponent of gas.</param>
/// <param name="Bytes">Exponent of bytes.</param>
/// <param name="Bits">Exponent of bits.</param>
public readonly record struct Dimension(int Time, int Ether, int Gas, int Bytes, int Bits)
{
    /// <summary>A plain number.</summary>
    public static Dimension None => default;

    /// <summary>A span of time.</summary>
    public static Dimension Duration => new(1, 0, 0, 0, 0);

    /// <summary>An amount of ether.</summary>
    public static Dimension Ether1 => new(0, 1, 0, 0, 0);

    /// <summary>An amount of gas.</summary>
    public static Dimension Gas1 => new(0, 0, 1, 0, 0);

    /// <summary>A number of bytes.</summary>
    public static Dimension Bytes1 => new(0, 0, 0, 1, 0);

    /// <summary>A number of bits.</summary>
    public static Dimension Bits1 => new(0, 0, 0, 0, 1);

    /// <summary>Events per unit of time.</summary>
    public static Dimension Rate => new(-1, 0, 0, 0, 0);

    /// <summary>Product of two dimensions.</summary>
    public static Dimension operator *(Dimension a, Dimension b) =>
        new(a.Time + b.Time, a.Ether + b.Ether, a.Gas + b.Gas, a.Bytes + b.Bytes, a.Bits + b.Bits);

    /// <summary>Quotient of two dimensions.</summary>
    public static Dimension operator /(Dimension a, Dimension b) =>
        new(a.Time - b.Time, a.Ether - b.Ether, a.Gas - b.Gas, a.Bytes - b.Bytes, a.Bits - b.Bits);

    /// <summary>Describes the dimension for diagnostics: "a time (ms, s, min, h)".</summary>
    public string Describe()
    {
        if (this == None)
        {
            return "a plain number";
        }

        if (this == Duration)
        {
            return "a time (ms, s, min, h)";
        }

        if (this == Ether1)
        {
            return "an ether amount (wei, gwei, eth)";
        }

        if (this == Gas1)
        {
            return "an amount of gas (gas)";
        }

        if (this == Bytes1)
        {
            return "a size (B, KiB, MiB)";
        }

        if (this == Bits1)
        {
            return "a number of bits (bits)";
        }

        if (this == Rate)
        {
            return "a rate (e.g. 50 / s)";
        }

        if (this == Ether1 / Gas1)
        {
            return "a price per gas (e.g. 1 gwei)";
        }

        var parts = new List<string>();
        void Part(string n, int e)
        {
            if (e != 0)
            {
                parts.Add(e == 1 ? n : FormattableString.Invariant($"{n}^{e}"));
            }
        }

        Part("time", Time);
        Part("ether", Ether);
        Part("gas", Gas);
        Part("bytes", Bytes);
        Part("bits", Bits);
        return "a quantity of " + string.Join("·", parts);
    }
}

/// <summary>A unit the language knows: its dimension and its size in base units.</summary>
/// <param name="Name">How it is written.</param>
/// <param name="Dimension">What it measures.</param>
/// <param name="Factor">How many base units one of it is.</param>
public sealed record UnitInfo(string Name, Dimension Dimension, decimal Factor);

/// <summary>The table of units.</summary>
public static class Units
{
    /// <summary>Every built-in unit by name.</summary>
    public static readonly FrozenDictionary<string, UnitInfo> All = new UnitInfo[]
    {
        new("us", Dimension.Duration, 1m),
        new("ms", Dimension.Duration, 1_000m),
        new("s", Dimension.Duration, 1_000_000m),
        new("min", Dimension.Duration, 60_000_000m),
        new("h", Dimension.Duration, 3_600_000_000m),
        new("wei", Dimension.Ether1, 1m),
        new("gwei", Dimension.Ether1, 1_000_000_000m),
        new("eth", Dimension.Ether1, 1_000_000_000_000_000_000m),
        new("gas", Dimension.Gas1, 1m),
        new("B", Dimension.Bytes1, 1m),
        new("KiB", Dimension.Bytes1, 1024m),
        new("MiB", Dimension.Bytes1, 1024m * 1024m),
        new("bits", Dimension.Bits1, 1m),
    }.ToFrozenDictionary(u => u.Name, StringComparer.Ordinal);

    /// <summary>Units listed in a hint for a dimension, e.g. "ms, s, min, h".</summary>
    public static string NamesFor(Dimension dimension) =>
        string.Join(", ", All.Values.Where(u => u.Dimension == dimension).OrderBy(u => u.Factor).Select(u => u.Name));
}
