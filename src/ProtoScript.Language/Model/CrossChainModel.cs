namespace ProtoScript.Language.Model;

/// <summary>
/// Cross-chain traffic of the workload: a share of each stream's transactions are transfers
/// from the rollup they are sent on to another rollup of the same stream.
/// </summary>
/// <param name="Share">The share of a stream's arrivals that are cross-chain transfers, 0 to 1.</param>
public sealed record CrossChainModel(double Share)
{
    /// <summary>No cross-chain traffic.</summary>
    public static readonly CrossChainModel None = new(0);

    /// <summary>
    /// When a destination trusts a message: false (<c>l1_inclusion</c>, the default) once the
    /// source batch carrying it lands on L1; true (<c>l1_finality</c>) once that L1 block is final.
    /// </summary>
    public bool AfterFinality { get; init; }

    /// <summary>
    /// True for <c>cross_chain_trust = soft</c>: a destination trusts a message as soon as the
    /// source block carrying it is sealed (soft-confirmed), at the risk that the block is reorged.
    /// </summary>
    public bool OnSoftConfirmation { get; init; }

    /// <summary>
    /// True for <c>cross_chain_trust = validity_proof</c>: a destination trusts a message once the
    /// proof of the source block carrying it is verified on L1 (every source rollup is proven).
    /// </summary>
    public bool OnValidityProof { get; init; }
}
