using System.Collections.Immutable;

namespace ProtoScript.Engine.Results;

/// <summary>A rollup's pool defences and what each user population got through them.</summary>
/// <param name="Defences">The defences in force, as the report lists them (e.g. <c>pow 16 bits</c>); empty when none is set.</param>
/// <param name="Public">Whether the pool is public (false: private order flow).</param>
/// <param name="Populations">Each population sending to the rollup, in declaration order.</param>
public sealed record MempoolResult(ImmutableArray<string> Defences, bool Public, ImmutableArray<PopulationResult> Populations);

/// <summary>
/// One user population on one rollup. Every transaction it sent was refused on arrival (the
/// admission reasons), or admitted; every admitted one was included, dropped later (evicted,
/// replaced, invalid at block building) or is pending: sent = refused + admitted and
/// admitted = included + dropped + pending.
/// </summary>
/// <param name="Name">The population's name (<c>users</c> for the workload's own users).</param>
/// <param name="Accounts">How many accounts it sends from.</param>
/// <param name="Sent">Transactions that reached the sequencer (after their proof of work, if any).</param>
/// <param name="Admitted">Transactions the pool admitted.</param>
/// <param name="Rejected">Refused or dropped transactions, by reason, in the engine's reason order.</param>
/// <param name="Included">Transactions executed in a block.</param>
/// <param name="Pending">Transactions still pending at the end.</param>
/// <param name="Latency">From the user's decision to send (before any proof of work) to the including block.</param>
/// <param name="FeesPaid">What the included transactions' senders paid in fees, in wei.</param>
public sealed record PopulationResult(
    string Name,
    int Accounts,
    long Sent,
    long Admitted,
    ImmutableArray<RejectionCount> Rejected,
    long Included,
    long Pending,
    LatencySummary Latency,
    UInt128 FeesPaid)
{
    /// <summary>Fees per included transaction, in wei (0 with none included).</summary>
    public UInt128 FeePerIncluded => Included == 0 ? 0 : FeesPaid / (UInt128)(ulong)Included;

    /// <summary>The refused and dropped transactions, all reasons together.</summary>
    public long RejectedTotal => Rejected.Sum(r => r.Count);
}
