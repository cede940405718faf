using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>What proof deadlines did to one rollup: epochs, bonds, slashing and pruning.</summary>
/// <param name="EpochBlocks">Blocks per epoch.</param>
/// <param name="Window">The proving window after an epoch's last block.</param>
/// <param name="Epochs">Epochs whose last block was sealed by the end of the run.</param>
/// <param name="OnTime">Epochs whose proof was ready within their window (each counted once, when it lands).</param>
/// <param name="Missed">Windows missed: each one slashed a bond and pruned the pending chain (an epoch missed twice counts twice).</param>
/// <param name="Pending">Claimed epochs neither proven nor past their deadline at the end of the run.</param>
/// <param name="Claims">Bonds posted: one per claim, re-claims after a prune included.</param>
/// <param name="FallbackClaims">Pruned epochs claimed again by the fallback prover.</param>
/// <param name="BondsPosted">The bonds of those claims, in wei.</param>
/// <param name="BondsReturned">What went back to the provers: whole bonds of proven or abandoned claims, the unslashed share of missed ones.</param>
/// <param name="Slashed">What missed windows burned, in wei.</param>
/// <param name="Escrowed">Bonds still held at the end (posted − returned − slashed).</param>
/// <param name="Prunes">Times the pending chain was pruned to the proven tip.</param>
/// <param name="PrunedBlocks">Blocks pruned and re-proposed, over every prune.</param>
/// <param name="PrunedTransactions">User transactions in those blocks, re-included in the re-proposed blocks, over every prune.</param>
/// <param name="ReproofJobs">Block proofs assigned again for re-proposed blocks.</param>
/// <param name="ProvenTip">The highest block whose epoch was proven on time by the end of the run (0 when none).</param>
/// <param name="SlashedByProver">What each prover lost, in wei, by prover index.</param>
public sealed record ProvingDeadlineResult(
    int EpochBlocks,
    SimDuration Window,
    long Epochs,
    long OnTime,
    long Missed,
    long Pending,
    long Claims,
    long FallbackClaims,
    UInt128 BondsPosted,
    UInt128 BondsReturned,
    UInt128 Slashed,
    UInt128 Escrowed,
    long Prunes,
    long PrunedBlocks,
    long PrunedTransactions,
    long ReproofJobs,
    ulong ProvenTip,
    System.Collections.Immutable.ImmutableArray<UInt128> SlashedByProver)
{
    /// <inheritdoc />
    public bool Equals(ProvingDeadlineResult? other) =>
        other is not null
        && (EpochBlocks, Window, Epochs, OnTime, Missed, Pending, Claims, FallbackClaims) == (other.EpochBlocks, other.Window, other.Epochs, other.OnTime, other.Missed, other.Pending, other.Claims, other.FallbackClaims)
        && (BondsPosted, BondsReturned, Slashed, Escrowed) == (other.BondsPosted, other.BondsReturned, other.Slashed, other.Escrowed)
        && (Prunes, PrunedBlocks, PrunedTransactions, ReproofJobs, ProvenTip) == (other.Prunes, other.PrunedBlocks, other.PrunedTransactions, other.ReproofJobs, other.ProvenTip)
        && SlashedByProver.AsSpan().SequenceEqual(other.SlashedByProver.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Epochs, Missed, Slashed, PrunedBlocks);
}
