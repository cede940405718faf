namespace ProtoScript.Engine.DataAvailability;

/// <summary>
/// What a rollup block's fee settlement read from outside the rollup, carried with the block in
/// its batch so that a replica deriving the rollup from L1 data settles it exactly as the
/// sequencer did (the role of the OP Stack's L1-attributes deposit transaction). A block the L1
/// forced in (no sequencer built it) has all fields zero.
/// </summary>
/// <param name="L1FeeBasis">
/// The L1 price the block's L1 data fees were taken from, in wei per gas: the blob base fee (a
/// blob rollup) or the base fee (a calldata rollup) that the block after the L1 origin charges,
/// i.e. what the L1 head charged when the block was sealed. Derivation checks it against the L1
/// blocks it reads.
/// </param>
/// <param name="CompressedBytes">The compressed bytes of every batch the rollup had posted before the block (the fee scalar's numerator).</param>
/// <param name="EncodedBytes">The encoded bytes of those batches (the fee scalar's denominator; 0 before the first batch).</param>
/// <param name="DaCost">The L1 fees of the rollup's postings that landed since the previous block built by the sequencer: what the block makes owed to data availability.</param>
/// <param name="ProofCost">The proving cost of the blocks before it not yet counted: what the block makes owed to the prover.</param>
public readonly record struct L1Attributes(UInt128 L1FeeBasis, ulong CompressedBytes, ulong EncodedBytes, UInt128 DaCost, UInt128 ProofCost);
