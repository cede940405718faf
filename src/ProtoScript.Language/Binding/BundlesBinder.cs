using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Streams of bundles over paths of rollups: <c>bundles { path = [A, B, A]  rate = 2 / s ... }</c>
/// in <c>workload</c>. Whether a path has a common block producer is only known once the shared
/// sequencers and builders are bound, so that warning comes from <see cref="WarnAboutAsynchronousPaths"/>.
/// </summary>
internal sealed class BundlesBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The longest path accepted: a bundle is one slot's work, not a tour.</summary>
    internal const int MaxLegs = 16;

    private const decimal MaxRatePerSecond = 10_000m;

    // The `path` value of each bound stream, for the warning that needs the coordinators.
    private readonly List<(BundleStreamModel Model, TextSpan At)> _paths = [];

    internal ImmutableArray<BundleStreamModel> BindBundles(BodySyntax workload, Dictionary<string, EntrySyntax> rollups)
    {
        var result = ImmutableArray.CreateBuilder<BundleStreamModel>();
        foreach (var entry in AllNamed(workload, "bundles"))
        {
            if (In(entry, () => BindStream(entry, rollups)) is { } stream)
            {
                result.Add(stream);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Warns for every path whose rollups no one shared sequencer or builder holds together: its
    /// bundles then go the asynchronous way, hop by hop as cross-chain messages.
    /// </summary>
    internal void WarnAboutAsynchronousPaths(ImmutableArray<SharedSequencerModel> sequencers, ImmutableArray<BuilderModel> builders)
    {
        foreach (var (model, at) in _paths)
        {
            var distinct = model.Path.Distinct(StringComparer.Ordinal).ToList();
            if (!HasCommonBlockProducer(distinct, sequencers, builders))
            {
                Diagnostics.Warning(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    at,
                    $"no shared sequencer or builder holds all of {string.Join(", ", distinct)}: the bundles of path {model.Name} go asynchronously, each hop a cross-chain message delivered in a later block",
                    $"to land every leg in one slot, add `builder NAME for {string.Join(", ", distinct)} {{ simulate = cross_chain }}`");
            }
        }
    }

    private BundleStreamModel? BindStream(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        if (entry.Body is null || entry.IsField)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`bundles` is a block", "write `bundles { path = [A, B, A]  rate = 2 / s }`");
            return null;
        }

        ExtraArgs(entry, 0, "`bundles` takes no arguments");
        var fields = Entries(entry.Body, SchemaCatalog.Bundles, "in `bundles`");
        if (!fields.TryGetValue("path", out var pathEntry))
        {
            MissingField(entry.Head.Span, "path", "bundles", "path = [A, B, A]", entry.Body);
        }

        if (!fields.TryGetValue("rate", out var rateEntry))
        {
            MissingField(entry.Head.Span, "rate", "bundles", "rate = 2 / s", entry.Body);
        }

        var path = pathEntry is null ? default : ReadPath(pathEntry, rollups);
        var rate = rateEntry is null ? null : ReadRate(rateEntry);
        var leg = fields.TryGetValue("leg", out var legEntry) && ReadChoice(legEntry, SchemaCatalog.Bundles["leg"].Choices) == "swap" ? BundleLegKind.Swap : BundleLegKind.Transfer;
        UInt128? value = 1_000_000_000_000_000;
        if (fields.TryGetValue("value", out var valueEntry))
        {
            value = ScalarValue(valueEntry) is { } v and not ErrorValue ? ReadWei(v, 1, MaxWei) : null;
        }

        UInt128? fee = 0;
        if (fields.TryGetValue("priority_fee", out var feeEntry))
        {
            fee = ScalarValue(feeEntry) is { } f and not ErrorValue ? ReadWei(f, 0, MaxWei) : null;
        }

        if (leg == BundleLegKind.Swap && !path.IsDefault)
        {
            foreach (var rollup in path.Distinct(StringComparer.Ordinal).Where(State.LacksPool))
            {
                Diagnostics.Error(
                    DiagnosticCodes.MissingField,
                    Source,
                    legEntry!.Span,
                    $"rollup `{rollup}` has no `amm` pool: a swap leg trades on each path rollup's first pool",
                    $"add `amm \"ETH/USDC\" {{ reserves = (1_000 eth, 3_000_000 usdc) }}` to rollup `{rollup}`, or use `leg = transfer`");
            }
        }

        if (path.IsDefault || rate is null || value is null || fee is null)
        {
            return null;
        }

        var model = new BundleStreamModel(path, rate.Value, leg, value.Value) { PriorityFee = fee.Value };
        _paths.Add((model, pathEntry!.Span));
        return model;
    }

    private static UInt128 MaxWei => (UInt128)1_000_000 * 1_000_000_000_000_000_000;

    private ImmutableArray<string> ReadPath(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        var syntax = entry.IsField ? entry.Value : entry.Args.Length == 1 ? entry.Args[0].Expression : null;
        if (syntax is not ListSyntax list || (entry.IsField && entry.Args.Length > 0))
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, syntax?.Span ?? entry.Span, "`path` must be a list of rollups in brackets", "write `path = [A, B, A]`");
            return default;
        }

        var names = new List<string>();
        var ok = true;
        string? previous = null;
        foreach (var item in list.Items)
        {
            var written = previous;
            previous = (item as PathSyntax)?.Text;
            if (ReadRollupName(new ArgumentSyntax(item, false), rollups) is not { } name)
            {
                ok = false;
                continue;
            }

            if (written == name.Text)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, name.Span, $"rollup `{name.Text}` follows itself in the path: two legs in a row on one rollup are one leg", $"remove the second `{name.Text}`");
                ok = false;
            }

            names.Add(name.Text);
        }

        if (ok && names.Count < 2)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, list.Span, $"a bundle path needs at least 2 legs, found {names.Count}", "name the rollups the bundle goes through, e.g. `path = [A, B]` or `path = [A, B, A]`");
            return default;
        }

        if (ok && names.Count > MaxLegs)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, list.Span, $"a bundle path has at most {MaxLegs} legs, found {names.Count}", "shorten the path");
            return default;
        }

        return ok ? [.. names] : default;
    }

    private double? ReadRate(EntrySyntax entry)
    {
        if (ScalarValue(entry) is not { } value || value is ErrorValue || !ExpectDimension(value, Dimension.Rate, "2 / s"))
        {
            return null;
        }

        var perSecond = ((QuantityValue)value).Magnitude * 1_000_000m;
        if (perSecond <= 0 || perSecond > MaxRatePerSecond)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, "`rate` must be above 0 and at most 10_000 / s", "e.g. `rate = 2 / s`");
            return null;
        }

        return (double)perSecond;
    }
}
