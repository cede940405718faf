namespace ProtoScript.Engine.L1;

/// <summary>
/// The protocol parameters of one L1 fork: everything the fee market and the
/// data-availability cost rules read, as data rather than constants in code (in the
/// spirit of Nethermind's <c>IReleaseSpec</c>). The known forks are in <see cref="Forks"/>;
/// a scenario picks one by name and may override any parameter with a
/// <see langword="with"/> expression or <see cref="ForkOverrides"/>.
/// </summary>
/// <remarks>
/// Optional rules are <see langword="null"/> when the fork does not have them: a fork
/// without <see href="https://eips.ethereum.org/EIPS/eip-7918">EIP-7918</see> has no
/// <see cref="BlobBaseCost"/>, one without
/// <see href="https://eips.ethereum.org/EIPS/eip-7623">EIP-7623</see> has no
/// <see cref="CalldataFloorPerToken"/>. Call <see cref="Validate"/> after overriding.
/// </remarks>
public sealed record ForkSpec
{
    /// <summary>The fork's name as a scenario writes it, e.g. <c>prague</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The block gas limit. Validators vote it; it is not a fork rule, so the known forks
    /// carry the mainnet limit around their activation.
    /// </summary>
    public required ulong GasLimit { get; init; }

    /// <summary>
    /// <c>ELASTICITY_MULTIPLIER</c> of <see href="https://eips.ethereum.org/EIPS/eip-1559">EIP-1559</see>:
    /// the gas limit divided by the gas target (2 on mainnet).
    /// </summary>
    public ulong ElasticityMultiplier { get; init; } = 2;

    /// <summary>
    /// <c>BASE_FEE_MAX_CHANGE_DENOMINATOR</c> of
    /// <see href="https://eips.ethereum.org/EIPS/eip-1559">EIP-1559</see>: the base fee moves by
    /// at most 1/8 (12.5 %) per block.
    /// </summary>
    public ulong BaseFeeMaxChangeDenominator { get; init; } = 8;

    /// <summary>The gas a block aims to use: <c>GasLimit / ElasticityMultiplier</c> (EIP-1559).</summary>
    public ulong GasTarget => GasLimit / ElasticityMultiplier;

    /// <summary>
    /// <c>FIELD_ELEMENTS_PER_BLOB</c> of <see href="https://eips.ethereum.org/EIPS/eip-4844">EIP-4844</see> (4096).
    /// </summary>
    public ulong FieldElementsPerBlob { get; init; } = 4096;

    /// <summary>Bytes in one BLS12-381 scalar field element of a blob (32, EIP-4844).</summary>
    public ulong BytesPerFieldElement { get; init; } = 32;

    /// <summary>
    /// <c>GAS_PER_BLOB</c> of <see href="https://eips.ethereum.org/EIPS/eip-4844">EIP-4844</see>:
    /// 2^17 blob gas per blob, one per byte of the 131072-byte blob.
    /// </summary>
    public ulong GasPerBlob { get; init; } = 1UL << 17;

    /// <summary>
    /// Target blobs per block: blob gas above <c>TargetBlobsPerBlock × GasPerBlob</c> raises the
    /// blob base fee, below it lowers it (EIP-4844; 3 in Cancun, 6 from Prague's
    /// <see href="https://eips.ethereum.org/EIPS/eip-7691">EIP-7691</see>, then
    /// <see href="https://eips.ethereum.org/EIPS/eip-7892">EIP-7892</see> blob-parameter-only forks).
    /// </summary>
    public required ulong TargetBlobsPerBlock { get; init; }

    /// <summary>The most blobs one block may carry (EIP-4844 / EIP-7691 / EIP-7892).</summary>
    public required ulong MaxBlobsPerBlock { get; init; }

    /// <summary>
    /// <c>BLOB_BASE_FEE_UPDATE_FRACTION</c> of EIP-4844: the blob base fee is
    /// <c>MIN_BASE_FEE_PER_BLOB_GAS · e^(excess / fraction)</c>, so this sets how fast it moves.
    /// </summary>
    public required ulong BlobBaseFeeUpdateFraction { get; init; }

    /// <summary><c>MIN_BASE_FEE_PER_BLOB_GAS</c> of EIP-4844: the blob base fee never goes below it (1 wei).</summary>
    public UInt128 MinBaseFeePerBlobGas { get; init; } = 1;

    /// <summary>
    /// The most blobs one transaction may carry. Before Osaka only the block limit applied;
    /// <see href="https://eips.ethereum.org/EIPS/eip-7594">EIP-7594</see> (PeerDAS) caps a
    /// transaction at 6.
    /// </summary>
    public required ulong MaxBlobsPerTransaction { get; init; }

    /// <summary>
    /// <c>BLOB_BASE_COST</c> of <see href="https://eips.ethereum.org/EIPS/eip-7918">EIP-7918</see>
    /// (2^13): the execution gas whose price a blob must at least fetch. When
    /// <c>BLOB_BASE_COST · base_fee_per_gas</c> exceeds <c>GAS_PER_BLOB · blob_base_fee</c>, the
    /// excess blob gas stops falling. <see langword="null"/> before Osaka.
    /// </summary>
    public ulong? BlobBaseCost { get; init; }

