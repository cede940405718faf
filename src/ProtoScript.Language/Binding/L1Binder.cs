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
        var fields = entry.Body is null ? [] : Entries(entry.Body, SchemaCatalog.L1, "in `l1`");
        var slot = fields.TryGetValue("slot_time", out var slotEntry)
            ? ReadDuration(slotEntry, SchemaCatalog.L1["slot_time"]) ?? SimDuration.FromSeconds(12)
            : SimDuration.FromSeconds(12);
        var l1 = new L1Model(name, slot);
        if (fields.TryGetValue("fork", out var forkEntry) && ReadChoice(forkEntry, SchemaCatalog.L1["fork"].Choices) is { } fork)
        {
            l1 = l1 with { Fork = fork };
        }

        if (fields.TryGetValue("base_fee", out var baseFeeEntry) && ReadWei(Value(baseFeeEntry), UInt128.One, Wei.PerEther) is { } baseFee)
        {
            l1 = l1 with { BaseFee = baseFee };
        }

        if (fields.TryGetValue("background_gas", out var backgroundEntry) && ReadShare(backgroundEntry, "50 %") is { } share)
        {
            l1 = l1 with { BackgroundGas = share };
        }

        if (fields.TryGetValue("blobs", out var blobsEntry))
        {
            l1 = l1 with { Blobs = BindBlobs(blobsEntry) };
        }

        var finality = fields.TryGetValue("finality", out var finalityEntry)
            ? ReadDuration(finalityEntry, SchemaCatalog.L1["finality"])
            : null;
        return l1 with { Finality = finality ?? new SimDuration(slot.Microseconds * 64) };
    }

    private BlobMarketModel BindBlobs(EntrySyntax entry)
    {
        ExtraArgs(entry, 0, "`blobs` takes a block, e.g. `blobs { target = 6  max = 9 }`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`blobs` needs a block in braces", "write `blobs { target = 6  max = 9 }`");
            return BlobMarketModel.Default;
        }

        var fields = Entries(entry.Body, SchemaCatalog.Blobs, "in `blobs`");
        int? target = fields.TryGetValue("target", out var t) ? (int?)ReadInteger(t, SchemaCatalog.Blobs["target"]) : null;
        int? max = fields.TryGetValue("max", out var m) ? (int?)ReadInteger(m, SchemaCatalog.Blobs["max"]) : null;
        var fraction = fields.TryGetValue("update_fraction", out var f) ? ReadInteger(f, SchemaCatalog.Blobs["update_fraction"]) : null;
        var baseFee = fields.TryGetValue("base_fee", out var b) ? ReadWei(Value(b), UInt128.One, Wei.PerEther) ?? UInt128.One : UInt128.One;
        var background = fields.TryGetValue("background", out var bg) ? (int?)ReadInteger(bg, SchemaCatalog.Blobs["background"]) ?? 0 : 0;
        if (target is { } tv && max is { } mv && tv > mv)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, t!.Span, $"the blob target ({tv}) is above the maximum ({mv})", "the target must be at most `max`");
        }

        if (max is { } limit && background > limit)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, bg!.Span, $"{background} background blobs do not fit in a block of at most {limit}", "lower `background`");
        }

        return new BlobMarketModel(target, max, fraction, baseFee, background);
    }
}
