using System.Globalization;

namespace ProtoScript.Engine.Amm;

/// <summary>
/// A pool's swap fee in basis points (1 bp = 0.01 %), taken from the input amount and left
/// in the pool. Basis points rather than finer units keep every Uniswap V2 intermediate
/// except one product below 2^128 for reserves up to 2^112 (see <see cref="ConstantProductMath"/>).
/// </summary>
public readonly record struct SwapFee
{
    /// <summary>Basis points in one whole (100 %).</summary>
    public const uint Denominator = 10_000;

    private SwapFee(uint basisPoints) => BasisPoints = basisPoints;

    /// <summary>Uniswap V2's fee: 0.3 % (30 bp), i.e. the 997/1000 of its formulas.</summary>
    public static SwapFee UniswapV2 { get; } = new(30);

    /// <summary>The fee in basis points.</summary>
    public uint BasisPoints { get; }

    /// <summary>The share of the input that is priced, in basis points: <c>10_000 − fee</c> (γ·10^4).</summary>
    public uint InputMultiplier => Denominator - BasisPoints;

    /// <summary>Creates a fee from basis points (30 = 0.3 %).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fee is 100 % or more.</exception>
    public static SwapFee FromBasisPoints(uint basisPoints) =>
        basisPoints < Denominator
            ? new SwapFee(basisPoints)
            : throw new ArgumentOutOfRangeException(
                nameof(basisPoints),
                basisPoints,
                "A swap fee must be below 10000 basis points (100 %); 0.3 % is 30 basis points.");

    /// <inheritdoc />
    public override string ToString() => BasisPoints.ToString(CultureInfo.InvariantCulture) + " bp";
}
