using System.Globalization;
using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>proving</c> section of a rollup's report.</summary>
internal static class ProvingReportSection
{
    /// <summary>The <c>deadline</c> sub-section: epochs, bonds, slashing and pruning (only with a <c>deadline</c>).</summary>
    public static readonly SectionLayout<ProvingDeadlineResult> DeadlineLayout = Sections.Section<ProvingDeadlineResult>("deadline", "proof deadlines", "deadline")
        .Row("epoch_blocks", "blocks per epoch", "epochBlocks", K.Count, d => V.Count(d.EpochBlocks))
        .Row("window", "proving window", "windowMicroseconds", K.Duration, d => V.Duration(d.Window, TextStyle.Seconds))
        .Row("epochs", "epochs", "epochs", K.Count, d => V.Count(d.Epochs))
        .Row("on_time", "proven on time", "provenOnTime", K.Count, d => V.Count(d.OnTime))
        .Row("missed", "windows missed", "missed", K.Count, d => V.Count(d.Missed))
        .Row("pending", "pending at end", "pending", K.Count, d => V.Count(d.Pending))
        .Row("proven_tip", "proven tip (block)", "provenTip", K.Count, d => V.Count((long)d.ProvenTip))
        .Row("claims", "claims (bonds posted)", "claims", K.Count, d => V.Count(d.Claims))
        .Row("fallback_claims", "fallback claims", "fallbackClaims", K.Count, d => V.Count(d.FallbackClaims))
        .Row("bonds_posted", "bonds posted", "bondsPostedWei", K.Wei, d => V.Wei(d.BondsPosted, TextStyle.EtherAndGwei))
        .Row("bonds_returned", "bonds returned", "bondsReturnedWei", K.Wei, d => V.Wei(d.BondsReturned, TextStyle.EtherAndGwei))
        .Row("slashed", "slashed (burned)", "slashedWei", K.Wei, d => V.Wei(d.Slashed, TextStyle.EtherAndGwei))
        .Row("escrowed", "bonds escrowed at end", "escrowedWei", K.Wei, d => V.Wei(d.Escrowed, TextStyle.EtherAndGwei))
        .Row("prunes", "prunes to the proven tip", "prunes", K.Count, d => V.Count(d.Prunes))
        .Row("pruned_blocks", "blocks pruned and re-proposed", "prunedBlocks", K.Count, d => V.Count(d.PrunedBlocks))
        .Row("pruned_transactions", "transactions pruned (re-included)", "prunedTransactions", K.Count, d => V.Count(d.PrunedTransactions))
        .Row("reproof_jobs", "re-proof jobs", "reproofJobs", K.Count, d => V.Count(d.ReproofJobs))
        .Add(new SectionLayout<ProvingDeadlineResult>("slashed_by_prover", _ => "slashed by prover", TextShape.Heading, "slashedByProverWei", JsonShape.Array)
            .Each(
                d => d.SlashedByProver.Select((wei, i) => (Wei: wei, Prover: i.ToString(CultureInfo.InvariantCulture))),
                ItemLayout.Row<(UInt128 Wei, string Prover)>(w => "prover_" + w.Prover, w => "prover " + w.Prover, _ => string.Empty, K.Wei, w => V.Wei(w.Wei, TextStyle.EtherAndGwei))));

    // Tree aggregation (`aggregation { ... }`): a heading in the rollup's proving section.
    private static readonly SectionLayout<ProofAggregationResult> Aggregation = Sections.Section<ProofAggregationResult>("aggregation", "aggregation tree", "aggregation")
        .Row("arity", "arity", "arity", K.Count, a => V.Count(a.Arity))
        .Row("leaves", "leaf proofs", "leaves", K.Count, a => V.Count(a.Leaves))
        .Row("depth", "tree depth (deepest block)", "maxDepth", K.Count, a => V.Count(a.MaxDepth))
        .Row("jobs", "aggregation jobs", "jobs", K.Count, a => V.Count(a.Jobs))
        .Row("wraps", "wrap jobs", "wraps", K.Count, a => V.Count(a.Wraps))
        .Nest(a => a.Latency, Sections.Latency("latency", "aggregation latency (last leaf to root)", "latencyMicroseconds"));

