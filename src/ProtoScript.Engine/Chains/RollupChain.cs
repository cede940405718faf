using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Bridge;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Pbs;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Engine.State;
using ProtoScript.Engine.Trading;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// One rollup and its sequencer: a mempool, account state with a Merkle state root, a
/// fee ledger, and a block every block time.
/// </summary>
public sealed class RollupChain : SimProcess<RollupEvent>
{
    private readonly MerkleStateTree _stateTree;

    // The contract storage's tree, when the rollup has storage; the state root then commits to both.
    private readonly MerkleStateTree? _storageTree;
    private int _slotsIssued;
    private int _slotFrontier;
    private readonly BlockProcessor _processor;
    private readonly IBlockBuildStage[] _stages;
    private readonly Flashblocks? _flashblocks;

    // Told of every included transaction and sealed block, in this fixed order: the batcher, then
    // the provers. The flags say which follow forced blocks too (the provers do, the batcher does not).
    private readonly IRollupBlockObserver[] _listeners;
    private readonly bool[] _followsForced;

    /// <summary>Creates a rollup at genesis: every user account funded, the sequencer's empty.</summary>
    public RollupChain(RollupModel model, IOrderingRule ordering)
        : this(model, ordering, null, RollupParts.None)
    {
    }

    /// <summary>
    /// Creates a rollup at genesis with its market: besides the users and the sequencer, the
    /// state holds the declared tokens, the arbitrageurs' accounts and one account per pool.
    /// </summary>
    public RollupChain(RollupModel model, IOrderingRule ordering, MarketSetup? market)
        : this(model, ordering, market, RollupParts.None)
    {
    }

    /// <summary>
    /// Creates a rollup at genesis with its market and its parts (batcher, provers, sequencer
    /// runtime, validity rule, cross-chain endpoint, fee settlement's rules); none can be set later.
    /// </summary>
    public RollupChain(RollupModel model, IOrderingRule ordering, MarketSetup? market, RollupParts parts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ordering);
        ArgumentNullException.ThrowIfNull(parts);
        if (!parts.Builders.IsDefaultOrEmpty && parts.Validity is not null)
        {
            // A validity rule counts what it refuses and tracks senders outside the journal, so a
            // losing candidate would leave a trace there.
            throw new ArgumentException("Competing builders cannot be combined with a validity rule yet.", nameof(parts));
        }

        Model = model;
        UserAccounts = model.Accounts;
        SequencerAccount = model.Accounts;
        var firstRoleAccount = model.Accounts + 1 + (market?.ExtraAccounts(model) ?? 0);
        FirstFreshAccount = AccountCount(model, market);
        if (parts.FreshAccounts < 0 || (long)FirstFreshAccount + parts.FreshAccounts > MerkleStateTree.MaxAccounts)
        {
            throw new ArgumentException(FormattableString.Invariant($"{FirstFreshAccount} accounts and {parts.FreshAccounts} fresh addresses do not fit a state of at most {MerkleStateTree.MaxAccounts} accounts."), nameof(parts));
        }

        FreshAccountReserve = parts.FreshAccounts;
        State = market is null
            ? new AccountState(FirstFreshAccount + FreshAccountReserve)
            : new AccountState(FirstFreshAccount + FreshAccountReserve, market.Tokens.Length);
        for (var i = 0; i < UserAccounts; i++)
        {
            State.SetBalance(i, model.InitialBalance);
        }

        Market = market is null ? null : new RollupMarket(this, market);
        InitialSupply = State.TotalBalance();
        if (parts.StorageSlots < 0 || parts.StorageSlots > MerkleStateTree.MaxAccounts)
        {
            throw new ArgumentException(FormattableString.Invariant($"{parts.StorageSlots} storage slots do not fit a tree of at most {MerkleStateTree.MaxAccounts} leaves."), nameof(parts));
        }

