namespace ProtoScript.Hooks;

/// <summary>
/// A read-only copy of the block before the one being priced, as a <c>base_fee_market</c> hook
/// sees it when the next block opens. Amounts are integer wei per gas. For the first block there
/// is no block before it: <see cref="Number"/> is 0 (genesis), it used no gas, and
/// <see cref="BaseFee"/> is the rollup's fixed <c>base_fee</c>.
/// </summary>
/// <param name="Number">The previous block's number (1-based; 0 for genesis). The block being priced is <c>Number + 1</c>.</param>
/// <param name="TimeMicroseconds">When the previous block was sealed, in simulated microseconds since genesis (0 for genesis).</param>
/// <param name="GasUsed">The L2 gas its transactions used (L1 deposits and delayed-inbox messages not).</param>
/// <param name="GasLimit">The rollup's gas limit per block.</param>
/// <param name="BaseFee">The base fee per gas it paid, in wei (the rollup's <c>base_fee</c> for genesis).</param>
/// <param name="ElapsedMicroseconds">The simulated time from its seal to the seal of the block being priced.</param>
public readonly record struct BaseFeeParentView(
    ulong Number,
    long TimeMicroseconds,
    ulong GasUsed,
    ulong GasLimit,
    UInt128 BaseFee,
    long ElapsedMicroseconds)
{
    /// <summary>True when the block being priced is the first: there is no block before it.</summary>
    public bool IsGenesis => Number == 0;

    /// <summary>When the previous block was sealed, as a time span since genesis (simulated time).</summary>
    public TimeSpan Time => TimeSpan.FromMicroseconds(TimeMicroseconds);

    /// <summary>The time from the previous block to the one being priced.</summary>
    public TimeSpan Elapsed => TimeSpan.FromMicroseconds(ElapsedMicroseconds);

    /// <summary><paramref name="amount"/> gwei in wei.</summary>
    public static UInt128 Gwei(ulong amount) => (UInt128)amount * 1_000_000_000UL;

    /// <summary><paramref name="amount"/> × <paramref name="percent"/> / 100, rounded down.</summary>
    public static UInt128 Percent(UInt128 amount, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        return amount / 100 * (uint)percent + (amount % 100 * (uint)percent / 100);
    }
}
