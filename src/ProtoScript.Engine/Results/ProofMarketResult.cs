using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Results;

/// <summary>One named prover of a proof market, over one rollup's jobs.</summary>
/// <param name="Name">Its name as written.</param>
/// <param name="Bid">Its bidding rule: <c>cost_plus</c>, <c>load</c> or <c>csharp</c>.</param>
/// <param name="Won">Jobs it won.</param>
/// <param name="Revenue">What it was paid (its winning bids), in wei.</param>
/// <param name="Cost">Its own cost of the jobs it won, in wei.</param>
public sealed record MarketProverResult(string Name, string Bid, long Won, UInt128 Revenue, UInt128 Cost);

/// <summary>The jobs whose auction cleared within one tenth of the run, and what they paid.</summary>
/// <param name="Tenth">0 for the first tenth of the run … 9 for the last (auctions after the end count in the last).</param>
/// <param name="Jobs">Jobs cleared in it.</param>
/// <param name="Paid">What they paid together, in wei.</param>
public sealed record MarketPeriod(int Tenth, long Jobs, UInt128 Paid);

/// <summary>What the proof market did for one rollup's jobs.</summary>
/// <param name="Provers">Each named prover, in the order written.</param>
/// <param name="Jobs">Jobs auctioned.</param>
/// <param name="PriceMedian">The median clearing price (the ⌈n/2⌉-th smallest), in wei.</param>
/// <param name="Paid">Every clearing price together, in wei (the mean is this over <paramref name="Jobs"/>).</param>
/// <param name="Periods">Jobs and clearing prices per tenth of the run.</param>
/// <param name="Saturated">Jobs ready when no prover could take them (every slot busy and every queue full).</param>
/// <param name="SaturatedWait">Their time from ready to the auction clearing, together.</param>
/// <param name="SaturatedWaitMax">The longest of those waits.</param>
/// <param name="Queued">Jobs won by a prover with no free slot, that waited in its queue.</param>
/// <param name="QueueWait">Their time from the auction to their start, together.</param>
public sealed record ProofMarketResult(
    ImmutableArray<MarketProverResult> Provers,
    long Jobs,
    UInt128 PriceMedian,
    UInt128 Paid,
    ImmutableArray<MarketPeriod> Periods,
    long Saturated,
    SimDuration SaturatedWait,
    SimDuration SaturatedWaitMax,
    long Queued,
    SimDuration QueueWait)
{
    /// <summary>
    /// The Herfindahl–Hirschman index of the provers' shares of jobs won, in points:
    /// 10 000 × Σ wonᵢ² / (Σ wonᵢ)², so 10 000 is one prover winning everything and
    /// 10 000 / n is n provers winning equally; 0 when no job was auctioned.
    /// </summary>
    public double HerfindahlPoints
    {
        get
        {
            UInt128 total = 0;
            UInt128 squares = 0;
            foreach (var p in Provers)
            {
                total += (ulong)p.Won;
                squares += (UInt128)(ulong)p.Won * (ulong)p.Won;
            }

            return total == 0 ? 0 : (double)(squares * 10_000) / (double)(total * total);
        }
    }

    /// <inheritdoc />
    public bool Equals(ProofMarketResult? other) =>
        other is not null
        && Provers.AsSpan().SequenceEqual(other.Provers.AsSpan())
        && Jobs == other.Jobs
        && PriceMedian == other.PriceMedian
        && Paid == other.Paid
        && Periods.AsSpan().SequenceEqual(other.Periods.AsSpan())
        && Saturated == other.Saturated
        && SaturatedWait == other.SaturatedWait
        && SaturatedWaitMax == other.SaturatedWaitMax
        && Queued == other.Queued
        && QueueWait == other.QueueWait;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Jobs, Paid, Saturated, Queued);
}
