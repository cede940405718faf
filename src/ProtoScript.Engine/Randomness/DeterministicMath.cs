namespace ProtoScript.Engine.Randomness;

/// <summary>
/// Transcendental functions computed only with IEEE-754 basic operations, which are
/// correctly rounded everywhere. <see cref="Math.Log(double)"/> defers to the platform's C
/// library, whose last bit may differ between operating systems; a simulation that must
/// replay byte for byte cannot depend on it.
/// </summary>
public static partial class DeterministicMath
{
    // ln 2 split so that e * Ln2Hi is exact for |e| < 2^11 (fdlibm's constants).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Sqrt2 = 1.41421356237309504880;

    /// <summary>
    /// The natural logarithm, accurate to a few units in the last place, bit-identical on
    /// every platform.
    /// </summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = 0;
        if ((bits >> 52) == 0)
        {
            // Subnormal: scale into the normal range first (exact).
            x *= 18014398509481984.0; // 2^54
            bits = BitConverter.DoubleToInt64Bits(x);
            exponent = -54;
        }

        exponent += (int)(bits >> 52) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }

        // m in (sqrt(1/2), sqrt(2)]: ln m = 2 atanh(s) with s = (m-1)/(m+1), |s| < 0.1716.
        var f = m - 1.0;
        var s = f / (2.0 + f);
        var z = s * s;
        var series = z * (1.0 / 3 + (z * (1.0 / 5 + (z * (1.0 / 7 + (z * (1.0 / 9 + (z * (1.0 / 11 + (z * (1.0 / 13
            + (z * (1.0 / 15 + (z * (1.0 / 17 + (z * (1.0 / 19 + (z * (1.0 / 21 + (z * (1.0 / 23)))))))))))))))))))));
        var lnM = (2.0 * s) + (2.0 * s * series);
        return (exponent * Ln2Hi) + (lnM + (exponent * Ln2Lo));
    }
}
