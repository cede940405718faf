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
/// <param name="Tokens">Exponent of amounts of the scenario's token <paramref name="Token"/>.</param>
/// <param name="Token">The token (e.g. <c>usdc</c>) when <paramref name="Tokens"/> is not zero.</param>
public readonly record struct Dimension(int Time, int Ether, int Gas, int Bytes, int Bits, int Tokens = 0, string? Token = null)
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

    /// <summary>An amount of the scenario's token <paramref name="name"/>.</summary>
    /// <param name="name">The token's unit name, e.g. <c>usdc</c>.</param>
    public static Dimension TokenAmount(string name) => new(0, 0, 0, 0, 0, 1, name);

    /// <summary>Product of two dimensions.</summary>
    public static Dimension operator *(Dimension a, Dimension b) =>
        WithToken(new(a.Time + b.Time, a.Ether + b.Ether, a.Gas + b.Gas, a.Bytes + b.Bytes, a.Bits + b.Bits, a.Tokens + b.Tokens), a, b);

    /// <summary>Quotient of two dimensions.</summary>
    public static Dimension operator /(Dimension a, Dimension b) =>
        WithToken(new(a.Time - b.Time, a.Ether - b.Ether, a.Gas - b.Gas, a.Bytes - b.Bytes, a.Bits - b.Bits, a.Tokens - b.Tokens), a, b);

    // Only one token per quantity is tracked; a product of two different tokens keeps both names joined so it never equals a one-token dimension.
    private static Dimension WithToken(Dimension d, Dimension a, Dimension b) =>
        d.Tokens == 0 && (a.Token is null || b.Token is null || a.Token == b.Token)
            ? d
            : d with { Token = a.Token is null ? b.Token : b.Token is null || b.Token == a.Token ? a.Token : a.Token + "·" + b.Token };

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

        if (Tokens == 1 && this == TokenAmount(Token!))
        {
            return $"an amount of {Token}";
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
        Part(Token ?? "token", Tokens);
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
        new("day", Dimension.Duration, 86_400_000_000m),
        new("year", Dimension.Duration, 365m * 86_400_000_000m),
        new("wei", Dimension.Ether1, 1m),
        new("gwei", Dimension.Ether1, 1_000_000_000m),
        new("eth", Dimension.Ether1, 1_000_000_000_000_000_000m),
        new("gas", Dimension.Gas1, 1m),
        new("B", Dimension.Bytes1, 1m),
        new("KiB", Dimension.Bytes1, 1024m),
        new("MiB", Dimension.Bytes1, 1024m * 1024m),
        new("bits", Dimension.Bits1, 1m),
    }.ToFrozenDictionary(u => u.Name, StringComparer.Ordinal);

    /// <summary>Spellings people reach for that are not units, and the unit they mean.</summary>
    public static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["sec"] = "s",
        ["secs"] = "s",
        ["second"] = "s",
        ["seconds"] = "s",
        ["msec"] = "ms",
        ["millis"] = "ms",
        ["usec"] = "us",
        ["µs"] = "us",
        ["m"] = "min",
        ["mins"] = "min",
        ["minute"] = "min",
        ["minutes"] = "min",
        ["hr"] = "h",
        ["hour"] = "h",
        ["hours"] = "h",
        ["d"] = "day",
        ["days"] = "day",
        ["y"] = "year",
        ["yr"] = "year",
        ["years"] = "year",
        ["ether"] = "eth",
        ["ETH"] = "eth",
        ["Gwei"] = "gwei",
        ["GWEI"] = "gwei",
        ["b"] = "B",
        ["bytes"] = "B",
        ["kib"] = "KiB",
        ["KB"] = "KiB",
        ["kB"] = "KiB",
        ["mib"] = "MiB",
        ["MB"] = "MiB",
        ["bit"] = "bits",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Units listed in a hint for a dimension, e.g. "ms, s, min, h".</summary>
    public static string NamesFor(Dimension dimension) =>
        string.Join(", ", All.Values.Where(u => u.Dimension == dimension).OrderBy(u => u.Factor).Select(u => u.Name));
}
