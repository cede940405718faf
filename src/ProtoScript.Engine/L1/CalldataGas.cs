namespace ProtoScript.Engine.L1;

/// <summary>
/// The gas of a transaction's calldata: 4 per zero byte and 16 per non-zero byte
/// (<see href="https://eips.ethereum.org/EIPS/eip-2028">EIP-2028</see>), plus the 21000 base, and,
/// where the fork has it, the floor of <see href="https://eips.ethereum.org/EIPS/eip-7623">EIP-7623</see>.
/// </summary>
public static class CalldataGas
{
    /// <summary>
    /// <c>tokens_in_calldata</c> of EIP-7623: zero bytes count one token, non-zero bytes
    /// <see cref="ForkSpec.TokensPerNonZeroByte"/> (4).
    /// </summary>
    public static ulong Tokens(ForkSpec spec, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var zeros = (ulong)data.Count((byte)0);
        var nonZeros = (ulong)data.Length - zeros;
        return checked(zeros + (nonZeros * spec.TokensPerNonZeroByte));
    }

    /// <summary>
    /// The gas a transaction carrying <paramref name="data"/> uses:
    /// <c>21000 + 4 · tokens + executionGas</c>, and under EIP-7623 at least
    /// <c>21000 + 10 · tokens</c> (<c>tx.gasUsed = 21000 + max(STANDARD_TOKEN_COST · tokens +
    /// execution_gas_used, TOTAL_COST_FLOOR_PER_TOKEN · tokens)</c>).
    /// </summary>
    /// <param name="spec">The fork's parameters.</param>
    /// <param name="data">The calldata.</param>
    /// <param name="executionGas">Gas the transaction's execution uses beyond its intrinsic cost
    /// (0 for a batch posted to an inbox address that runs no code).</param>
    public static ulong TransactionGas(ForkSpec spec, ReadOnlySpan<byte> data, ulong executionGas = 0)
    {
        var tokens = Tokens(spec, data);
        var standard = checked((spec.StandardTokenCost * tokens) + executionGas);
        var paid = spec.CalldataFloorPerToken is { } floorPerToken
            ? Math.Max(standard, checked(floorPerToken * tokens))
            : standard;
        return checked(spec.TransactionBaseGas + paid);
    }

    /// <summary>
    /// The most data bytes one transaction can always carry within
    /// <see cref="ForkSpec.TransactionGasLimit"/>, whatever the bytes are: the limit less the
    /// base gas, divided by the dearest byte (a non-zero byte at the floor price if the fork has
    /// one, else at the standard price).
    /// </summary>
    public static ulong MaxBytesPerTransaction(ForkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var perToken = Math.Max(spec.StandardTokenCost, spec.CalldataFloorPerToken ?? 0);
        var dearestByte = perToken * spec.TokensPerNonZeroByte;
        var room = spec.TransactionGasLimit > spec.TransactionBaseGas ? spec.TransactionGasLimit - spec.TransactionBaseGas : 0;
        return room / dearestByte;
    }
}
