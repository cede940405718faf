using System.Globalization;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Document;

/// <summary>What a report value is, which fixes its unit, how a metric reads it, and its JSON type.</summary>
public enum ReportValueKind
{
    /// <summary>A count (JSON integer).</summary>
    Count,

    /// <summary>A count that may exceed what JSON numbers carry exactly, 2^53 (JSON decimal string).</summary>
    BigCount,

    /// <summary>Gas (JSON integer).</summary>
    Gas,

    /// <summary>Bytes (JSON integer).</summary>
    Bytes,

    /// <summary>Basis points (JSON integer).</summary>
    BasisPoints,

    /// <summary>Ether in wei (JSON decimal string, since wei exceed what JSON numbers carry exactly).</summary>
    Wei,

    /// <summary>Simulated time in microseconds (JSON integer); may be not available (JSON null, text <c>n/a</c>).</summary>
    Duration,

    /// <summary>A token amount in its smallest units, with its decimals and unit name (JSON decimal string).</summary>
    Token,

    /// <summary>A ratio of two integers, rounded half up to a number of decimals (text only).</summary>
    Ratio,

    /// <summary>A statistic over runs, a real number in a metric's base unit (JSON number); null when not available.</summary>
    Real,

    /// <summary>Text (JSON string).</summary>
    Text,

    /// <summary>A hash, e.g. a state root (JSON string).</summary>
    Hash,

    /// <summary>Yes or no (JSON boolean, text <c>yes</c>/<c>NO</c>).</summary>
    Flag,

    /// <summary>Nothing (JSON null), where a JSON reader expects an absent section.</summary>
    Null,
}

/// <summary>How a value is written in the text report; JSON always carries the exact base unit.</summary>
public enum TextStyle
{
    /// <summary>The plain number or text.</summary>
    Plain,

    /// <summary>Wei as ether.</summary>
    Ether,

    /// <summary>Wei as gwei.</summary>
    Gwei,

    /// <summary>Wei as ether with gwei alongside.</summary>
    EtherAndGwei,

    /// <summary>A duration as written in scenarios (e.g. <c>2 s</c>, <c>250 ms</c>).</summary>
    Clock,

    /// <summary>A duration in seconds with three decimals.</summary>
    Seconds,
}