    // Verification on L1 (`verification { ... }`): a heading in the rollup's proving section.
    private static readonly SectionLayout<ProofVerificationResult> Verification = Sections.Section<ProofVerificationResult>("verification", "L1 verification", "verification")
        .Row("gas", "gas per verification", "gas", K.Gas, v => V.Gas(v.Gas))
        .Row("every", "every", "everyMicroseconds", K.Duration, v => V.Duration(v.Every, TextStyle.Seconds))
        .Row("shared_by", "rollups per verification (at most)", "sharedBy", K.Count, v => V.Count(v.SharedBy))
        .Row("verifications", "verifications", "verifications", K.Count, v => V.Count(v.Verifications))
        .Row("shared", "shared with other rollups", "shared", K.Count, v => V.Count(v.Shared))
        .Row("blocks", "blocks verified", "verifiedBlocks", K.Count, v => V.Count(v.VerifiedBlocks))
        .Nest(v => v.Latency, Sections.Latency("latency", "latency (seal to verified on L1)", "latencyMicroseconds"))
        .Row("jobs", "aggregation jobs for verification", "aggregationJobs", K.Count, v => V.Count(v.AggregationJobs))
        .Row("gas_used", "gas of its verifications", "gasUsed", K.Gas, v => V.Gas(v.Gas * (ulong)v.Verifications))
        .Row("cost", "cost (its share)", "costWei", K.Wei, v => V.Wei(v.Cost, TextStyle.EtherAndGwei))
        .Row("alone", "cost if verified alone", "aloneWei", K.Wei, v => V.Wei(v.CostAlone, TextStyle.EtherAndGwei));

    public static readonly SectionLayout<ProvingResult> Layout = Sections.Section<ProvingResult>("proving", "proving", "proving")
        .Row("selection", "selection", "selection", K.Text, p => V.Of(p.Selection))
        .Row("pipeline", "pipeline", "pipeline", K.Text, p => V.Of(p.Pipeline))
        .Row("provers", "provers", "provers", K.Count, p => V.Count(p.Provers))
        .Row(M.ProvingProofs, "proofs", "proofs", K.Count, p => V.Count(p.Proofs))
        .Row(M.ProvingPending, "pending at end", "pending", K.Count, p => V.Count(p.Pending))
        .Nest(p => p.Latency, Sections.Latency("latency", "proof latency (seal to proof ready)", "proofLatencyMicroseconds", M.ProvingLatencyP50, M.ProvingLatencyP95, M.ProvingLatencyP99))
        .Row(M.ProvingJobs, "jobs", "jobs", K.Count, p => V.Count(p.Jobs))
        .Row("work", "prover time", "proverMicroseconds", K.Duration, p => V.Duration(p.Work, TextStyle.Seconds))
        .Row("wasted", "wasted prover time", "wastedProverMicroseconds", K.Duration, p => V.Duration(p.Wasted, TextStyle.Seconds))
        .Row("wasted_share", "wasted share", null, K.Ratio, p => V.Ratio((ulong)p.Wasted.Microseconds * 100UL, (ulong)(p.Wasted.Microseconds + p.Work.Microseconds), 1, " %"))
        .Row("nonce_attempts", "nonce attempts", "nonceAttempts", K.BigCount, p => V.BigCount(p.Attempts))
        .Row(M.ProvingCost, "cost", "costWei", K.Wei, p => V.Wei(p.Cost, TextStyle.EtherAndGwei))

