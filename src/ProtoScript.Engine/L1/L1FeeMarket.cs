namespace ProtoScript.Engine.L1;

/// <summary>The fees and usage of one sealed L1 block.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Fork">The name of the fork whose rules priced the block.</param>
/// <param name="BaseFeePerGas">The block's EIP-1559 base fee per gas, in wei.</param>
/// <param name="ExcessBlobGas">The block's EIP-4844 excess blob gas.</param>
/// <param name="BlobBaseFee">The block's blob base fee per blob gas, in wei.</param>
/// <param name="GasUsed">The execution gas the block used.</param>
/// <param name="BlobsUsed">The blobs the block carried.</param>
public readonly record struct L1BlockFees(
    ulong Number,
    string Fork,
    UInt128 BaseFeePerGas,
    ulong ExcessBlobGas,
    UInt128 BlobBaseFee,
    ulong GasUsed,
    ulong BlobsUsed);

/// <summary>
/// The fee state of an L1 chain, stepped one block at a time: each sealed block's gas and blob
/// usage sets the next block's base fee (<see cref="Eip1559"/>) and excess blob gas and blob
/// base fee (<see cref="Eip4844"/>). A pure function of its inputs: the same start and the same
/// usage give the same series.
/// </summary>
public sealed class L1FeeMarket
{
    /// <summary>Starts the market at block <paramref name="firstBlockNumber"/>.</summary>
    /// <param name="spec">The fork's parameters; must pass <see cref="ForkSpec.Validate"/>.</param>
    /// <param name="initialBaseFeePerGas">The first block's base fee per gas, in wei.</param>
    /// <param name="initialExcessBlobGas">The first block's excess blob gas (see
    /// <see cref="Eip4844.ExcessBlobGasForBlobBaseFee"/> to start from a blob base fee).</param>
    /// <param name="firstBlockNumber">The first block's number.</param>
    /// <exception cref="ArgumentException">The spec is inconsistent; the message lists why.</exception>
    public L1FeeMarket(ForkSpec spec, UInt128 initialBaseFeePerGas, ulong initialExcessBlobGas = 0, ulong firstBlockNumber = 0)
    {
        Spec = CheckSpec(spec);
        BlockNumber = firstBlockNumber;
        BaseFeePerGas = initialBaseFeePerGas;
        ExcessBlobGas = initialExcessBlobGas;
        BlobBaseFee = Eip4844.BlobBaseFee(Spec, ExcessBlobGas);
    }

    /// <summary>The rules that price the current block.</summary>
    public ForkSpec Spec { get; private set; }

    /// <summary>The number of the block being built (not yet sealed).</summary>
    public ulong BlockNumber { get; private set; }

    /// <summary>The current block's base fee per gas, in wei.</summary>
    public UInt128 BaseFeePerGas { get; private set; }

    /// <summary>The current block's excess blob gas.</summary>
    public ulong ExcessBlobGas { get; private set; }

    /// <summary>The current block's blob base fee per blob gas, in wei.</summary>
    public UInt128 BlobBaseFee { get; private set; }

    /// <summary>
    /// Seals the current block with the gas and blobs it used, moves to the next block, and
    /// returns the sealed block's fees and usage.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The usage is above the block's gas limit or blob max.</exception>
    public L1BlockFees Seal(ulong gasUsed, ulong blobsUsed)
    {
        if (gasUsed > Spec.GasLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(gasUsed), gasUsed, $"a block may use at most {Spec.GasLimit} gas under '{Spec.Name}'");
        }

        if (blobsUsed > Spec.MaxBlobsPerBlock)
        {
            throw new ArgumentOutOfRangeException(nameof(blobsUsed), blobsUsed, $"a block may carry at most {Spec.MaxBlobsPerBlock} blobs under '{Spec.Name}'");
        }

        var sealedBlock = new L1BlockFees(BlockNumber, Spec.Name, BaseFeePerGas, ExcessBlobGas, BlobBaseFee, gasUsed, blobsUsed);
        var nextExcess = Eip4844.NextExcessBlobGas(Spec, ExcessBlobGas, blobsUsed * Spec.GasPerBlob, BaseFeePerGas);
        BaseFeePerGas = Eip1559.NextBaseFee(Spec, BaseFeePerGas, gasUsed);
        ExcessBlobGas = nextExcess;
        BlobBaseFee = Eip4844.BlobBaseFee(Spec, ExcessBlobGas);
        BlockNumber++;
        return sealedBlock;
    }

    /// <summary>
    /// Prices the current block and every later one by <paramref name="spec"/>, as at a fork
    /// boundary: the excess blob gas carries over and the blob base fee is recomputed with the
    /// new update fraction (EIP-7691, EIP-7892).
    /// </summary>
    public void Activate(ForkSpec spec)
    {
        Spec = CheckSpec(spec);
        BlobBaseFee = Eip4844.BlobBaseFee(Spec, ExcessBlobGas);
    }

    private static ForkSpec CheckSpec(ForkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = spec.Validate();
        return problems.Count == 0
            ? spec
            : throw new ArgumentException($"fork '{spec.Name}' has inconsistent parameters: {string.Join("; ", problems)}", nameof(spec));
    }
}
