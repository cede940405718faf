namespace ProtoScript.Hooks;

/// <summary>
/// A read-only copy of one sealed L2 block's fees and costs, as a fee-distribution hook sees
/// it. All amounts are integer wei.
/// </summary>
/// <param name="Number">The L2 block number (1-based).</param>
/// <param name="TimeMicroseconds">When the block was sealed, in simulated microseconds since genesis.</param>
/// <param name="BaseFees">Base fees its transactions paid.</param>
/// <param name="PriorityFees">Priority fees its transactions paid.</param>
/// <param name="L1DataFees">L1 data fees its transactions paid (0 unless <c>l1_data_fee = true</c>).</param>
/// <param name="DaCost">What the rollup's batcher paid on L1 for postings that landed since the previous block.</param>
/// <param name="ProofCost">What proving this block costs (0 when the rollup has no prover costs).</param>
/// <param name="GasUsed">L2 gas its transactions used (every transaction its batch carries, reverted swaps and auction payments included; L1 deposits and delayed-inbox messages not).</param>
/// <param name="Transactions">How many transactions it holds, counted as for <paramref name="GasUsed"/>.</param>
/// <param name="DaOwed">What DataAvailability is owed for posting, <paramref name="DaCost"/> included: costs not paid back in earlier blocks carry over.</param>
/// <param name="ProofOwed">What Prover is owed for proving, <paramref name="ProofCost"/> included.</param>
public readonly record struct FeeBlockView(
    ulong Number,
    long TimeMicroseconds,
    UInt128 BaseFees,
    UInt128 PriorityFees,
    UInt128 L1DataFees,
    UInt128 DaCost,
    UInt128 ProofCost,
    ulong GasUsed,
    int Transactions,
    UInt128 DaOwed,
    UInt128 ProofOwed)
{
    /// <summary>Everything the block's transactions paid: base, priority and L1 data fees. No hook can pay out more.</summary>
    public UInt128 Collected => BaseFees + PriorityFees + L1DataFees;

    /// <summary>When the block was sealed, as a time span since genesis (simulated time).</summary>
    public TimeSpan Time => TimeSpan.FromMicroseconds(TimeMicroseconds);

    /// <summary><paramref name="amount"/> × <paramref name="percent"/> / 100, rounded down (integer wei; shares of a whole percent).</summary>
    public static UInt128 Percent(UInt128 amount, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        return amount / 100 * (uint)percent + (amount % 100 * (uint)percent / 100);
    }
}

/// <summary>
/// What a fee-distribution hook calls to pay a role (<c>Pay(Role.Treasury, amount)</c>; the
/// generated code imports it statically). Payments are collected for the call in progress and
/// checked by the engine afterwards: together they may not exceed what the block collected.
/// </summary>
public static class FeePayments
{
    [ThreadStatic]
    private static List<(Role Role, UInt128 Amount)>? _current;

    [ThreadStatic]
    private static UInt128 _paid;

    /// <summary>What the hook has paid so far in this call, in wei.</summary>
    public static UInt128 Paid => _paid;

    /// <summary>Pays <paramref name="amount"/> wei of the block's fees to <paramref name="role"/>.</summary>
    /// <exception cref="InvalidOperationException">Called outside a fee-distribution hook.</exception>
    public static void Pay(Role role, UInt128 amount)
    {
        if (_current is null)
        {
            throw new InvalidOperationException("Pay can only be called from a fee-distribution hook.");
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "not a fee role");
        }

        _paid = checked(_paid + amount);
        _current.Add((role, amount));
    }

    /// <summary>Starts collecting the payments of one hook call on this thread.</summary>
    internal static void Begin()
    {
        _current = [];
        _paid = 0;
    }

    /// <summary>Stops collecting and returns the payments, in the order the hook made them.</summary>
    internal static List<(Role Role, UInt128 Amount)> End()
    {
        var payments = _current ?? [];
        _current = null;
        _paid = 0;
        return payments;
    }
}
