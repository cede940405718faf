using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>
/// A rollup's <c>mempool { pow = 16 bits  rate_limit = 5  max_pending = 2_000 ... }</c>: the pool's
/// defences, and the constructs they cannot be combined with (checked once the whole scenario is
/// bound, since PBS builders, shared sequencing and back-runners are declared outside the rollup).
/// </summary>
internal sealed class MempoolBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The rollup's pool defences, or null when it has no <c>mempool</c> block or its settings are invalid.</summary>
    internal MempoolModel? BindMempool(Dictionary<string, EntrySyntax> fields, string rollup)
    {
        if (!fields.TryGetValue("mempool", out var entry))
        {
            return null;
        }

        return In(entry, () =>
        {
            ExtraArgs(entry, 0, "`mempool` takes a block, e.g. `mempool { max_pending = 2_000 }`");
            if (entry.Body is null)
            {
                Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`mempool` needs a block in braces", "write e.g. `mempool { pow = 16 bits }` or `mempool { rate_limit = 5  rate_window = 1 min }`");
                return null;
            }

            var settings = Entries(entry.Body, SchemaCatalog.Mempool, $"in the mempool of rollup `{rollup}`");
            var schema = SchemaCatalog.Mempool;
            var valid = true;
            var model = new MempoolModel();
            if (settings.TryGetValue("pow", out var pow))
            {
                var bits = ReadInteger(pow, schema["pow"]);
                valid &= bits is not null;
                model = model with { PowDifficulty = (int)(bits ?? 0) };
            }

            model = model with
            {
                RateLimit = ReadCount(settings, "rate_limit", ref valid),
                MaxPending = ReadCount(settings, "max_pending", ref valid),
                MaxPerSender = ReadCount(settings, "max_per_sender", ref valid),
            };
            if (settings.TryGetValue("rate_window", out var window))
            {
                if (!settings.ContainsKey("rate_limit"))
                {
                    Diagnostics.Error(DiagnosticCodes.MissingField, Source, window.Span, "`rate_window` is the window of `rate_limit`, which is not set", "add `rate_limit = 5` (transactions per sender per window), or remove `rate_window`");
                    valid = false;
                }

                var read = ReadDuration(window, schema["rate_window"]);
                valid &= read is not null;
                model = model with { RateWindow = read ?? model.RateWindow };
            }

            if (settings.TryGetValue("replacement_bump", out var bump))
            {
                var read = Binders.Population.ReadBump(bump);
                valid &= read is not null;
                model = model with { ReplacementBump = read ?? model.ReplacementBump };
            }

            if (settings.TryGetValue("public", out var visible))
            {
                var read = ReadBool(visible, "`false`: users send only to the sequencer (private order flow)");
                valid &= read is not null;
                model = model with { Public = read ?? true };
            }

            if (model.MaxPending > 0 && model.MaxPerSender > model.MaxPending)
            {
                Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, settings["max_per_sender"].Span, $"`max_per_sender` ({model.MaxPerSender.ToString(CultureInfo.InvariantCulture)}) is above `max_pending` ({model.MaxPending.ToString(CultureInfo.InvariantCulture)}): one sender could never have that many pending", "lower `max_per_sender` to at most `max_pending`");
                valid = false;
            }

            return valid ? model : null;
        });
    }

    /// <summary>
    /// Refuses the combinations the pool's defences make no sense with or are not modelled with:
    /// PBS builders (they read the pool and build from it), an express lane (its delayed transactions
    /// reach the pool past the admission checks), and, for a private pool (<c>public = false</c>),
    /// back-runners and cross-chain builders, who act on the pending transactions they see.
    /// </summary>
    internal void CheckCombinations(IReadOnlyList<RollupModel> rollups, Dictionary<string, EntrySyntax> rollupSyntax, WorkloadModel workload, ImmutableArray<BuilderModel> builders)
    {
        foreach (var rollup in rollups)
        {
            if (rollup.Mempool is not { } mempool || !rollupSyntax.TryGetValue(rollup.Name, out var syntax) || syntax.Body is null)
            {
                continue;
            }

            var entry = AllNamed(syntax.Body, "mempool").FirstOrDefault() ?? syntax;
            if (rollup.Pbs is not null)
            {
                Refuse(entry, rollup.Name, "PBS builders (`builder NAME for " + rollup.Name + "`)", "they build from the pool on their own, so the admission checks, caps and eviction are not modelled with them");
            }

            if (rollup.ExpressLane is not null)
            {
                Refuse(entry, rollup.Name, "an express lane (`express_lane`)", "its delayed transactions reach the pool past the admission checks");
            }

            if (mempool.PowDifficulty > 0)
            {
                var pow = entry.Body is null ? entry : AllNamed(entry.Body, "pow").FirstOrDefault() ?? entry;
                if (!rollup.Amms.IsDefaultOrEmpty)
                {
                    RefusePow(pow, rollup.Name, "an `amm` pool", "the traders' swaps (users', arbitrageurs', back-runners', searchers') do not search for a proof of work yet, so the pool would refuse them all");
                }

                if (workload.CrossChain.Share > 0 && workload.Streams.Any(s => s.Rollups.Contains(rollup.Name)))
                {
                    RefusePow(pow, rollup.Name, "`cross_chain` transfers", "cross-chain transfers do not search for a proof of work yet, so the pool would refuse them all");
                }
            }

            if (mempool.Public)
            {
                continue;
            }

            var at = entry.Body is null ? entry : AllNamed(entry.Body, "public").FirstOrDefault() ?? entry;
            var targeted = workload.Streams.Any(s => s.Rollups.Contains(rollup.Name));
            if (workload.Trading.BackRunners > 0 && targeted && !rollup.Amms.IsDefaultOrEmpty)
            {
                Refuse(at, rollup.Name, "back-runners (`back_runners`)", "a back-runner trades behind the swaps it sees in the public mempool, and a private pool shows it none");
            }

            foreach (var builder in builders.Where(b => b.Rollups.Contains(rollup.Name)))
            {
                Refuse(at, rollup.Name, $"cross-chain builder `{builder.Name}`", "a builder outside the sequencer builds from the pending transactions it sees, and a private pool shows it none");
            }
        }
    }

    private int ReadCount(Dictionary<string, EntrySyntax> settings, string name, ref bool valid)
    {
        if (!settings.TryGetValue(name, out var entry))
        {
            return 0;
        }

        var read = ReadInteger(entry, SchemaCatalog.Mempool[name]);
        valid &= read is not null;
        return (int)(read ?? 0);
    }

    private void RefusePow(EntrySyntax at, string rollup, string what, string why) =>
        Diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            Source,
            at.Span,
            $"the proof of work of rollup `{rollup}` cannot be combined with {what}: {why}",
            "remove `pow`, or use another defence (`rate_limit`, `max_pending`) on this rollup");

    private void Refuse(EntrySyntax at, string rollup, string what, string why)
    {
        var isPublicLine = at.Head.Text == "public";
        Diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            Source,
            at.Span,
            $"the {(isPublicLine ? "private mempool" : "mempool defences")} of rollup `{rollup}` cannot be combined with {what}: {why}",
            isPublicLine ? $"remove `public = false`, or the {what.Split(" (")[0]}" : $"remove the `mempool` block, or the {what.Split(" (")[0]}");
    }
}
