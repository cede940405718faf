namespace ProtoScript.Language.Model;

/// <summary>Where a rollup posts its batches on L1.</summary>
public enum DaTarget
{
    /// <summary>EIP-4844 blobs (128 KiB each, priced by the blob base fee).</summary>
    Blobs,

    /// <summary>Transaction calldata (priced in L1 gas).</summary>
    Calldata,

    /// <summary>
    /// Each batch to blobs or calldata, whichever costs less at the moment it is posted (op-batcher's
    /// <c>--data-availability-type=auto</c>).
    /// </summary>
    Auto,
}

/// <summary>How a batch's bytes are compressed before they are posted.</summary>
public enum CompressionKind
{
    /// <summary>Posted as encoded, uncompressed.</summary>
    None,

    /// <summary>Brotli (the OP Stack's choice since Fjord).</summary>
    Brotli,

    /// <summary>zlib (the OP Stack's original channel compression).</summary>
    Zlib,
}

/// <summary>
/// Overrides of the L1 fork's blob parameters; a null field keeps the fork's value.
/// </summary>
/// <param name="Target">Target blobs per L1 block.</param>
/// <param name="Max">Maximum blobs per L1 block.</param>
/// <param name="UpdateFraction">The blob base fee update fraction of EIP-4844.</param>
/// <param name="BaseFee">The blob base fee per blob gas at genesis, in wei (at least 1).</param>
/// <param name="Background">Blobs that other L1 users post in every block, besides the scenario's rollups.</param>
public sealed record BlobMarketModel(int? Target, int? Max, ulong? UpdateFraction, UInt128 BaseFee, int Background = 0)
{
    /// <summary>The fork's parameters, with the minimum blob base fee at genesis and no other blob users.</summary>
    public static BlobMarketModel Default { get; } = new(null, null, null, UInt128.One);
}

/// <summary>How a rollup's sequencer posts its blocks to L1.</summary>
/// <param name="Every">Time between batch submissions.</param>
/// <param name="Target">Blobs or calldata.</param>
/// <param name="Compression">The compression applied to the encoded batch.</param>
public sealed record BatchModel(SimDuration Every, DaTarget Target, CompressionKind Compression)
{
    /// <summary>With <see cref="DaTarget.Auto"/>: the <c>choose = csharp ...</c> hook that picks blobs or calldata for each batch; null for the built-in cheaper-of-the-two.</summary>
    public HookModel? ChooseHook { get; init; }

    /// <summary>One batch a minute, to blobs, Brotli-compressed.</summary>
    public static BatchModel Default { get; } = new(SimDuration.FromSeconds(60), DaTarget.Blobs, CompressionKind.Brotli);
}

/// <summary>
/// How verifiers derive a rollup's blocks from L1 data, and the bounds that derivation
/// enforces on the sequencer (the OP Stack's names and meanings).
/// </summary>
/// <param name="Name">The built-in derivation (<c>standard</c>), or <c>custom</c> when <paramref name="Hook"/> is set.</param>
/// <param name="SequencingWindow">How many L1 blocks after its origin a batch may land in.</param>
/// <param name="ChannelTimeout">How many L1 blocks all frames of one channel must land within.</param>
/// <param name="MaxSequencerDrift">How far an L2 block's time may run ahead of its L1 origin.</param>
/// <param name="Hook">A C# derivation hook, or null for the built-in one.</param>
public sealed record DerivationModel(string Name, ulong SequencingWindow, ulong ChannelTimeout, SimDuration MaxSequencerDrift, HookModel? Hook = null)
{
    /// <summary>The OP Stack mainnet values: a 3600-block window, a 50-block channel timeout (Granite), 1800 s drift.</summary>
    public static DerivationModel Standard { get; } = new("standard", 3600, 50, SimDuration.FromSeconds(1800));
}