    /// <summary>The gas every transaction pays before its data (21000, the Yellow Paper's G_transaction).</summary>
    public ulong TransactionBaseGas { get; init; } = 21_000;

    /// <summary>
    /// <c>STANDARD_TOKEN_COST</c>: gas per calldata token, where a zero byte is one token and a
    /// non-zero byte four. That is 4 gas per zero byte and 16 per non-zero byte, the pricing of
    /// <see href="https://eips.ethereum.org/EIPS/eip-2028">EIP-2028</see>.
    /// </summary>
    public ulong StandardTokenCost { get; init; } = 4;

    /// <summary>How many tokens a non-zero calldata byte counts for (4; EIP-2028 16 gas over 4).</summary>
    public ulong TokensPerNonZeroByte { get; init; } = 4;

    /// <summary>
    /// <c>TOTAL_COST_FLOOR_PER_TOKEN</c> of <see href="https://eips.ethereum.org/EIPS/eip-7623">EIP-7623</see>
    /// (10): a data-heavy transaction pays at least 10 gas per token, i.e. 10 per zero byte and
    /// 40 per non-zero byte. <see langword="null"/> before Prague.
    /// </summary>
    public ulong? CalldataFloorPerToken { get; init; }

    /// <summary>
    /// The most gas one transaction may use, if the fork caps it
    /// (<see href="https://eips.ethereum.org/EIPS/eip-7825">EIP-7825</see>, 2^24 from Osaka);
    /// otherwise only the block gas limit bounds it.
    /// </summary>
    public ulong? MaxTransactionGas { get; init; }

    /// <summary>Bytes in one blob: <c>FieldElementsPerBlob × BytesPerFieldElement</c> (131072).</summary>
    public ulong BlobSizeBytes => FieldElementsPerBlob * BytesPerFieldElement;

    /// <summary>
    /// Payload bytes one blob can carry: 31 of every 32-byte field element (126976 for a
    /// 4096-element blob). A field element must be below the BLS12-381 scalar modulus
    /// (just under 2^255), so an encoder cannot use all 256 bits of it; the simple, common
    /// encoding keeps the top byte zero and fills the other 31. (The OP Stack's encoding also
    /// packs the spare 6 bits of every element, reaching 130044 bytes; we use the plain rule.)
    /// </summary>
    public ulong UsableBytesPerBlob => FieldElementsPerBlob * (BytesPerFieldElement - 1);

    /// <summary>Blob gas a block aims to use: <c>TargetBlobsPerBlock × GasPerBlob</c>.</summary>
    public ulong TargetBlobGasPerBlock => TargetBlobsPerBlock * GasPerBlob;

    /// <summary>The most blob gas a block may use: <c>MaxBlobsPerBlock × GasPerBlob</c>.</summary>
    public ulong MaxBlobGasPerBlock => MaxBlobsPerBlock * GasPerBlob;

    /// <summary>Whether the fork has EIP-7918's blob reserve price.</summary>
    public bool HasBlobReservePrice => BlobBaseCost is not null;

    /// <summary>Whether the fork has EIP-7623's calldata floor.</summary>
    public bool HasCalldataFloor => CalldataFloorPerToken is not null;

    /// <summary>The most gas one transaction may use: the fork's cap, or else the block gas limit.</summary>
    public ulong TransactionGasLimit => MaxTransactionGas is { } cap ? Math.Min(cap, GasLimit) : GasLimit;

    /// <summary>
    /// Lists what is inconsistent about these parameters (after overrides), each as a
    /// sentence naming the parameter and how to fix it; empty when the spec is usable.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ElasticityMultiplier == 0)
        {
            problems.Add("elasticity multiplier must be at least 1 (mainnet: 2)");
        }
        else if (GasTarget == 0)
        {
            problems.Add($"gas limit {GasLimit} gives a gas target of 0 with elasticity {ElasticityMultiplier}; raise the gas limit");
        }

        if (BaseFeeMaxChangeDenominator == 0)
        {
            problems.Add("base fee max change denominator must be at least 1 (mainnet: 8)");
        }

        if (FieldElementsPerBlob == 0 || BytesPerFieldElement < 2)
        {
            problems.Add("a blob needs at least one field element of at least 2 bytes (mainnet: 4096 × 32)");
        }

        if (GasPerBlob == 0)
        {
            problems.Add("gas per blob must be at least 1 (mainnet: 131072)");
        }

        if (MaxBlobsPerBlock == 0)
        {
            problems.Add("max blobs per block must be at least 1");
        }

        if (TargetBlobsPerBlock > MaxBlobsPerBlock)
        {
            problems.Add($"blob target {TargetBlobsPerBlock} is above the blob max {MaxBlobsPerBlock}; the target must not exceed the max");
        }

        if (BlobBaseFeeUpdateFraction == 0)
        {
            problems.Add("blob base fee update fraction must be at least 1");
        }

        if (MinBaseFeePerBlobGas == 0)
        {
            problems.Add("the minimum blob base fee must be at least 1 wei, or the blob fee could never rise");
        }