        // Metrics derived from the rows above (and the run's busy time), for expectations and
        // sweeps; the run report does not show them, so existing reports read as before.
        .Metric(M.ProvingCostPerTransaction, K.Wei, p => V.Wei(p.Transactions == 0 ? 0 : p.Cost / (UInt128)(ulong)p.Transactions, TextStyle.EtherAndGwei))
        .Metric(M.ProvingCostPerProof, K.Wei, p => V.Wei(Sealed(p) == 0 ? 0 : p.Cost / (UInt128)(ulong)Sealed(p), TextStyle.EtherAndGwei))
        .Metric(M.ProvingWaste, K.BasisPoints, p => V.BasisPoints(BasisPoints(p.Wasted.Microseconds, p.Wasted.Microseconds + p.Work.Microseconds)))
        .Metric(M.ProvingUtilization, K.BasisPoints, p => V.BasisPoints(BasisPoints(p.BusyInRun.Microseconds, p.Provers * (decimal)p.RunDuration.Microseconds)))
        .Metric(M.ProvingHhi, K.BasisPoints, p => V.BasisPoints(HhiBasisPoints(p)))
        .Metric(M.ProvingTopShare, K.BasisPoints, p => V.BasisPoints(BasisPoints(p.ProofsWon.IsDefaultOrEmpty ? 0 : p.ProofsWon.Max(), p.ProofsWon.IsDefaultOrEmpty ? 0 : p.ProofsWon.Sum())))
        .Metric(M.ProvingDeadlineMissed, K.Count, p => V.Count(p.Deadline?.Missed ?? 0))
        .Metric(M.ProvingDeadlineSlashed, K.Wei, p => V.Wei(p.Deadline?.Slashed ?? UInt128.Zero, TextStyle.EtherAndGwei))
        .Metric(M.ProvingDeadlinePrunedBlocks, K.Count, p => V.Count(p.Deadline?.PrunedBlocks ?? 0))
        .Nest(p => p.Aggregation, Aggregation)
        .Nest(p => p.Verification, Verification)
        .Add(new SectionLayout<ProvingResult>("proofs_won", _ => "proofs won", TextShape.Heading, "proofsWon", JsonShape.Array)
            .Each(
                p => p.ProofsWon.Select((won, i) => (Won: won, Prover: i.ToString(CultureInfo.InvariantCulture))),
                ItemLayout.Row<(long Won, string Prover)>(w => "prover_" + w.Prover, w => "prover " + w.Prover, _ => string.Empty, K.Count, w => V.Count(w.Won))))
        .Nest(p => p.Deadline, DeadlineLayout)
        .Nest(p => p.Market, Market);

    /// <summary>Blocks handed to the provers: those proven by the end and those still pending.</summary>
    private static long Sealed(ProvingResult p) => p.Proofs + p.Pending;

    /// <summary><paramref name="part"/> / <paramref name="whole"/> in basis points, rounded to even; 0 for an empty whole.</summary>
    private static ulong BasisPoints(decimal part, decimal whole) =>
        whole <= 0 ? 0 : (ulong)Math.Round(part * 10_000m / whole, MidpointRounding.ToEven);

    /// <summary>Σ share² of the jobs won, in basis points (10_000 when one prover won them all); 0 when no job was won.</summary>
    private static ulong HhiBasisPoints(ProvingResult p)
    {
        var total = p.ProofsWon.IsDefaultOrEmpty ? 0 : p.ProofsWon.Sum();
        if (total == 0)
        {
            return 0;
        }

        // Exact in integers up to the rounding: Σ won² × 10_000 / total².
        decimal squares = 0;
        foreach (var won in p.ProofsWon)
        {
            squares += (decimal)won * won;
        }

        return (ulong)Math.Round(squares * 10_000m / ((decimal)total * total), MidpointRounding.ToEven);
    }

    private static SectionLayout<(MarketProverResult Prover, long Jobs)> Prover =>
        new SectionLayout<(MarketProverResult Prover, long Jobs)>("prover", p => "prover " + p.Prover.Name + " (" + p.Prover.Bid + ")", TextShape.Heading, null, JsonShape.Object)
        {
            ItemKey = p => "prover." + p.Prover.Name,
        }
            .Row("name", null, "name", K.Text, p => V.Of(p.Prover.Name))
            .Row("bid", null, "bid", K.Text, p => V.Of(p.Prover.Bid))
            .Row("won", "proofs won", "won", K.Count, p => V.Count(p.Prover.Won))
            .Row("share", "share", null, K.Ratio, p => V.Ratio((ulong)p.Prover.Won * 100UL, (ulong)p.Jobs, 1, " %"))
            .Row("revenue", "revenue", "revenueWei", K.Wei, p => V.Wei(p.Prover.Revenue, TextStyle.EtherAndGwei))
            .Row("cost", "own cost", "costWei", K.Wei, p => V.Wei(p.Prover.Cost, TextStyle.EtherAndGwei))

