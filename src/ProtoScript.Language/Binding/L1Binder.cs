using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>The <c>l1</c> block and its blob market.</summary>
internal sealed class L1Binder(BindingState state) : ConstructBinder(state)
{
    internal L1Model BindL1(EntrySyntax entry)
    {
        var name = "ethereum";
        if (entry.Args.Length >= 1 && entry.Args[0].Expression is PathSyntax { Parts.Length: 1 } p)
        {
            name = p.Text;
        }

        ExtraArgs(entry, 1, "`l1` takes one name, e.g. `l1 ethereum { ... }`");

        // Binding: each field is read against its schema into the bound tree.
        var fields = entry.Body is null ? [] : Entries(entry.Body, SchemaCatalog.L1, "in `l1`");
        if (fields.TryGetValue("slot_time", out var slotEntry))
        {
            ReadDuration(slotEntry, SchemaCatalog.L1["slot_time"]);
        }

        if (fields.TryGetValue("fork", out var forkEntry))
        {
            ReadChoice(forkEntry, SchemaCatalog.L1["fork"].Choices);
        }

        if (fields.TryGetValue("base_fee", out var baseFeeEntry))
        {
            ReadWei(Value(baseFeeEntry), UInt128.One, Wei.PerEther);
        }

        if (fields.TryGetValue("background_gas", out var backgroundEntry))
        {
            ReadShare(backgroundEntry, "50 %");
        }

        if (fields.TryGetValue("blobs", out var blobsEntry))
        {
            BindBlobs(blobsEntry);
        }

        if (fields.TryGetValue("finality", out var finalityEntry))
        {
            ReadDuration(finalityEntry, SchemaCatalog.L1["finality"]);
        }

        return Lower(name, Construct(entry.Body));
    }

    /// <summary>The L1's model, from its bound construct: what was accepted, defaults for the rest.</summary>
    private static L1Model Lower(string name, BoundConstruct? l1)
    {
        var slot = l1?.Duration("slot_time") ?? SimDuration.FromSeconds(12);
        var model = new L1Model(name, slot);
        if (l1 is null)
        {
            return model with { Finality = new SimDuration(slot.Microseconds * 64) };
        }

        if (l1.Choice("fork") is { } fork)
        {
            model = model with { Fork = fork };
        }

        if (l1.Wei("base_fee") is { } baseFee)
        {
            model = model with { BaseFee = baseFee };
        }

        if (l1.Share("background_gas") is { } share)
        {
            model = model with { BackgroundGas = share };
        }

        if (l1.Field("blobs")?.Block is { } blobs)
        {
            model = model with { Blobs = LowerBlobs(blobs) };
        }
        else if (l1.Field("blobs") is not null)
        {
            model = model with { Blobs = BlobMarketModel.Default };
        }

        return model with { Finality = l1.Duration("finality") ?? new SimDuration(slot.Microseconds * 64) };
    }

    private void BindBlobs(EntrySyntax entry)
    {
        ExtraArgs(entry, 0, "`blobs` takes a block, e.g. `blobs { target = 6  max = 9 }`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`blobs` needs a block in braces", "write `blobs { target = 6  max = 9 }`");
            return;
        }

        var fields = Entries(entry.Body, SchemaCatalog.Blobs, "in `blobs`");
        foreach (var name in (ReadOnlySpan<string>)["target", "max", "update_fraction", "background"])
        {
            if (fields.TryGetValue(name, out var field))
            {
                ReadInteger(field, SchemaCatalog.Blobs[name]);
            }
        }

        if (fields.TryGetValue("base_fee", out var b))
        {
            ReadWei(Value(b), UInt128.One, Wei.PerEther);
        }

        // Checks across fields read the accepted values, as lowering does.
        var blobs = Construct(entry.Body)!;
        var (target, max, background) = ((int?)blobs.Integer("target"), (int?)blobs.Integer("max"), (int?)blobs.Integer("background") ?? 0);
        if (target is { } tv && max is { } mv && tv > mv)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, fields["target"].Span, $"the blob target ({tv}) is above the maximum ({mv})", "the target must be at most `max`");
        }

        if (max is { } limit && background > limit)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, fields["background"].Span, $"{background} background blobs do not fit in a block of at most {limit}", "lower `background`");
        }
    }

    /// <summary>The blob market's model, from its bound construct.</summary>
    private static BlobMarketModel LowerBlobs(BoundConstruct blobs) =>
        new((int?)blobs.Integer("target"), (int?)blobs.Integer("max"), blobs.Integer("update_fraction"), blobs.Wei("base_fee") ?? UInt128.One, (int?)blobs.Integer("background") ?? 0);
}
