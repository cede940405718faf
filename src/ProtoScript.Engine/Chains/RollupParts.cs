using System.Collections.Immutable;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Engine.Validity;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// What a <see cref="RollupChain"/> is assembled from besides its model, ordering and market,
/// handed to its constructor by the setup code (the run, derivation, tests) so that no part is
/// set after the chain exists and the list of block listeners is fixed when it is built.
/// </summary>
/// <remarks>
/// Parts that keep a reference to their chain (the sequencer runtime, the batcher, the
/// cross-chain endpoint, the settlement's view of the L1) are given as factories: the chain and
/// they point at each other, so one of the two must be made first. The chain calls each factory
/// exactly once, at the end of its constructor, when everything the chain owns (state, pool,
/// ledger, metrics) exists, in a fixed order: sequencing, batcher, cross-chain, then the fee
/// settlement's L1 view (which reads the batcher and the provers). A factory may read the chain's
/// model and owned state, but not another factory-made part made after it.
/// The listeners told of every included transaction and sealed block are, in this order, the
/// batcher then the provers; the order is part of every report (it decides who sees a block first).
/// </remarks>
public sealed record RollupParts
{
    /// <summary>A chain driven by hand: no batcher, provers, sequencer faults, validity rule or cross-chain messages.</summary>
    public static RollupParts None { get; } = new();

    /// <summary>The rollup's transaction-validity rule and what it knows of senders, or null.</summary>
    public ValidityGate? Validity { get; init; }

    /// <summary>The rollup's proving, told of every block (forced ones too), or null when no <c>provers</c> block proves it.</summary>
    public Proving.RollupProving? Proving { get; init; }

    /// <summary>Makes the rollup's batcher, told of every sequenced block before any other listener; null for none.</summary>
    public Func<RollupChain, Batcher>? Batcher { get; init; }

    /// <summary>Makes the rollup's cross-chain endpoint (<see cref="CrossChainHub.Connect"/>); null when no messages cross between rollups.</summary>
    public Func<RollupChain, RollupCrossChain>? CrossChain { get; init; }

    /// <summary>The fee-distribution hook of a rollup with a <c>fees</c> block, or null for the built-in split.</summary>
    public IFeeDistributor? FeeDistributor { get; init; }

    /// <summary>The <c>base_fee_market = csharp ...</c> hook of a rollup with one, or null for the built-in markets.</summary>
    public FeeMarket.IBaseFeeRule? BaseFeeRule { get; init; }

    /// <summary>How the settlement turns an L1 fee basis into a price per posted byte.</summary>
    public L1DataPriceRule FeePriceRule { get; init; }

    /// <summary>
    /// Builders competing for every block: each builds a <see cref="BlockCandidate"/> on a
    /// snapshot, the proposer includes one, then the mempool fills the gas left. Empty (the
    /// default) for a rollup whose sequencer builds its own blocks, which then takes no snapshot.
    /// </summary>
    public ImmutableArray<IBlockBuilder> Builders { get; init; } = [];

    /// <summary>
    /// The C# rules of a rollup's PBS builders (<see cref="Pbs.PbsRules"/>), in source order; a
    /// builder without a hook has none and uses the built-in rule. Empty without PBS hooks.
    /// </summary>
    public Pbs.PbsRules PbsRules { get; init; } = Pbs.PbsRules.None;

    /// <summary>Where each user population's transactions are counted, or null when the rollup reports no populations.</summary>
    public Workload.PopulationLedger? Populations { get; init; }

    /// <summary>How the proposer picks among the candidates (their index); null for <see cref="BlockCandidate.MostValuable"/>.</summary>
    public Func<IReadOnlyList<BlockCandidate>, int>? ChooseCandidate { get; init; }

    /// <summary>
    /// Addresses kept after every other account for the accounts users create by sending to a
    /// fresh address (<see cref="Workload.FreshAccounts.Reserve"/>); 0 (the default) for none.
    /// </summary>
    public int FreshAccounts { get; init; }

    /// <summary>
    /// Contract-storage slots the rollup's state keeps for storage writes
    /// (<see cref="Workload.StorageReserve.Slots"/>); 0 (the default) for a rollup with no contract storage.
    /// </summary>
    public int StorageSlots { get; init; }

    /// <summary>Makes the sequencer's runtime (faults, L1 routes, withholding); null for a chain driven by hand or by derivation.</summary>
    internal Func<RollupChain, SequencerRuntime>? Sequencing { get; init; }

    /// <summary>Makes the sequencer's view of the L1 that gives each block it builds its fee attributes; null on a replica.</summary>
    internal Func<RollupChain, SequencerL1Attributes>? FeeAttributes { get; init; }
}