        Storage = parts.StorageSlots > 0 ? new AccountState(parts.StorageSlots) : null;
        GenesisStateSize = StateSize.Measure(State, Market?.Pools.Count ?? 0, Storage);
        World = new WorldState(State, Fees, Storage);
        _stateTree = new MerkleStateTree(State);
        _storageTree = Storage is null ? null : new MerkleStateTree(Storage);
        Pool = new TransactionPool(State.Count, ordering);
        Auction = model.Auction is { } auction ? new Auction.TopOfBlockAuction(auction) : null;
        Pbs = model.Pbs is { } pbs && parts.Builders.IsDefaultOrEmpty ? new ProposerBuilderSeparation(this, pbs, FirstFreshAccount - pbs.Builders.Length, parts.PbsRules) : null;
        IBlockBuildStage? candidates = Pbs is not null ? new CandidateStage(Pbs)
            : parts.Builders.IsDefaultOrEmpty ? null
            : new CandidateStage(parts.Builders, parts.ChooseCandidate ?? BlockCandidate.MostValuable);
        ExpressLane = model.ExpressLane is { } lane ? new Timeboost.ExpressLane(this, lane) : null;
        _stages = [.. new[] { ExpressLane, Auction, candidates, MempoolStage.Instance }.OfType<IBlockBuildStage>()];
        _processor = new BlockProcessor(this);
        _flashblocks = model.Flashblocks is { } streaming ? new Flashblocks(this, streaming) : null;
        if (_flashblocks is not null && (Auction is not null || candidates is not null || !model.Sequencer.Down.IsEmpty || !model.Sequencer.Withhold.IsEmpty || model.ForcedInclusion.Kind != ForcedInclusionKind.None))
        {
            // The language refuses these combinations with a located diagnostic; see FlashblocksBinder.
            throw new ArgumentException("A streamed rollup (flashblocks) cannot have a top-of-block auction, competing builders, sequencer outages, withholding or forced inclusion.", nameof(model));
        }

