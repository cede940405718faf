using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Markets;

/// <summary>
/// A CEX price following geometric Brownian motion: over a step of dt years,
/// <c>ln S(t+dt) − ln S(t) = (μ − σ²/2)·dt + σ·√dt·Z</c> with Z standard normal, so the
/// log price has drift μ − σ²/2 and volatility σ per √year, and E[S(t)] = S(0)·e^(μt).
/// The log return is accumulated in a double and turned into a <see cref="FixedPrice"/> at
/// every step; Z comes from <see cref="RandomStream.NextNormal()"/> and e^x from
/// <see cref="DeterministicMath.Exp"/>, and √ is IEEE-exact, so a seed gives the same
/// path bit for bit on every machine.
/// </summary>
public sealed class GbmPriceProcess : IPriceProcess
{
    /// <summary>Seconds in the year that volatility and drift are quoted per: 365 days, as crypto markets trade every day.</summary>
    public const double SecondsPerYear = 365.0 * 24 * 3600;

    /// <summary>The largest price the process reports (2^120 scaled units); the path is clamped there.</summary>
    public static readonly UInt128 MaxScaled = UInt128.One << 120;

    private const double MicrosPerYear = SecondsPerYear * 1e6;

    private readonly RandomStream _random;
    private readonly double _startScaled;
    private readonly double _driftPerYear;
    private double _logReturn;

    /// <summary>Creates a path starting at <paramref name="start"/>.</summary>
    /// <param name="start">The price at time zero; must be positive.</param>
    /// <param name="annualVolatility">σ per √year, e.g. 0.6 for 60 %; zero or positive.</param>
    /// <param name="annualDrift">μ per year (0 for a driftless price).</param>
    /// <param name="random">The process's own stream, e.g. <c>tree.Stream("cex/ETH-USDC")</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The start is zero, or σ or μ is negative/not finite as described.</exception>
    public GbmPriceProcess(FixedPrice start, double annualVolatility, double annualDrift, RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (start.Scaled == UInt128.Zero || start.Scaled > MaxScaled)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "The start price must be positive and at most 2^120 scaled units.");
        }

        if (!double.IsFinite(annualVolatility) || annualVolatility < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(annualVolatility), annualVolatility, "Volatility must be a finite fraction per year, zero or more (0.6 = 60 %).");
        }

        if (!double.IsFinite(annualDrift))
        {
            throw new ArgumentOutOfRangeException(nameof(annualDrift), annualDrift, "Drift must be a finite fraction per year (0.05 = 5 %).");
        }

        _random = random;
        _startScaled = (double)start.Scaled;
        Start = start;
        Current = start;
        AnnualVolatility = annualVolatility;
        AnnualDrift = annualDrift;
        _driftPerYear = annualDrift - (0.5 * annualVolatility * annualVolatility);
    }

    /// <summary>The price at time zero.</summary>
    public FixedPrice Start { get; }

    /// <summary>σ per √year.</summary>
    public double AnnualVolatility { get; }

    /// <summary>μ per year.</summary>
    public double AnnualDrift { get; }

    /// <inheritdoc />
    public FixedPrice Current { get; private set; }

    /// <inheritdoc />
    public SimDuration Elapsed { get; private set; }

    /// <summary>ln(Current / Start) before rounding to a fixed-point price.</summary>
    public double LogReturn => _logReturn;

    /// <inheritdoc />
    /// <remarks>Each non-zero step draws exactly one normal value; a zero step draws nothing and changes nothing.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public FixedPrice Advance(SimDuration step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step.Microseconds, nameof(step));
        if (step.Microseconds == 0)
        {
            return Current;
        }

        var years = step.Microseconds / MicrosPerYear;
        var shock = _random.NextNormal();
        _logReturn += (_driftPerYear * years) + (AnnualVolatility * Math.Sqrt(years) * shock);
        Elapsed += step;
        Current = new FixedPrice(ToScaled(_startScaled * DeterministicMath.Exp(_logReturn)));
        return Current;
    }

    private static UInt128 ToScaled(double value)
    {
        if (!(value >= 1.0))
        {
            return UInt128.One; // a price never reaches zero: zero would be absorbing
        }

        var rounded = Math.Round(value, MidpointRounding.ToEven);
        return rounded >= (double)MaxScaled ? MaxScaled : (UInt128)rounded;
    }
}