            // What it kept over its cost, or lost under it (a hook may bid below cost).
            .Row("loss", null, "loss", K.Flag, p => V.Flag(p.Prover.Revenue < p.Prover.Cost))
            .RowLabelled("margin", p => p.Prover.Revenue >= p.Prover.Cost ? "margin" : "loss", "marginWei", K.Wei, p => V.Wei(Gap(p.Prover), TextStyle.EtherAndGwei))
            .RowLabelled("margin_share", p => p.Prover.Revenue >= p.Prover.Cost ? "margin over cost" : "loss over cost", null, K.Ratio, p => V.Ratio(Gap(p.Prover) * 100, p.Prover.Cost, 1, " %"), inText: p => p.Prover.Cost > 0);

    private static SectionLayout<MarketPeriod> Period =>
        new SectionLayout<MarketPeriod>("period", null, TextShape.Transparent, null, JsonShape.Object)
        {
            ItemKey = t => "tenth_" + t.Tenth.ToString(CultureInfo.InvariantCulture),
        }
            .Row("tenth", null, "tenth", K.Count, t => V.Count(t.Tenth))
            .Row("jobs", null, "jobs", K.Count, t => V.Count(t.Jobs))
            .RowLabelled("mean_price", t => Tenth(t), "meanPriceWei", K.Wei, t => V.Wei(t.Jobs == 0 ? 0 : t.Paid / (ulong)t.Jobs, TextStyle.EtherAndGwei, available: t.Jobs > 0));

    private static SectionLayout<ProofMarketResult> Market => Sections.Section<ProofMarketResult>("market", "market (named provers)", "market")
        .Row("jobs", "jobs auctioned", "jobs", K.Count, m => V.Count(m.Jobs))
        .Row("price_p50", "clearing price p50", "priceMedianWei", K.Wei, m => V.Wei(m.PriceMedian, TextStyle.EtherAndGwei))
        .Row("price_mean", "clearing price mean", "priceMeanWei", K.Wei, m => V.Wei(m.Jobs == 0 ? 0 : m.Paid / (ulong)m.Jobs, TextStyle.EtherAndGwei))
        .Row("hhi", "Herfindahl index (shares of jobs, 10 000 = one prover)", null, K.Ratio, m => Herfindahl(m))
        .Row("saturated", "jobs that found every prover saturated", "saturatedJobs", K.Count, m => V.Count(m.Saturated))
        .Row("saturated_wait", "their added latency, total (ready to auction)", "saturatedWaitMicroseconds", K.Duration, m => V.Duration(m.SaturatedWait, TextStyle.Seconds))
        .Row("saturated_wait_mean", "mean added latency", null, K.Duration, m => V.Duration(new SimDuration(m.Saturated == 0 ? 0 : m.SaturatedWait.Microseconds / m.Saturated), TextStyle.Seconds))
        .Row("saturated_wait_max", "longest added latency", "saturatedWaitMaxMicroseconds", K.Duration, m => V.Duration(m.SaturatedWaitMax, TextStyle.Seconds))
        .Row("queued", "jobs won into a prover's queue", "queuedJobs", K.Count, m => V.Count(m.Queued))
        .Row("queue_wait", "their time queued, total", "queueWaitMicroseconds", K.Duration, m => V.Duration(m.QueueWait, TextStyle.Seconds))
        .Add(new SectionLayout<ProofMarketResult>("provers", _ => "provers", TextShape.Heading, "provers", JsonShape.Array)
            .Each(m => m.Provers.Select(p => (p, m.Jobs)), Prover))
        .Add(new SectionLayout<ProofMarketResult>("price_over_time", _ => "mean clearing price by tenth of the run", TextShape.Heading, "priceOverTime", JsonShape.Array)
            .Each(m => m.Periods, Period));

    private static UInt128 Gap(MarketProverResult p) => p.Revenue >= p.Cost ? p.Revenue - p.Cost : p.Cost - p.Revenue;

    private static string Tenth(MarketPeriod t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.Tenth * 10}–{(t.Tenth + 1) * 10} % ({t.Jobs} jobs)");

    /// <summary>10 000 × Σ wonᵢ² / (Σ wonᵢ)², exactly, to one decimal.</summary>
    private static ReportValue Herfindahl(ProofMarketResult m)
    {
        UInt128 total = 0;
        UInt128 squares = 0;
        foreach (var p in m.Provers)
        {
            total += (ulong)p.Won;
            squares += (UInt128)(ulong)p.Won * (ulong)p.Won;
        }

        return V.Ratio(squares * 10_000, total * total, 1);
    }
}
