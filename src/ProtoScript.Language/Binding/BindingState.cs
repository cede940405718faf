using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// The state shared by the binders of one scenario: the file being read (switched to an
/// imported file while binding its statements), the diagnostics, and what earlier
/// declarations made known to later ones (tokens, pools, templates, hooks).
/// </summary>
internal sealed class BindingState
{
    public BindingState(SourceText source, DiagnosticBag diagnostics, ImmutableArray<ImportedDocument> imports)
    {
        Source = source;
        Diagnostics = diagnostics;
        Evaluator = new Evaluator(source, diagnostics);
        Imports = imports.IsDefault ? [] : imports;
        Binders = new ConstructBinders(this);
    }

    /// <summary>The file being bound; an imported file while binding statements that come from it.</summary>
    public SourceText Source { get; set; }

    /// <summary>Where problems go.</summary>
    public DiagnosticBag Diagnostics { get; }

    /// <summary>Evaluates expressions; knows the units, declared tokens included.</summary>
    public Evaluator Evaluator { get; }

    /// <summary>The files the scenario imports.</summary>
    public ImmutableArray<ImportedDocument> Imports { get; }

    /// <summary>One binder per construct, created on first use.</summary>
    public ConstructBinders Binders { get; }

    /// <summary>The bound tree the binders record into as they read.</summary>
    public BoundTreeBuilder Bound { get; } = new();

    /// <summary>Names that are present but misspelt or broken, per block: such a field gets one error, not a second "missing" one.</summary>
    public HashSet<(int Block, string Name)> Suggested { get; } = [];

    /// <summary>Every hook bound so far, in source order.</summary>
    public List<HookModel> Hooks { get; } = [];

    /// <summary>Declared tokens by unit name.</summary>
    public Dictionary<string, TokenModel> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Declared tokens in declaration order.</summary>
    public List<TokenModel> TokenOrder { get; } = [];

    /// <summary>Each bound rollup's pools, for the workload's checks.</summary>
    public Dictionary<string, ImmutableArray<AmmModel>> RollupPools { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Rollups that declare an <c>amm</c> whose binding failed (an unknown token, a misnamed pair):
    /// that error is the root cause, so checks that need a pool stay silent about them.
    /// </summary>
    public HashSet<string> RollupsWithBrokenPools { get; } = new(StringComparer.Ordinal);

    /// <summary>Each bound rollup's token funding of its accounts (besides ether), for the workload's checks.</summary>
    public Dictionary<string, ImmutableArray<TokenBalanceModel>> RollupTokenFunding { get; } = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="rollup"/> has no pool and none was written (a broken one was reported already).</summary>
    public bool LacksPool(string rollup) =>
        RollupPools.GetValueOrDefault(rollup, []).IsEmpty && !RollupsWithBrokenPools.Contains(rollup);

    /// <summary>The file of every statement that comes from an imported file (by reference: equal text may sit in two files).</summary>
    public Dictionary<StatementSyntax, SourceText> Origins { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The names of the imported rollup templates.</summary>
    public HashSet<string> Templates { get; } = new(StringComparer.Ordinal);

    /// <summary>The first imported <c>l1</c>, used when the scenario declares none.</summary>
    public EntrySyntax? ImportedL1 { get; set; }
}

/// <summary>The binder of each construct, one instance per scenario, created on first use.</summary>
/// <param name="state">The state they share.</param>
internal sealed class ConstructBinders(BindingState state)
{
    /// <summary>Binds the scenario block.</summary>
    public ScenarioBlockBinder Scenario => field ??= new(state);

    /// <summary>Binds the L1.</summary>
    public L1Binder L1 => field ??= new(state);

    /// <summary>Binds rollups.</summary>
    public RollupBinder Rollup => field ??= new(state);

    /// <summary>Binds expectations.</summary>
    public ExpectBinder Expect => field ??= new(state);

    /// <summary>Binds the workload.</summary>
    public WorkloadBinder Workload => field ??= new(state);

    /// <summary>Binds named user populations.</summary>
    public PopulationBinder Population => field ??= new(state);

    /// <summary>Binds a rollup's pool defences.</summary>
    public MempoolBinder Mempool => field ??= new(state);

    /// <summary>Binds auctions.</summary>
    public AuctionBinder Auction => field ??= new(state);

    /// <summary>Binds deposits, withdrawals and the withdrawal delay.</summary>
    public BridgeBinder Bridge => field ??= new(state);

    public StateGrowthBinder StateGrowth => field ??= new(state);

    /// <summary>Binds cross-chain traffic.</summary>
    public CrossChainBinder CrossChain => field ??= new(state);

    /// <summary>Binds streams of bundles over paths of rollups.</summary>
    public BundlesBinder Bundles => field ??= new(state);

    public CrossArbitrageBinder CrossArbitrage => field ??= new(state);

    /// <summary>Binds batches and derivation.</summary>
    public DataAvailabilityBinder DataAvailability => field ??= new(state);

    /// <summary>Binds fee rules.</summary>
    public FeesBinder Fees => field ??= new(state);

    /// <summary>Binds imported files.</summary>
    public ImportsBinder Imports => field ??= new(state);

    /// <summary>Binds tokens, pools and traders.</summary>
    public MarketsBinder Markets => field ??= new(state);

    /// <summary>Binds provers.</summary>
    public ProversBinder Provers => field ??= new(state);

    /// <summary>Binds sequencer faults and forced inclusion.</summary>
    public SequencerBinder Sequencer => field ??= new(state);

    /// <summary>Binds a rollup's set of sequencer nodes (BFT or Raft).</summary>
    public ConsensusBinder Consensus => field ??= new(state);

    /// <summary>Binds shared sequencers and builders.</summary>
    public SharedSequencingBinder SharedSequencing => field ??= new(state);

    /// <summary>Binds PBS builders and the rollups' <c>pbs</c> blocks.</summary>
    public PbsBinder Pbs => field ??= new(state);

    /// <summary>Binds the arbitrage strategy.</summary>
    public StrategyBinder Strategy => field ??= new(state);

    /// <summary>Binds validity hooks.</summary>
    public ValidityBinder Validity => field ??= new(state);

    /// <summary>Binds a rollup's Flashblocks streaming.</summary>
    public FlashblocksBinder Flashblocks => field ??= new(state);

    /// <summary>Binds a rollup's Timeboost express lane.</summary>
    public ExpressLaneBinder ExpressLane => field ??= new(state);
}
