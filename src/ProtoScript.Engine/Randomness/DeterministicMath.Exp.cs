namespace ProtoScript.Engine.Randomness;

public static partial class DeterministicMath
{
    // Beyond these, e^x is not a finite double / rounds to zero.
    private const double ExpOverflow = 709.782712893383973096;
    private const double ExpUnderflow = -745.13321910194110842;
    private const double InvLn2 = 1.44269504088896338700;

    /// <summary>
    /// The exponential function, accurate to about one unit in the last place and
    /// bit-identical on every platform (<see cref="Math.Exp(double)"/> defers to the C
    /// library). Uses only IEEE-754 basic operations: x = k·ln 2 + r with |r| ≤ ln 2 / 2,
    /// e^r from its Taylor series to degree 14 (the next term is below 2^-63), then an
    /// exact scaling by 2^k.
    /// </summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > ExpOverflow)
        {
            return double.PositiveInfinity;
        }

        if (x < ExpUnderflow)
        {
            return 0.0;
        }

        var k = Math.Round(x * InvLn2, MidpointRounding.ToEven);
        // k·Ln2Hi is exact (|k| < 2^11 and Ln2Hi ends in zero bits), so r keeps its low bits.
        var r = (x - (k * Ln2Hi)) - (k * Ln2Lo);

        // Horner from the highest term; adding the leading 1 last keeps the rounding error
        // of the polynomial relative to the small part only.
        var p = 1.0 / 87178291200.0; // 1/14!
        p = (1.0 / 6227020800.0) + (r * p);
        p = (1.0 / 479001600.0) + (r * p);
        p = (1.0 / 39916800.0) + (r * p);
        p = (1.0 / 3628800.0) + (r * p);
        p = (1.0 / 362880.0) + (r * p);
        p = (1.0 / 40320.0) + (r * p);
        p = (1.0 / 5040.0) + (r * p);
        p = (1.0 / 720.0) + (r * p);
        p = (1.0 / 120.0) + (r * p);
        p = (1.0 / 24.0) + (r * p);
        p = (1.0 / 6.0) + (r * p);
        p = 0.5 + (r * p);
        p = 1.0 + (r * p);
        var expR = 1.0 + (r * p);

        return ScaleByPowerOfTwo(expR, (int)k);
    }

    /// <summary>Multiplies by 2^<paramref name="n"/> with at most one rounding (into the subnormal range).</summary>
    private static double ScaleByPowerOfTwo(double value, int n)
    {
        if (n > 1023)
        {
            value *= PowerOfTwo(1023);
            n -= 1023;
        }
        else if (n < -1022)
        {
            // Scale into the smallest normals first (exact), so that only the final
            // multiplication into the subnormal range rounds.
            value *= PowerOfTwo(n + 54);
            return value * PowerOfTwo(-54);
        }

        return value * PowerOfTwo(n);
    }

    private static double PowerOfTwo(int n) => BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);
}