        // The parts last, once everything the chain owns exists; see RollupParts for why the
        // ones that point back at the chain are factories, and for their order.
        Populations = parts.Populations;
        var defences = model.Mempool ?? (parts.Populations?.Populations.Any(p => p.Stream.ReplaceShare > 0) == true ? new MempoolModel() : null);
        Admission = defences is null ? null : new PoolAdmission(this, defences, parts.Populations);
        Validity = parts.Validity;
        Proving = parts.Proving;
        Sequencing = parts.Sequencing?.Invoke(this);
        Batcher = parts.Batcher?.Invoke(this);
        CrossChain = parts.CrossChain?.Invoke(this);
        Settlement = model.Fees is null
            ? null
            : new FeeSettlement(this, model.Fees, firstRoleAccount, parts.FeeDistributor, parts.FeePriceRule, parts.FeeAttributes?.Invoke(this));
        BaseFeeMarket = model.Fees?.BaseFeeMarket is { } pricing && Settlement is not null ? new FeeMarket.L2BaseFeeMarket(pricing, model.GasLimit, model.BaseFee, parts.BaseFeeRule) : null;
        IRollupBlockObserver?[] listeners = [Batcher, Proving];
        bool[] followsForced = [false, true];
        _listeners = [.. listeners.OfType<IRollupBlockObserver>()];
        _followsForced = [.. followsForced.Where((_, i) => listeners[i] is not null)];
        Series = new RollupSeries(this);
    }

    /// <summary>The per-block time series the sequenced and forced blocks record.</summary>
    internal RollupSeries Series { get; }

    /// <summary>
    /// How many accounts the state of <paramref name="model"/> holds: the users, the sequencer,
    /// the market's accounts, and the role accounts of a <c>fees</c> block.
    /// </summary>
    public static int AccountCount(RollupModel model, MarketSetup? market)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Accounts + 1 + (market?.ExtraAccounts(model) ?? 0) + (model.Fees is null ? 0 : FeeSettlement.ExtraAccounts)
            + (model.Pbs?.Builders.Length ?? 0);
    }

    /// <summary>The rollup's transaction-validity rule (<c>validity = csharp ...</c>) and what it knows of senders, or null.</summary>
    public Validity.ValidityGate? Validity { get; }

    /// <summary>Proposer–builder separation (<c>builder NAME for A</c>): its builders, order flow and the proposer's auction, or null.</summary>
    public ProposerBuilderSeparation? Pbs { get; }

    /// <summary>Timeboost's express lane (<c>express_lane</c>): its rounds, auctions and delay, or null.</summary>
    public Timeboost.ExpressLane? ExpressLane { get; }

    /// <summary>The auction for each block's first position (<c>ordering = auction</c>), or null.</summary>
    public Auction.TopOfBlockAuction? Auction { get; }

    /// <summary>The rollup's description.</summary>
    public RollupModel Model { get; }

    /// <summary>What each user population sent, got admitted and included, or null when the rollup reports no populations.</summary>
    public Workload.PopulationLedger? Populations { get; }

    /// <summary>The pool's admission checks (<c>mempool { ... }</c>, or replacements), or null when every transaction joins the pool as it arrives.</summary>
    internal PoolAdmission? Admission { get; }

    /// <summary>The number of user accounts; users are accounts <c>0 .. UserAccounts-1</c>.</summary>
    public int UserAccounts { get; }

    /// <summary>
    /// The first of the addresses kept for accounts users create (<c>new_accounts</c>), after every
    /// other account; equal to the state's account count when none are kept.
    /// </summary>
    public int FirstFreshAccount { get; }

    /// <summary>How many fresh addresses the state keeps after <see cref="FirstFreshAccount"/>.</summary>
    public int FreshAccountReserve { get; }

    /// <summary>Fresh addresses handed to users so far (<see cref="NextFreshAccount"/>).</summary>
    public int FreshAccountsIssued { get; private set; }

    /// <summary>
    /// A fresh address for a user to send to: the next of the kept addresses, never handed out
    /// before (whether or not the transfer to the last one executed).
    /// </summary>
    /// <exception cref="InvalidOperationException">Every kept address is handed out already.</exception>
    public int NextFreshAccount()
    {
        if (FreshAccountsIssued >= FreshAccountReserve)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"rollup {Model.Name} used all {FreshAccountReserve} fresh addresses kept for new accounts; lower `new_accounts`, the rate or the duration."));
        }

        return FirstFreshAccount + FreshAccountsIssued++;
    }

    /// <summary>
    /// The rollup's contract storage, one slot per entry (its word held as the entry's balance), or
    /// null when no workload writes storage (<c>storage_writes</c>).
    /// </summary>
    public AccountState? Storage { get; }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive slots never handed out before, for a
    /// storage write that creates slots.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rollup has no storage, or its kept slots are all handed out.</exception>
    public int NextFreshSlots(int count)
    {
        if (Storage is null || _slotsIssued > Storage.Count - count)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"rollup {Model.Name} used all {Storage?.Count ?? 0} storage slots kept for storage writes; lower `storage_writes`, `new_slots`, the rate or the duration."));
        }

        var first = _slotsIssued;
        _slotsIssued += count;
        return first;
    }

    /// <summary>
    /// How many slots from slot 0 on hold a word in the executed state: an overwrite picks among
    /// these, so the gas its sender estimates (an overwrite's, not a new slot's) is what it uses.
    /// </summary>
    public int WrittenSlots()
    {
        while (Storage is not null && _slotFrontier < _slotsIssued && Storage.Balance(_slotFrontier) != UInt128.Zero)
        {
            _slotFrontier++;
        }

        return _slotFrontier;
    }

    /// <summary>True when <paramref name="tx"/> writes only slots the storage has, and carries no ether (it calls a contract that keeps none).</summary>
    internal bool ValidSlots(in Transaction tx) =>
        Storage is not null && tx.Slots >= 1 && tx.To >= 0 && tx.To <= Storage.Count - tx.Slots && tx.Value == UInt128.Zero;

    /// <summary>The account that receives priority fees (the one after the users).</summary>
    public int SequencerAccount { get; }

    /// <summary>The accounts.</summary>
    public AccountState State { get; }

    /// <summary>The sequencer's pending transactions.</summary>
    public TransactionPool Pool { get; }

    /// <summary>Fees paid on this rollup, by role.</summary>
    public FeeLedger Fees { get; } = new();

    /// <summary>The accounts and fees under one undo journal, for snapshots and reorgs.</summary>
    public WorldState World { get; }

    /// <summary>The chain's soft, safe and final heads, and its block roots when recorded.</summary>
    public BlockTree Tree { get; } = new();

    /// <summary>Settles each block's fees into the role accounts; null for a rollup without a <c>fees</c> block.</summary>
    public FeeSettlement? Settlement { get; }

    /// <summary>The base fee that follows demand (<c>fees { base_fee_market = ... }</c>), or null for the fixed <see cref="RollupModel.BaseFee"/>.</summary>
    public FeeMarket.L2BaseFeeMarket? BaseFeeMarket { get; }

    /// <summary>The base fee per gas every transaction of the open block pays: the market's, else the rollup's fixed one.</summary>
    public UInt128 BaseFee => BaseFeeMarket?.BaseFee ?? Model.BaseFee;

    /// <summary>The rollup's pools, swaps and MEV, or null for a rollup built without a market.</summary>
    public RollupMarket? Market { get; }

    /// <summary>The rollup's counters.</summary>
    public RollupMetrics Metrics { get; } = new();

    /// <summary>Deposits and withdrawals through the rollup's bridge.</summary>
    public BridgeMetrics Bridge { get; } = new();

    /// <summary>The sequencer's faults and the L1 routes around it, or null for a chain driven by hand or by derivation.</summary>
    internal SequencerRuntime? Sequencing { get; }

    /// <summary>
    /// When the proposer of the block being agreed on fixed its contents: transactions sent from
    /// then on wait for the next block. Null while the contents are open (a single operator's block).
    /// </summary>
    internal SimDuration? ContentsFixedAt { get; private set; }

    /// <summary>The proposer of the block being agreed on fixed its contents at <paramref name="time"/>, or (null) they are open again.</summary>
    internal void FixContents(SimDuration? time) => ContentsFixedAt = time;

    /// <summary>What sequencer faults cost and how transactions got around them.</summary>
    public ForcedInclusionMetrics ForcedInclusion { get; } = new();

    /// <summary>The sum of all balances at genesis.</summary>
    public UInt128 InitialSupply { get; }

    /// <summary>The state's size at genesis.</summary>
    public StateSize GenesisStateSize { get; }

    /// <summary>This rollup's cross-chain outbox and inbox, or null when the scenario sends no messages between rollups.</summary>
    public RollupCrossChain? CrossChain { get; }

    /// <summary>The batcher: told of every included transaction and every sequenced block (not forced ones) before any other listener, or null.</summary>
    public Batcher? Batcher { get; }

    /// <summary>The rollup's proving (proof jobs, latency, cost per block), or null when no <c>provers</c> block proves it; it follows every block, forced ones included.</summary>
    public Proving.RollupProving? Proving { get; }

    /// <summary>Each sealed block's proving cost, for a fee distribution to pay back; null when nothing proves the rollup.</summary>
    public IBlockCostSource? BlockCosts => Proving;

    /// <summary>The streaming of this chain's blocks as sub-blocks (<c>flashblocks</c>), or null.</summary>
    public Flashblocks? Streaming => _flashblocks;

    /// <summary>The one processor that opens, applies and seals this chain's blocks.</summary>
    internal BlockProcessor Processor => _processor;

    /// <summary>The state root after the latest block, as <c>0x</c> and 64 hex digits.</summary>
    public string StateRootHex => "0x" + Convert.ToHexStringLower(Root());

    /// <summary>
    /// The state root after each block, oldest first, when <see cref="RecordBlockRoots"/> was
    /// called; otherwise null. A verifier compares derived roots against these.
    /// </summary>
    public IReadOnlyList<BlockStateRoot>? BlockRoots => Tree.Roots;

    /// <summary>Keeps the state root of every block from now on (32 bytes a block, so only when verification is asked for).</summary>
    public void RecordBlockRoots() => Tree.RecordRoots();

    /// <summary>The nonce the account's next transaction must carry: executed plus pending.</summary>
    public ulong PendingNonce(int account) => State.Nonce(account) + (ulong)Pool.PendingCount(account) + (ulong)(Pbs?.PrivatePending(account) ?? 0)
        + (ulong)(ExpressLane?.HeldFor(account) ?? 0);

    /// <summary>Hands a user's transaction to the sequencer (or, for a user of a PBS builder's exclusive flow, to that builder) at its submission time.</summary>
    public void Submit(in Transaction transaction) => Submit(in transaction, transaction.SubmitTime);

    /// <summary>
    /// Hands a user's transaction to the sequencer at <paramref name="now"/>, which is later than its
    /// submission time when its sender first had to find a proof-of-work nonce. A rollup with pool
    /// defences (<see cref="Admission"/>) checks it first.
    /// </summary>
    public void Submit(in Transaction transaction, SimDuration now)
    {
        if (Admission is { } admission)
        {
            Metrics.Submitted++;
            admission.Submit(in transaction, now);
            return;
        }

        Populations?.Sent(transaction.From);
        Populations?.Admitted(transaction.From);
        if (ExpressLane?.TryDelay(in transaction) == true)
        {
            // It reaches the sequencer the lane's delay later (ReceiveDelayed).
            Metrics.Submitted++;
            return;
        }

        if (Pbs?.TrySubmitPrivately(in transaction, PendingNonce(transaction.From)) != true)
        {
            Pool.Add(in transaction, PendingNonce(transaction.From));
        }

        Metrics.Submitted++;
    }

    /// <summary>
    /// A transaction the express lane delayed reaches the sequencer: it joins the mempool, or, when
    /// its sender's earlier transaction was dropped meanwhile (its nonce no longer follows), it is
    /// dropped too (<c>nonce_gap</c>).
    /// </summary>
    internal void ReceiveDelayed(in Transaction transaction)
    {
        var expected = State.Nonce(transaction.From) + (ulong)Pool.PendingCount(transaction.From);
        if (transaction.Nonce != expected)
        {
            Market?.CountDropped(in transaction, RejectReason.NonceGap);
            Metrics.AddRejected(RejectReason.NonceGap);
            Populations?.Rejected(transaction.From, RejectReason.NonceGap);
            return;
        }

        Pool.Add(in transaction, expected);
    }

    /// <summary>Schedules the first block.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleAfter(Model.BlockTime, this, RollupEvent.BlockTime);
        _flashblocks?.Start(scheduler);
        ExpressLane?.Start(scheduler);
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.RollupBlock;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, RollupEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (simEvent == RollupEvent.Flashblock)
        {
            _flashblocks!.OnSubBlock(scheduler);
            return;
        }

        if (Sequencing?.OnBlockTime(scheduler.Now) != false)
        {
            if (_flashblocks is { } streaming)
            {
                streaming.SealBlock(scheduler);
            }
            else
            {
                ProduceBlock(scheduler.Now);
            }
        }
        else
        {
            _flashblocks?.SkipBlock(scheduler);
        }

        scheduler.ScheduleAfter(Model.BlockTime, this, RollupEvent.BlockTime);
    }

    /// <summary>Builds and seals one block at <paramref name="time"/>, then updates the state root.</summary>
    public void ProduceBlock(SimDuration time)
    {
        BeginBlock(time);
        FinishBlock(time);
    }

    /// <summary>
    /// Opens the sequencer's block sealed at <paramref name="time"/>: the L1 messages it must
    /// include and the cross-chain messages delivered to it go first, and the fee and market
    /// counters start. Whoever sequences the rollup may then execute transactions into the open
    /// block (a shared sequencer or builder lands its bundle legs through
    /// <see cref="CrossChainExecution"/> and tells the listeners with <see cref="NotifyIncluded"/>)
    /// before <see cref="FinishBlock"/> fills and seals it, so their fees count in this block.
    /// </summary>
    public void BeginBlock(SimDuration time) => BeginBlock(time, time);

    /// <summary>
    /// Opens, at <paramref name="time"/>, the sequencer's block that will be sealed at
    /// <paramref name="sealTime"/> (later for a streamed block, opened with its first sub-block):
    /// the block is priced for its seal time, the time its batch carries.
    /// </summary>
    internal void BeginBlock(SimDuration time, SimDuration sealTime)
    {
        CrossChain?.BeforeBlock(time);
        Sequencing?.BeginBlock(time);
        _processor.Open(null, sealTime);
        CrossChain?.BeginBlock(time);
    }

    /// <summary>
    /// Fills the block opened by <see cref="BeginBlock(SimDuration)"/> with the chain's builder stages (the
    /// top-of-block auction, then the mempool by the ordering rule) and seals it through the
    /// block processor: fees settled, state root and soft head moved, listeners told.
    /// </summary>
    public void FinishBlock(SimDuration time)
    {
        var remaining = Model.GasLimit;
        foreach (var stage in _stages)
        {
            remaining -= stage.Fill(this, time, remaining);
        }

        _processor.Seal(time, BlockSource.Sequenced);
    }

    /// <summary>Seals the streamed block whose sub-blocks <see cref="Streaming"/> filled, as <see cref="FinishBlock"/> seals a block.</summary>
    internal void SealStreamedBlock(SimDuration time) => _processor.Seal(time, BlockSource.Sequenced);

    /// <summary>
    /// Check after every block that ether and every token are conserved (what `expect
    /// conserved total_supply` asks for); it costs a pass over all accounts per block, so it
    /// is on only when asked.
    /// </summary>
    public bool CheckSupplyEachBlock { get; init; }

    /// <summary>
    /// Wei that left the supply for good: with a <c>fees</c> block what its settlement burned
    /// (base fees paid to a role, e.g. <c>base_fee = treasury</c>, are not burned), else every base fee.
    /// </summary>
    public UInt128 Burned => Settlement is { } fees ? fees.Burned : Fees[Role.Burned];

    /// <summary>Wei a <c>fees</c> block's issuance minted (0 without one).</summary>
    public UInt128 Issued => Settlement?.Issued ?? 0;

    /// <summary>The first block after which the supply was not conserved, or null.</summary>
    public long? FirstUnconservedBlock { get; private set; }

    internal void CheckSupply()
    {
        if (!CheckSupplyEachBlock || FirstUnconservedBlock is not null)
        {
            return;
        }

        // Deposits mint and withdrawals burn; value sent to other rollups left this one and value
        // delivered from them arrived: genesis + issued + deposited + received = in accounts +
        // burned + withdrawn + sent.
        var conserved = State.TotalBalance() + Burned + Bridge.Withdrawn + (CrossChain?.ValueOut ?? 0)
            == InitialSupply + Issued + Bridge.Deposited + (CrossChain?.ValueIn ?? 0);
        for (var t = 0; conserved && Market is not null && t < State.TokenCount; t++)
        {
            conserved = State.TotalTokenBalance(t) == Market.GenesisSupply(t);
        }

        if (!conserved)
        {
            FirstUnconservedBlock = Metrics.Blocks;
        }
    }

    /// <summary>
    /// Re-executes a block another node sequenced, transaction by transaction in the given order,
    /// with the same state-transition rules the sequencer applies, then seals it. This is what
    /// derivation runs; the mempool and the observer are not involved.
    /// </summary>
    /// <param name="transactions">The block's transactions, in order.</param>
    /// <param name="time">The block's time.</param>
    /// <param name="attributes">The block's L1 attributes, for a rollup with a <c>fees</c> block: what its batch carries; all zero (the default) for a block the L1 forced in.</param>
    /// <returns>How many of the transactions were invalid (their sender could not pay) and left no trace.</returns>
    internal int ApplyBlock(List<Transaction> transactions, SimDuration time = default, DataAvailability.L1Attributes attributes = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        _processor.Open(attributes, time);
        var invalid = _processor.ApplyAll(transactions);
        _processor.Seal(time, BlockSource.Derived);
        return invalid;
    }

    /// <summary>
    /// Seals a block no sequencer built: the L1 rules forced it in with these L1 messages. It is
    /// not batched (derivation rebuilds it from L1 data), but it is proven like every block of the
    /// canonical chain: a validity proof must cover it. Its messages are L1 deposits, which (as in
    /// a sequencer's block) are not transaction proof jobs of their own.
    /// </summary>
    internal void SealForcedBlock(List<Transaction> messages, SimDuration time)
    {
        _processor.Open(default(DataAvailability.L1Attributes), time);
        _processor.ApplyAll(messages);
        _processor.Seal(time, BlockSource.Forced);
    }

    /// <summary>
    /// Marks the chain at the current block boundary, for <see cref="RevertTo"/>: the world state
    /// starts journaling, and the block counters are copied. Close it with <see cref="RevertTo"/> or
    /// <see cref="Commit"/>.
    /// </summary>
    public ChainSnapshot TakeSnapshot() => new(World.TakeSnapshot(), Tree.SoftHead, new BlockCounters(this));

    /// <summary>
    /// Returns the chain to <paramref name="snapshot"/>: the blocks sealed since are reorged out.
    /// The state root is recomputed from the restored accounts, so it is the root of the last block kept.
    /// </summary>
    /// <exception cref="InvalidOperationException">The snapshot is closed, or the reorg would drop a safe block.</exception>
    public void RevertTo(ChainSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Tree.ReorgTo(snapshot.Head);
        World.Restore(snapshot.State);
        _stateTree.Update(State);
        if (Storage is not null)
        {
            _storageTree!.Update(Storage);
        }
        snapshot.Counters.RestoreTo(this);
        Series.Reorged(Metrics.Blocks);
    }

    /// <summary>Keeps the blocks sealed since <paramref name="snapshot"/> and closes it.</summary>
    public void Commit(ChainSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        World.Commit(snapshot.State);
    }

    /// <summary>
    /// The batch holding this rollup's blocks up to <paramref name="lastBlock"/> landed on L1 at
    /// <paramref name="time"/>: they are safe, final once their proof is verified on L1 (or,
    /// unproven, once their challenge period ends), and the cross-chain messages they sent
    /// become trusted.
    /// </summary>
    public void OnBatchLanded(ulong lastBlock, SimDuration time)
    {
        Proving?.OnBatchLanded(lastBlock, time);
        var finalAt = Proving?.VerifiedAt(lastBlock) is { } verified
            ? verified
            : time + Model.Bridge.WithdrawalDelay;
        Tree.MarkSafe(lastBlock, finalAt);
        Tree.AdvanceFinal(time);
        CrossChain?.OnBatchConfirmed(lastBlock, time);
    }

    /// <summary>
    /// Tells every listener (the batcher, the provers) of a transaction put in the block being
    /// built. Every path that includes a transaction (the block builder, the auction, bundle
    /// legs, cross-chain deliveries, the delayed inbox) comes through here, so no listener
    /// misses a transaction one of the others saw.
    /// </summary>
    public void NotifyIncluded(in Transaction transaction)
    {
        foreach (var listener in _listeners)
        {
            listener.OnTransactionIncluded(in transaction);
        }

        Settlement?.CountIncluded(in transaction);
    }

    /// <summary>Tells the listeners that follow blocks from <paramref name="source"/> that block <paramref name="number"/> was sealed.</summary>
    internal void NotifySealed(ulong number, SimDuration time, BlockSource source)
    {
        for (var i = 0; i < _listeners.Length; i++)
        {
            if (source == BlockSource.Sequenced || _followsForced[i])
            {
                _listeners[i].OnBlockSealed(number, time);
            }
        }
    }

    /// <summary>
    /// Executes a message from L1 (kind <see cref="DataAvailability.TransactionKind.Deposit"/>): with
    /// no sender it mints a deposit; otherwise it moves the value if the sender holds it, with no
    /// L2 fee (paid on L1) and no nonce.
    /// </summary>
    /// <returns>False, with no state change, when the accounts do not exist or the sender cannot pay.</returns>
    internal bool ApplyL1Message(in Transaction tx)
    {
        if (!ValidAccount(tx.To) || (tx.From >= 0 && !ValidAccount(tx.From)))
        {
            return false;
        }

        if (tx.From < 0)
        {
            Mint(tx.To, tx.Value);
            return true;
        }

        if (State.Balance(tx.From) < tx.Value)
        {
            return false;
        }

        State.Debit(tx.From, tx.Value);
        State.Credit(tx.To, tx.Value);
        return true;
    }

    /// <summary>Credits a deposit from L1: new ether on the rollup, outside any fee or nonce.</summary>
    internal void Mint(int account, UInt128 value)
    {
        State.Credit(account, value);
        Bridge.Deposited = checked(Bridge.Deposited + value);
    }

    internal bool ValidAccount(int account) => account >= 0 && account < State.Count;

    internal void SealState()
    {
        _stateTree.Update(State);
        if (Storage is not null)
        {
            _storageTree!.Update(Storage);
        }

        Metrics.Blocks++;
        Tree.Sealed(Root());
    }

    /// <summary>
    /// The state root: the accounts' tree root, or, with contract storage, SHA-256 of the accounts'
    /// root followed by the storage's (64 bytes in, a length no leaf or node of either tree hashes).
    /// </summary>
    private ReadOnlySpan<byte> Root()
    {
        if (_storageTree is null)
        {
            return _stateTree.Root;
        }

        Span<byte> both = stackalloc byte[2 * MerkleStateTree.HashSize];
        _stateTree.Root.CopyTo(both);
        _storageTree.Root.CopyTo(both[MerkleStateTree.HashSize..]);
        var root = new byte[MerkleStateTree.HashSize];
        Sha256.HashData(both, root);
        return root;
    }

    /// <summary>
    /// Executes a transfer if its sender can pay value + gas × (base fee + priority fee), plus
    /// the L1 data fee when the rollup charges one: the base fee is burned, the priority fee
    /// goes to the sequencer.
    /// </summary>
    /// <returns>False, with no state change, if the sender cannot pay.</returns>
    internal bool TryExecute(in Transaction tx) => TryExecuteFor(in tx, Role.Sequencer);

    /// <summary>Executes a transfer as <see cref="TryExecute(in Transaction)"/> does, booking its priority fee to <paramref name="tipActor"/> (a PBS builder's block).</summary>
    internal bool TryExecuteFor(in Transaction tx, FeeActor tipActor)
    {
        if (tx.Kind == DataAvailability.TransactionKind.StorageWrite && !ValidSlots(in tx))
        {
            return false; // every path that executes a write reaches here, the mempool's included
        }

        if (!TryCharge(in tx, paysValue: true, tipActor))
        {
            return false;
        }

        if (tx.Kind == DataAvailability.TransactionKind.Withdrawal)
        {
            // The value leaves the rollup: it is paid out on L1 once the withdrawal is finalized there.
            Bridge.Withdrawn += tx.Value;
            Bridge.WithdrawalsInitiated++;
        }
        else if (tx.Kind == DataAvailability.TransactionKind.CrossChainMessage)
        {
            CrossChain?.OnSent(in tx); // the value leaves this rollup; its destination credits it later
        }
        else if (tx.Kind == DataAvailability.TransactionKind.StorageWrite)
        {
            // The contract's slots take a word only this write produces, never zero: sender and nonce.
            var word = ((UInt128)(uint)tx.From << 64) | ((UInt128)tx.Nonce + 1);
            for (var slot = tx.To; slot < tx.To + tx.Slots; slot++)
            {
                Storage!.SetBalance(slot, word);
            }

        }
        else
        {
            State.Credit(tx.To, tx.Value);
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="tx"/>'s sender can pay what <see cref="TryCharge"/> would take
    /// from it now: its value when <paramref name="paysValue"/>, its gas and its L1 data fee.
    /// </summary>
    internal bool CanPay(in Transaction tx, bool paysValue) =>
        ValidAccount(tx.From) && TryTotalCost(in tx, paysValue, out _, out _, out _, out var total) && State.Balance(tx.From) >= total;

    /// <summary>
    /// The payment part of every transaction a block producer puts in a block, whatever path
    /// includes it (the mempool, a shared sequencer's or builder's bundle, derivation): debits
    /// the sender its value (when <paramref name="paysValue"/>), gas × (base fee + priority fee)
    /// and its L1 data fee; holds the tip and the L1 data fee in the sequencer's account until
    /// the block is settled, books the base fee as burned and the tip to <paramref name="tipActor"/>,
    /// and raises the sender's nonce unless <paramref name="raisesNonce"/> is false (a bundle's
    /// destination leg, whose nonce field is its message's id). Where the value goes is the
    /// caller's business.
    /// </summary>
    /// <returns>False, with no state change, if the sender cannot pay.</returns>
    internal bool TryCharge(in Transaction tx, bool paysValue, FeeActor tipActor, bool raisesNonce = true)
    {
        if (!ValidAccount(tx.From)
            || !TryTotalCost(in tx, paysValue, out var burned, out var tip, out var l1DataFee, out var total)
            || State.Balance(tx.From) < total)
        {
            return false;
        }

        // The operator fee is what remains of the total once value, gas and L1 data fee are taken.
        var operatorFee = Settlement?.OperatorFee(in tx) ?? 0;
        State.Debit(tx.From, total);
        State.Credit(SequencerAccount, tip + l1DataFee + operatorFee);
        Settlement?.AddL1DataFee(l1DataFee);
        Settlement?.AddOperatorFee(operatorFee);
        if (raisesNonce)
        {
            State.IncrementNonce(tx.From);
        }

        Fees.Add(Role.Burned, FeeKind.BaseFee, burned);
        Fees.Add(tipActor, FeeKind.PriorityFee, tip);
        return true;
    }

    /// <summary>
    /// Debits the sender what <see cref="TryCharge"/> would take (value when <paramref name="paysValue"/>,
    /// gas and L1 data fee) and books nothing else: a builder's simulation of a bundle runs its legs
    /// this way under a world-state snapshot it then restores, so no fee or settlement counter moves.
    /// </summary>
    /// <returns>False, with no state change, if the sender cannot pay.</returns>
    internal bool TryDebitCost(in Transaction tx, bool paysValue)
    {
        if (!ValidAccount(tx.From)
            || !TryTotalCost(in tx, paysValue, out _, out _, out _, out var total)
            || State.Balance(tx.From) < total)
        {
            return false;
        }

        State.Debit(tx.From, total);
        return true;
    }

    /// <summary>What <paramref name="tx"/> costs its sender, split into its parts; false when the total passes 2^128 wei (unaffordable, not an error).</summary>
    private bool TryTotalCost(in Transaction tx, bool paysValue, out UInt128 burned, out UInt128 tip, out UInt128 l1DataFee, out UInt128 total)
    {
        l1DataFee = Settlement?.L1DataFee(in tx) ?? 0;
        var operatorFee = Settlement?.OperatorFee(in tx) ?? 0;
        if (!TryCost(in tx, BaseFee, paysValue ? tx.Value : 0, out burned, out tip, out total) || total + l1DataFee < total || total + l1DataFee + operatorFee < total + l1DataFee)
        {
            return false;
        }

        total += l1DataFee + operatorFee;
        return true;
    }

    private static bool TryCost(in Transaction tx, UInt128 baseFee, UInt128 value, out UInt128 burned, out UInt128 tip, out UInt128 total)
    {
        // A cost beyond 2^128 wei is unaffordable, not an error.
        burned = tip = total = 0;
        if (!TryMultiply(tx.Gas, baseFee, out burned) || !TryMultiply(tx.Gas, tx.PriorityFeePerGas, out tip))
        {
            return false;
        }

        var fees = burned + tip;
        total = fees + value;
        return fees >= burned && total >= fees;
    }

    private static bool TryMultiply(ulong gas, UInt128 perGas, out UInt128 product)
    {
        if ((perGas >> 64) == 0)
        {
            product = Math.BigMul(gas, (ulong)perGas);
            return true;
        }

        product = 0;
        if (gas != 0 && perGas > UInt128.MaxValue / gas)
        {
            return false;
        }

        product = perGas * gas;
        return true;
    }
}

/// <summary>A rollup's state root right after one block.</summary>
/// <param name="Number">The L2 block number.</param>
/// <param name="Root">The 32-byte state root.</param>
public sealed record BlockStateRoot(ulong Number, byte[] Root)
{
    /// <summary>The root as <c>0x</c> and 64 lowercase hex digits.</summary>
    public string RootHex => "0x" + Convert.ToHexStringLower(Root);

    /// <summary>Equal when the numbers and every root byte are equal.</summary>
    public bool Equals(BlockStateRoot? other) => other is not null && Number == other.Number && Root.AsSpan().SequenceEqual(other.Root);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Number, Root.Length);
}