        if (MaxBlobsPerTransaction == 0)
        {
            problems.Add("max blobs per transaction must be at least 1");
        }

        if (StandardTokenCost == 0 || TokensPerNonZeroByte == 0)
        {
            problems.Add("calldata token cost and tokens per non-zero byte must be at least 1");
        }

        if (TransactionGasLimit <= TransactionBaseGas)
        {
            problems.Add($"a transaction may use at most {TransactionGasLimit} gas, not more than its base cost {TransactionBaseGas}; raise the gas limit");
        }

        return problems;
    }

    /// <summary>Returns this spec with every non-null field of <paramref name="overrides"/> applied.</summary>
    public ForkSpec With(ForkOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return this with
        {
            GasLimit = overrides.GasLimit ?? GasLimit,
            ElasticityMultiplier = overrides.ElasticityMultiplier ?? ElasticityMultiplier,
            BaseFeeMaxChangeDenominator = overrides.BaseFeeMaxChangeDenominator ?? BaseFeeMaxChangeDenominator,
            TargetBlobsPerBlock = overrides.TargetBlobsPerBlock ?? TargetBlobsPerBlock,
            MaxBlobsPerBlock = overrides.MaxBlobsPerBlock ?? MaxBlobsPerBlock,
            BlobBaseFeeUpdateFraction = overrides.BlobBaseFeeUpdateFraction ?? BlobBaseFeeUpdateFraction,
            MinBaseFeePerBlobGas = overrides.MinBaseFeePerBlobGas ?? MinBaseFeePerBlobGas,
            MaxBlobsPerTransaction = overrides.MaxBlobsPerTransaction ?? MaxBlobsPerTransaction,
            BlobBaseCost = overrides.BlobBaseCost is { } cost ? (cost == 0 ? null : cost) : BlobBaseCost,
            CalldataFloorPerToken = overrides.CalldataFloorPerToken is { } floor ? (floor == 0 ? null : floor) : CalldataFloorPerToken,
            MaxTransactionGas = overrides.MaxTransactionGas is { } cap ? (cap == 0 ? null : cap) : MaxTransactionGas,
            FieldElementsPerBlob = overrides.FieldElementsPerBlob ?? FieldElementsPerBlob,
            BytesPerFieldElement = overrides.BytesPerFieldElement ?? BytesPerFieldElement,
            GasPerBlob = overrides.GasPerBlob ?? GasPerBlob,
            TransactionBaseGas = overrides.TransactionBaseGas ?? TransactionBaseGas,
            StandardTokenCost = overrides.StandardTokenCost ?? StandardTokenCost,
            TokensPerNonZeroByte = overrides.TokensPerNonZeroByte ?? TokensPerNonZeroByte,
        };
    }
}

/// <summary>
/// Parameter overrides a scenario puts on top of a named fork, e.g.
/// <c>l1 { fork = prague  blobs { target = 4 } }</c>; <see langword="null"/> keeps the fork's value.
/// For the optional rules (<see cref="BlobBaseCost"/>, <see cref="CalldataFloorPerToken"/>,
/// <see cref="MaxTransactionGas"/>) 0 switches the rule off and any other value switches it on.
/// </summary>
public sealed record ForkOverrides
{
    /// <summary>Overrides <see cref="ForkSpec.GasLimit"/>.</summary>
    public ulong? GasLimit { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.ElasticityMultiplier"/>.</summary>
    public ulong? ElasticityMultiplier { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.BaseFeeMaxChangeDenominator"/>.</summary>
    public ulong? BaseFeeMaxChangeDenominator { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.TargetBlobsPerBlock"/>.</summary>
    public ulong? TargetBlobsPerBlock { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.MaxBlobsPerBlock"/>.</summary>
    public ulong? MaxBlobsPerBlock { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.BlobBaseFeeUpdateFraction"/>.</summary>
    public ulong? BlobBaseFeeUpdateFraction { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.MinBaseFeePerBlobGas"/>.</summary>
    public UInt128? MinBaseFeePerBlobGas { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.MaxBlobsPerTransaction"/>.</summary>
    public ulong? MaxBlobsPerTransaction { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.BlobBaseCost"/>; 0 turns EIP-7918 off.</summary>
    public ulong? BlobBaseCost { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.CalldataFloorPerToken"/>; 0 turns EIP-7623 off.</summary>
    public ulong? CalldataFloorPerToken { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.MaxTransactionGas"/>; 0 removes the cap.</summary>
    public ulong? MaxTransactionGas { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.FieldElementsPerBlob"/>.</summary>
    public ulong? FieldElementsPerBlob { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.BytesPerFieldElement"/>.</summary>
    public ulong? BytesPerFieldElement { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.GasPerBlob"/>.</summary>
    public ulong? GasPerBlob { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.TransactionBaseGas"/>.</summary>
    public ulong? TransactionBaseGas { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.StandardTokenCost"/>.</summary>
    public ulong? StandardTokenCost { get; init; }

    /// <summary>Overrides <see cref="ForkSpec.TokensPerNonZeroByte"/>.</summary>
    public ulong? TokensPerNonZeroByte { get; init; }
}
