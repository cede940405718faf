namespace ProtoScript.Hooks;

/// <summary>
/// A read-only copy of one pending transaction, as an ordering hook sees it. Changing it
/// cannot change the engine's transaction: it is a value, not a reference.
/// </summary>
/// <param name="From">The sending account's index.</param>
/// <param name="To">The receiving account's index.</param>
/// <param name="Value">The amount transferred, in wei.</param>
/// <param name="Nonce">The sender's transaction count when it signed this one.</param>
/// <param name="PriorityFeePerGas">The tip per gas to the sequencer, in wei.</param>
/// <param name="Gas">The gas the transaction uses.</param>
/// <param name="SubmitTimeMicroseconds">When the user sent it, in simulated microseconds since genesis.</param>
/// <param name="ArrivalSequence">Its position in the order the mempool received transactions (a unique tie-breaker).</param>
public readonly record struct TransactionView(
    int From,
    int To,
    UInt128 Value,
    ulong Nonce,
    UInt128 PriorityFeePerGas,
    ulong Gas,
    long SubmitTimeMicroseconds,
    ulong ArrivalSequence)
{
    /// <summary>When the user sent it, as a time span since genesis (simulated time, never the wall clock).</summary>
    public TimeSpan SubmitTime => TimeSpan.FromMicroseconds(SubmitTimeMicroseconds);
}
