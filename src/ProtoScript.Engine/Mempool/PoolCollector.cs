using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;

namespace ProtoScript.Engine.Mempool;

/// <summary>Turns a rollup's pool defences and population counters into its <see cref="MempoolResult"/>.</summary>
internal static class PoolCollector
{
    public static MempoolResult? Collect(RollupChain chain)
    {
        if (chain.Populations is not { } ledger)
        {
            return null;
        }

        var model = chain.Model.Mempool;
        var defences = ImmutableArray.CreateBuilder<string>();
        if (model is not null)
        {
            if (model.PowDifficulty > 0)
            {
                defences.Add(Invariant($"pow {model.PowDifficulty} bits"));
            }

            if (model.RateLimit > 0)
            {
                defences.Add(Invariant($"rate limit {model.RateLimit} per {model.RateWindow} per sender"));
            }

            if (model.MaxPending > 0)
            {
                defences.Add(Invariant($"max pending {model.MaxPending}, lowest fee evicted"));
            }

            if (model.MaxPerSender > 0)
            {
                defences.Add(Invariant($"max {model.MaxPerSender} pending per sender"));
            }

            defences.Add(Invariant($"replacement bump {model.ReplacementBump * 100:0.##} %"));
        }

        var populations = ledger.Collect(chain.Pool.PendingCount, chain.Admission is not null, chain.Validity is not null);
        return new MempoolResult(defences.ToImmutable(), model?.Public ?? true, populations);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
