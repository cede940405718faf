using System.Globalization;

namespace ProtoScript.Language.Model;

/// <summary>
/// A span of simulated time, stored as whole microseconds so that arithmetic on the
/// simulation clock is exact and independent of floating point.
/// </summary>
/// <param name="Microseconds">The length of the span in microseconds.</param>
public readonly record struct SimDuration(long Microseconds) : IComparable<SimDuration>
{
    /// <summary>Microseconds in one second.</summary>
    public const long MicrosPerSecond = 1_000_000;

    /// <summary>A zero-length span.</summary>
    public static SimDuration Zero => default;

    /// <summary>Creates a span from whole milliseconds.</summary>
    public static SimDuration FromMilliseconds(long ms) => new(checked(ms * 1000));

    /// <summary>Creates a span from whole seconds.</summary>
    public static SimDuration FromSeconds(long s) => new(checked(s * MicrosPerSecond));

    /// <summary>The span in seconds, for reporting only.</summary>
    public double TotalSeconds => Microseconds / (double)MicrosPerSecond;

    /// <inheritdoc />
    public int CompareTo(SimDuration other) => Microseconds.CompareTo(other.Microseconds);

    /// <summary>Adds two spans.</summary>
    public static SimDuration operator +(SimDuration a, SimDuration b) => new(checked(a.Microseconds + b.Microseconds));

    /// <summary>Subtracts two spans.</summary>
    public static SimDuration operator -(SimDuration a, SimDuration b) => new(checked(a.Microseconds - b.Microseconds));

    /// <summary>Compares two spans.</summary>
    public static bool operator <(SimDuration a, SimDuration b) => a.Microseconds < b.Microseconds;

    /// <summary>Compares two spans.</summary>
    public static bool operator >(SimDuration a, SimDuration b) => a.Microseconds > b.Microseconds;

    /// <summary>Compares two spans.</summary>
    public static bool operator <=(SimDuration a, SimDuration b) => a.Microseconds <= b.Microseconds;

    /// <summary>Compares two spans.</summary>
    public static bool operator >=(SimDuration a, SimDuration b) => a.Microseconds >= b.Microseconds;

    /// <summary>
    /// Formats the span in the largest unit that represents it exactly (<c>12 s</c>,
    /// <c>250 ms</c>, <c>30 min</c>), the way a scenario would spell it.
    /// </summary>
    public override string ToString()
    {
        var us = Microseconds;
        if (us != 0 && us % (3600 * MicrosPerSecond) == 0)
        {
            return (us / (3600 * MicrosPerSecond)).ToString(CultureInfo.InvariantCulture) + " h";
        }

        if (us != 0 && us % (60 * MicrosPerSecond) == 0)
        {
            return (us / (60 * MicrosPerSecond)).ToString(CultureInfo.InvariantCulture) + " min";
        }

        if (us % MicrosPerSecond == 0)
        {
            return (us / MicrosPerSecond).ToString(CultureInfo.InvariantCulture) + " s";
        }

        if (us % 1000 == 0)
        {
            return (us / 1000).ToString(CultureInfo.InvariantCulture) + " ms";
        }

        return us.ToString(CultureInfo.InvariantCulture) + " us";
    }
}

/// <summary>Amounts of ether, always in wei.</summary>
public static class Wei
{
    /// <summary>Wei in one gwei.</summary>
    public static readonly UInt128 PerGwei = 1_000_000_000;

    /// <summary>Wei in one ether.</summary>
    public static readonly UInt128 PerEther = 1_000_000_000_000_000_000;

    /// <summary>
    /// Formats a wei amount in ether with up to 18 decimals, trailing zeros removed,
    /// using the invariant culture (e.g. <c>0.000021 ETH</c>).
    /// </summary>
    public static string FormatEther(UInt128 wei)
    {
        var whole = wei / PerEther;
        var frac = wei % PerEther;
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (frac != 0)
        {
            text += "." + frac.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        }

        return text + " ETH";
    }

    /// <summary>Formats a wei amount in gwei with up to 9 decimals (e.g. <c>1.5 gwei</c>).</summary>
    public static string FormatGwei(UInt128 wei)
    {
        var whole = wei / PerGwei;
        var frac = wei % PerGwei;
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (frac != 0)
        {
            text += "." + frac.ToString(CultureInfo.InvariantCulture).PadLeft(9, '0').TrimEnd('0');
        }

        return text + " gwei";
    }
}
