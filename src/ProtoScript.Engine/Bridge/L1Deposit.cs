using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bridge;

/// <summary>
/// One L1 transaction addressed to a rollup: a deposit that mints <paramref name="Value"/> wei to
/// account <paramref name="To"/>, or (with <see cref="From"/> set) a user's transfer sent
/// through L1 to get around the sequencer. It lands in <paramref name="L1Block"/>; see
/// <see cref="DepositInbox"/> and <see cref="Sequencing.DelayedInbox"/> for when it executes.
/// </summary>
/// <param name="L1Block">The L1 block that includes it (the one sealed next after it was sent).</param>
/// <param name="SubmitTime">When the user sent it to L1.</param>
/// <param name="Rollup">The target rollup's index, in declaration order.</param>
/// <param name="To">The account credited on the rollup.</param>
/// <param name="Value">The amount, in wei.</param>
public sealed record L1Deposit(ulong L1Block, SimDuration SubmitTime, int Rollup, int To, UInt128 Value)
{
    /// <summary>For a transfer sent through L1, the paying account; −1 for a deposit that mints.</summary>
    public int From { get; init; } = -1;

    /// <summary>True for a deposit that mints new ether on the rollup.</summary>
    public bool Mints => From < 0;

    /// <summary>The message as a transaction the chain executes (kind <see cref="DataAvailability.TransactionKind.Deposit"/>; no fee, no nonce).</summary>
    internal Mempool.Transaction ToTransaction(SimDuration blockTime) =>
        new(From, To, Value, 0, 0, 0, blockTime) { Kind = DataAvailability.TransactionKind.Deposit };
}