/// <summary>
/// One typed value of a report document: exact integers (with a sign, up to 128 bits),
/// durations, wei and token amounts, ratios, text, hashes and flags.
/// </summary>
public readonly record struct ReportValue
{
    private ReportValue(ReportValueKind kind, UInt128 magnitude, bool negative = false)
    {
        Kind = kind;
        Magnitude = magnitude;
        Negative = negative && magnitude != 0;
    }

    /// <summary>What the value is.</summary>
    public ReportValueKind Kind { get; }

    /// <summary>The absolute value of a numeric value (in its base unit: wei, microseconds, smallest token units).</summary>
    public UInt128 Magnitude { get; }

    /// <summary>Whether a numeric value is below zero.</summary>
    public bool Negative { get; }

    /// <summary>A ratio's denominator.</summary>
    public UInt128 Denominator { get; private init; }

    /// <summary>Decimals of a token amount or a ratio.</summary>
    public int Decimals { get; private init; }

    /// <summary>The text of a text or hash value; a token's unit name.</summary>
    public string? Text { get; private init; }

    /// <summary>How the text report writes it.</summary>
    public TextStyle Style { get; private init; }

    /// <summary>Appended to the text report's number (e.g. <c> bp</c>).</summary>
    public string? Suffix { get; private init; }

    /// <summary>False for a statistic over no samples: text <c>n/a</c>, JSON null; metrics read its stored value.</summary>
    public bool Available { get; private init; } = true;

    /// <summary>A real number's value.</summary>
    public double Number { get; private init; }

    /// <summary>The metric unit a real number is in (which fixes how text writes it).</summary>
    public MetricUnit Unit { get; private init; }

    /// <summary>A flag's value.</summary>
    public bool IsTrue => Kind == ReportValueKind.Flag && Magnitude != 0;

    /// <summary>The signed integer value.</summary>
    public Int128 Signed => Negative ? -(Int128)Magnitude : (Int128)Magnitude;

#pragma warning disable CS1591 // The factories are named for the kind they make.
    public static ReportValue Count(long value, string? suffix = null) => new(ReportValueKind.Count, (UInt128)Int128.Abs((Int128)value), value < 0) { Suffix = suffix };

    public static ReportValue Count(ulong value) => new(ReportValueKind.Count, value);

    public static ReportValue BigCount(UInt128 value) => new(ReportValueKind.BigCount, value);

    public static ReportValue BigCount(Int128 value) => new(ReportValueKind.BigCount, (UInt128)Int128.Abs(value), Int128.IsNegative(value));

    public static ReportValue Gas(ulong value) => new(ReportValueKind.Gas, value);

    public static ReportValue Gas(long value) => new(ReportValueKind.Gas, (UInt128)Int128.Abs((Int128)value), value < 0);

    public static ReportValue Bytes(long value, string? suffix = null) => new(ReportValueKind.Bytes, (UInt128)Int128.Abs((Int128)value), value < 0) { Suffix = suffix };

    public static ReportValue BasisPoints(ulong value, string? suffix = " bp") => new(ReportValueKind.BasisPoints, value) { Suffix = suffix };

    public static ReportValue Wei(UInt128 wei, TextStyle style, bool available = true) => new(ReportValueKind.Wei, wei) { Style = style, Available = available };

    public static ReportValue SignedWei(Int128 wei, TextStyle style) =>
        new(ReportValueKind.Wei, Int128.IsNegative(wei) ? (UInt128)(-wei) : (UInt128)wei, Int128.IsNegative(wei)) { Style = style };

    public static ReportValue Duration(SimDuration duration, TextStyle style = TextStyle.Clock, bool available = true) =>
        new(ReportValueKind.Duration, (UInt128)Int128.Abs((Int128)duration.Microseconds), duration.Microseconds < 0) { Style = style, Available = available };

    public static ReportValue Token(UInt128 amount, int decimals, string unit) => new(ReportValueKind.Token, amount) { Decimals = decimals, Text = unit };

    public static ReportValue SignedToken(Int128 amount, int decimals, string unit) =>
        new(ReportValueKind.Token, Int128.IsNegative(amount) ? (UInt128)(-amount) : (UInt128)amount, Int128.IsNegative(amount)) { Decimals = decimals, Text = unit };

    public static ReportValue Ratio(UInt128 numerator, UInt128 denominator, int decimals = 2, string? suffix = null) =>
        new(ReportValueKind.Ratio, numerator) { Denominator = denominator, Decimals = decimals, Suffix = suffix };

    public static ReportValue Of(string text) => new(ReportValueKind.Text, 0) { Text = text };

    public static ReportValue Hash(string hash) => new(ReportValueKind.Hash, 0) { Text = hash };

    public static ReportValue Flag(bool value) => new(ReportValueKind.Flag, value ? 1u : 0u);

    public static ReportValue Null() => new(ReportValueKind.Null, 0);

    public static ReportValue Real(double? value, MetricUnit unit) => new(ReportValueKind.Real, 0) { Number = value ?? 0, Unit = unit, Available = value is not null };

    /// <summary>A statistic of token amounts in smallest units: text shows whole tokens (divided by 10^<paramref name="decimals"/>).</summary>
    public static ReportValue Real(double? value, MetricUnit unit, int decimals) => Real(value, unit) with { Decimals = decimals };
#pragma warning restore CS1591

    /// <summary>
    /// The value in the base unit its JSON carries: smallest units for token amounts (where
    /// <see cref="ToMetric"/> gives whole tokens, as expectations compare them), else as <see cref="ToMetric"/>.
    /// </summary>
    public decimal ToBaseUnits() => Kind == ReportValueKind.Token ? (Negative ? -(decimal)Magnitude : (decimal)Magnitude) : ToMetric();

    /// <summary>The value as an expectation compares it, in the metric's base unit (whole tokens for token amounts).</summary>
    public decimal ToMetric() => Kind switch
    {
        ReportValueKind.Token => Negative ? TokenFormat.SignedTokenValue(Signed, Decimals) : TokenFormat.TokenValue(Magnitude, Decimals),
        ReportValueKind.Real => (decimal)Number,
        ReportValueKind.Text or ReportValueKind.Hash or ReportValueKind.Ratio or ReportValueKind.Null => throw new InvalidOperationException($"a {Kind} value is not a metric"),
        _ => Negative ? -(decimal)Magnitude : (decimal)Magnitude,
    };

    /// <summary>The value as the text report writes it.</summary>
    public string ToText()
    {
        var sign = Negative ? "-" : string.Empty;
        return Kind switch
        {
            ReportValueKind.Text or ReportValueKind.Hash => Text!,
            ReportValueKind.Flag => IsTrue ? "yes" : "NO",
            ReportValueKind.Null => string.Empty,
            ReportValueKind.Wei or ReportValueKind.Duration when !Available => "n/a",
            ReportValueKind.Real when !Available => "—",
            ReportValueKind.Real => Unit switch
            {
                // Times in seconds and amounts in gwei, three decimals; counts and gas with two.
                MetricUnit.Time => (Number / 1e6).ToString("F3", CultureInfo.InvariantCulture),
                MetricUnit.Wei => (Number / 1e9).ToString("F3", CultureInfo.InvariantCulture),
                MetricUnit.Quote when Decimals > 0 => (Number / Math.Pow(10, Decimals)).ToString("F2", CultureInfo.InvariantCulture),
                _ => Number.ToString("F2", CultureInfo.InvariantCulture),
            },
            ReportValueKind.Wei => Style switch
            {
                TextStyle.Ether => Language.Model.Wei.FormatEther(Magnitude),
                TextStyle.Gwei => Language.Model.Wei.FormatGwei(Magnitude),
                _ => ReportFormat.EtherAndGwei(Magnitude),
            },
            ReportValueKind.Duration => Style == TextStyle.Seconds ? ReportFormat.Seconds(new SimDuration((long)Signed)) : new SimDuration((long)Signed).ToString(),
            ReportValueKind.Token => Negative ? TokenFormat.SignedToken(Signed, Decimals, Text!) : TokenFormat.Token(Magnitude, Decimals, Text!),
            ReportValueKind.Ratio => ReportFormat.Ratio(Magnitude, Denominator, Decimals) + Suffix,
            _ => sign + Magnitude.ToString(CultureInfo.InvariantCulture) + Suffix,
        };
    }

    /// <summary>The integer as JSON's decimal string form writes it.</summary>
    internal string IntegerText => (Negative ? "-" : string.Empty) + Magnitude.ToString(CultureInfo.InvariantCulture);
}
