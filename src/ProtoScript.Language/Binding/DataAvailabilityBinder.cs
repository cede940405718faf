using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>The L1 blob market, rollup batches and derivation.</summary>
internal sealed class DataAvailabilityBinder(BindingState state) : ConstructBinder(state)
{
    internal BatchModel BindBatch(EntrySyntax entry, string rollup, ScenarioContext context)
    {
        ExtraArgs(entry, 0, "`batch` takes a block, e.g. `batch { every = 1 min  to = ethereum.blobs }`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`batch` needs a block in braces", "write `batch { every = 1 min  to = ethereum.blobs  compression = brotli }`");
            return BatchModel.Default;
        }

        var fields = Entries(entry.Body, SchemaCatalog.Batch, $"in the batch of rollup `{rollup}`");
        if (fields.TryGetValue("every", out var e))
        {
            ReadDuration(e, SchemaCatalog.Batch["every"]);
        }

        if (fields.TryGetValue("to", out var to))
        {
            ReadDaTarget(to, context.L1Name);
        }

        if (fields.TryGetValue("compression", out var c))
        {
            ReadChoice(c, SchemaCatalog.Batch["compression"].Choices);
        }

        var batch = LowerBatch(Construct(entry.Body)!);
        return fields.TryGetValue("choose", out var choose) ? batch with { ChooseHook = BindChoose(choose, rollup, batch.Target) } : batch;
    }

    // `choose = csharp ...` replaces the cheaper-of-the-two choice of `to = L1.auto`; a fixed target has nothing to choose.
    private HookModel? BindChoose(EntrySyntax entry, string rollup, DaTarget target)
    {
        if (entry is not { IsField: true, Value: HookSyntax code })
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`choose` takes a C# hook", "write `choose = csharp => batch.Cheaper`");
            return null;
        }

        if (target != DaTarget.Auto)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Head.Span, $"`choose` picks blobs or calldata for each batch of `to = L1.auto`, but rollup `{rollup}` posts every batch to {(target == DaTarget.Calldata ? "calldata" : "blobs")}", "write `to = ethereum.auto` (with your L1's name), or remove `choose`");
            return null;
        }

        ExtraArgs(entry, 0, "a hook is the whole value of `choose`");
        return Hook(HookKind.DaChoice, $"rollup {rollup} choose", code);
    }

    /// <summary>The batch's model, from its bound construct: what was accepted, defaults for the rest.</summary>
    private static BatchModel LowerBatch(BoundConstruct batch)
    {
        var compression = batch.Choice("compression") switch
        {
            "zlib" => CompressionKind.Zlib,
            "none" => CompressionKind.None,
            _ => CompressionKind.Brotli,
        };
        return new BatchModel(batch.Duration("every") ?? BatchModel.Default.Every, batch.Value<DaTarget>("to") ?? DaTarget.Blobs, compression);
    }

    private DaTarget ReadDaTarget(EntrySyntax entry, string l1Name)
    {
        string[] choices = [l1Name + ".blobs", l1Name + ".calldata", l1Name + ".auto"];
        var value = ScalarValue(entry);
        if (value is NameValue n && Array.IndexOf(choices, n.Path) is var index and >= 0)
        {
            return Accepted(value, index switch { 0 => DaTarget.Blobs, 1 => DaTarget.Calldata, _ => DaTarget.Auto });
        }

        if (value is null or ErrorValue)
        {
            return DaTarget.Blobs;
        }

        var suggestion = value is NameValue bad ? NameSuggester.Suggest(bad.Path, choices) : null;
        Diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            Source,
            value.Span,
            value is NameValue b ? $"`{b.Path}` is not a data-availability target" : $"`to` must name where batches go, found {value.Describe()}",
            (suggestion is not null ? $"did you mean `{suggestion}`? " : string.Empty) + "valid values: " + string.Join(", ", choices));
        return DaTarget.Blobs;
    }

    internal DerivationModel BindDerivation(EntrySyntax entry, string rollup)
    {
        if (entry is { IsField: true, Value: HookSyntax hook })
        {
            // The hook replaces only the batch-acceptance rule; the channel timeout stays standard.
            return DerivationModel.Standard with { Name = "custom", Hook = Hook(HookKind.Derivation, $"rollup {rollup} derivation", hook) };
        }

        if (entry is { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: "standard" }, Body: var body } })
        {
            ExtraArgs(entry, 0, "`derivation` takes one value");
            var fields = Entries(body, SchemaCatalog.Derivation, $"in the derivation of rollup `{rollup}`");
            foreach (var name in (ReadOnlySpan<string>)["sequencing_window", "channel_timeout"])
            {
                if (fields.TryGetValue(name, out var written))
                {
                    ReadInteger(written, SchemaCatalog.Derivation[name]);
                }
            }

            if (fields.TryGetValue("max_sequencer_drift", out var d))
            {
                ReadDuration(d, SchemaCatalog.Derivation["max_sequencer_drift"]);
            }

            // Lowering: the standard bounds, overridden by the accepted fields.
            var bound = Construct(body)!;
            var standard = DerivationModel.Standard;
            return standard with
            {
                SequencingWindow = bound.Integer("sequencing_window") ?? standard.SequencingWindow,
                ChannelTimeout = bound.Integer("channel_timeout") ?? standard.ChannelTimeout,
                MaxSequencerDrift = bound.Duration("max_sequencer_drift") ?? standard.MaxSequencerDrift,
            };
        }

        ReadChoice(entry, SchemaCatalog.Rollup["derivation"].Choices);
        return DerivationModel.Standard;
    }
}
