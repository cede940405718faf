using System.Globalization;

namespace ProtoScript.Reporting;

/// <summary>Exact, culture-invariant formatting of token amounts given in smallest units.</summary>
public static class TokenFormat
{
    /// <summary>An amount of a token in whole units with exactly its decimals, and its unit name (e.g. <c>12.500000 usdc</c>).</summary>
    public static string Token(UInt128 amount, int decimals, string token) => TokenNumber(amount, decimals) + " " + token;

    /// <summary>An amount in whole units with exactly <paramref name="decimals"/> decimals.</summary>
    public static string TokenNumber(UInt128 amount, int decimals)
    {
        var digits = amount.ToString(CultureInfo.InvariantCulture);
        if (decimals == 0)
        {
            return digits;
        }

        digits = digits.PadLeft(decimals + 1, '0');
        return digits[..^decimals] + "." + digits[^decimals..];
    }

    /// <summary>A signed amount (e.g. a net result), with a leading minus sign when negative.</summary>
    public static string SignedToken(Int128 amount, int decimals, string token) => SignedTokenNumber(amount, decimals) + " " + token;

    /// <summary>A signed amount in whole units with exactly <paramref name="decimals"/> decimals.</summary>
    public static string SignedTokenNumber(Int128 amount, int decimals) =>
        Int128.IsNegative(amount) ? "-" + TokenNumber((UInt128)(-amount), decimals) : TokenNumber((UInt128)amount, decimals);

    /// <summary>The same amount as a decimal number of whole tokens (for metrics).</summary>
    public static decimal TokenValue(UInt128 amount, int decimals) =>
        decimal.Parse(TokenNumber(amount, decimals), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>A signed amount as a decimal number of whole tokens (for metrics).</summary>
    public static decimal SignedTokenValue(Int128 amount, int decimals) =>
        decimal.Parse(SignedTokenNumber(amount, decimals), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
