namespace ProtoScript.Language.Model;

/// <summary>
/// A rollup's pool defences (<c>mempool { ... }</c>): what the sequencer checks when a transaction
/// arrives, before it joins the pool. Every limit is off at its default except the replacement
/// bump, which is geth's 10 %.
/// </summary>
public sealed record MempoolModel
{
    /// <summary>The replacement bump of a rollup without a <c>mempool</c> block: geth's default price bump.</summary>
    public const double DefaultReplacementBump = 0.10;

    /// <summary>The largest proof-of-work difficulty the language accepts, in leading zero bits.</summary>
    public const int MaxPowDifficulty = 24;

    /// <summary>
    /// Proof of work per transaction: the leading zero bits the transaction's work hash must have;
    /// 0 (the default) for none. Senders search for a nonce before they submit, at their population's hash rate.
    /// </summary>
    public int PowDifficulty { get; init; }

    /// <summary>The most transactions one sender may have admitted in any <see cref="RateWindow"/>; 0 (the default) for no limit.</summary>
    public int RateLimit { get; init; }

    /// <summary>The sliding window of <see cref="RateLimit"/>.</summary>
    public SimDuration RateWindow { get; init; } = SimDuration.FromSeconds(60);

    /// <summary>The most transactions the pool holds; a fuller pool evicts its lowest-fee transaction for a better one. 0 (the default) for no cap.</summary>
    public int MaxPending { get; init; }

    /// <summary>The most transactions one sender may have pending; 0 (the default) for no cap.</summary>
    public int MaxPerSender { get; init; }

    /// <summary>The least raise of the priority fee, as a fraction, for a transaction to replace its sender's pending one with the same nonce.</summary>
    public double ReplacementBump { get; init; } = DefaultReplacementBump;

    /// <summary>
    /// Whether the pool is public (the default). Without a public mempool users send only to the
    /// sequencer: nobody else sees pending transactions, so back-runners and PBS builders, who act on
    /// what they see there, cannot be combined with it.
    /// </summary>
    public bool Public { get; init; } = true;
}
