using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <content>The L1 blob market, rollup batches and derivation.</content>
public sealed partial class ScenarioBinder
{
    private static readonly string[] BlobFields = ["target", "max", "update_fraction", "base_fee", "background"];
    private static readonly string[] BatchFields = ["every", "to", "compression"];
    private static readonly string[] CompressionChoices = ["brotli", "zlib", "none"];
    private static readonly string[] DerivationChoices = ["standard"];
    private static readonly string[] DerivationFields = ["sequencing_window", "channel_timeout", "max_sequencer_drift"];

    // The L1's name, so that `to = ethereum.blobs` can be checked against it.
    private string _l1Name = "ethereum";

    private readonly List<HookModel> _hooks = [];

    private HookModel Hook(HookKind kind, string owner, HookSyntax syntax)
    {
        var hook = new HookModel(kind, owner, syntax.Code, syntax.IsExpression, _source, syntax.CodeSpan);
        _hooks.Add(hook);
        return hook;
    }

    private BlobMarketModel BindBlobs(EntrySyntax entry)
    {
        ExtraArgs(entry, 0, "`blobs` takes a block, e.g. `blobs { target = 6  max = 9 }`");
        if (entry.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, entry.Span, "`blobs` needs a block in braces", "write `blobs { target = 6  max = 9 }`");
            return BlobMarketModel.Default;
        }

        var fields = Entries(entry.Body, BlobFields, "in `blobs`");
        int? target = fields.TryGetValue("target", out var t) ? (int?)ReadInteger(t, 0, 1024) : null;
        int? max = fields.TryGetValue("max", out var m) ? (int?)ReadInteger(m, 1, 1024) : null;
        var fraction = fields.TryGetValue("update_fraction", out var f) ? ReadInteger(f, 1, ulong.MaxValue >> 8) : null;
        var baseFee = fields.TryGetValue("base_fee", out var b) ? ReadWei(Value(b), UInt128.One, Wei.PerEther) ?? UInt128.One : UInt128.One;
        var background = fields.TryGetValue("background", out var bg) ? (int?)ReadInteger(bg, 0, 1024) ?? 0 : 0;
        if (target is { } tv && max is { } mv && tv > mv)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, t!.Span, $"the blob target ({tv}) is above the maximum ({mv})", "the target must be at most `max`");
        }

        if (max is { } limit && background > limit)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, bg!.Span, $"{background} background blobs do not fit in a block of at most {limit}", "lower `background`");
        }

        return new BlobMarketModel(target, max, fraction, baseFee, background);
    }

    /// <summary>A percentage from 0 % to 100 %, as a fraction; <paramref name="example"/> is the value the hint shows.</summary>
    private double? ReadShare(EntrySyntax entry, string example)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return null;
        }

        Observe(entry.Head.Text, value, "0 %", "100 %");
        if (value is not QuantityValue { IsPercent: true } percent || percent.Magnitude < 0 || percent.Magnitude > 1)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, value.Span, $"`{entry.Head.Text}` must be a percentage between 0 % and 100 %, found {value.Describe()}", $"e.g. `{entry.Head.Text} = {example}`");
            return null;
        }

        return (double)percent.Magnitude;
    }

    private BatchModel BindBatch(EntrySyntax entry, string rollup)
    {
        ExtraArgs(entry, 0, "`batch` takes a block, e.g. `batch { every = 1 min  to = ethereum.blobs }`");
        if (entry.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, entry.Span, "`batch` needs a block in braces", "write `batch { every = 1 min  to = ethereum.blobs  compression = brotli }`");
            return BatchModel.Default;
        }

        var fields = Entries(entry.Body, BatchFields, $"in the batch of rollup `{rollup}`");
        var every = fields.TryGetValue("every", out var e)
            ? ReadDuration(e, SimDuration.FromMilliseconds(1), SimDuration.FromSeconds(24 * 3600)) ?? BatchModel.Default.Every
            : BatchModel.Default.Every;
        var target = fields.TryGetValue("to", out var to) ? ReadDaTarget(to) : DaTarget.Blobs;
        var compression = CompressionKind.Brotli;
        if (fields.TryGetValue("compression", out var c))
        {
            compression = ReadChoice(c, CompressionChoices) switch
            {
                "zlib" => CompressionKind.Zlib,
                "none" => CompressionKind.None,
                _ => CompressionKind.Brotli,
            };
        }

        return new BatchModel(every, target, compression);
    }

    private DaTarget ReadDaTarget(EntrySyntax entry)
    {
        string[] choices = [_l1Name + ".blobs", _l1Name + ".calldata"];
        var value = ScalarValue(entry);
        if (value is NameValue n && (n.Path == choices[0] || n.Path == choices[1]))
        {
            return n.Path == choices[0] ? DaTarget.Blobs : DaTarget.Calldata;
        }

        if (value is null or ErrorValue)
        {
            return DaTarget.Blobs;
        }

        var suggestion = value is NameValue bad ? NameSuggester.Suggest(bad.Path, choices) : null;
        _diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            _source,
            value.Span,
            value is NameValue b ? $"`{b.Path}` is not a data-availability target" : $"`to` must name where batches go, found {value.Describe()}",
            (suggestion is not null ? $"did you mean `{suggestion}`? " : string.Empty) + "valid values: " + string.Join(", ", choices));
        return DaTarget.Blobs;
    }

    private DerivationModel BindDerivation(EntrySyntax entry, string rollup)
    {
        if (entry is { IsField: true, Value: HookSyntax hook })
        {
            // The hook replaces only the batch-acceptance rule; the channel timeout stays standard.
            return DerivationModel.Standard with { Name = "custom", Hook = Hook(HookKind.Derivation, $"rollup {rollup} derivation", hook) };
        }

        if (entry is { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: "standard" }, Body: var body } })
        {
            ExtraArgs(entry, 0, "`derivation` takes one value");
            var fields = Entries(body, DerivationFields, $"in the derivation of rollup `{rollup}`");
            var standard = DerivationModel.Standard;
            var window = fields.TryGetValue("sequencing_window", out var w) ? ReadInteger(w, 1, 1_000_000) : null;
            var timeout = fields.TryGetValue("channel_timeout", out var t) ? ReadInteger(t, 1, 1_000_000) : null;
            var drift = fields.TryGetValue("max_sequencer_drift", out var d)
                ? ReadDuration(d, SimDuration.FromMilliseconds(0), SimDuration.FromSeconds(24 * 3600))
                : null;
            return standard with
            {
                SequencingWindow = window ?? standard.SequencingWindow,
                ChannelTimeout = timeout ?? standard.ChannelTimeout,
                MaxSequencerDrift = drift ?? standard.MaxSequencerDrift,
            };
        }

        ReadChoice(entry, DerivationChoices);
        return DerivationModel.Standard;
    }
}
