using System.Numerics;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Markets;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Mev;
using ProtoScript.Engine.State;
using ProtoScript.Hooks;

namespace ProtoScript.Engine.Trading;

/// <summary>
/// The pools of one rollup and everything the report says about trading on it. Pools are
/// accounts of the rollup's state (after the users, the sequencer and the arbitrageurs)
/// whose balances are the reserves, so a swap moves balances between the trader and the
/// pool account and every token's supply stays exactly where it was; the
/// <see cref="ConstantProductPool"/> beside each account prices the swaps and always holds
/// the same reserves.
/// </summary>
public sealed partial class RollupMarket
{
    private readonly RollupChain _chain;
    private readonly ConstantProductPool[] _pools;
    private readonly int[] _baseAsset;
    private readonly int[] _quoteAsset;
    private readonly bool[] _arbitragedThisBlock;
    private readonly long[] _swapRejected = new long[RejectReasons.All.Count];
    private readonly long[] _searcherRejected = new long[RejectReasons.All.Count];
    private readonly UInt128[] _genesisSupply;
    private readonly MevCaptor[] _arbitrageurCaptors;
    private readonly MevCaptor _sequencerCaptor;
    private readonly MevCaptor[] _backRunnerCaptors;
    private readonly bool _tracksCex;

    internal RollupMarket(RollupChain chain, MarketSetup setup)
    {
        _chain = chain;
        Setup = setup;
        var model = chain.Model;
        var state = chain.State;
        foreach (var balance in model.TokenBalances)
        {
            var asset = setup.AssetOf(balance.Token);
            for (var i = 0; i < chain.UserAccounts; i++)
            {
                Credit(state, asset, i, balance.Amount);
            }
        }

        Arbitrageurs = setup.HasArbitrage(model) ? setup.Trading.Arbitrageurs : 0;
        FirstArbitrageur = chain.SequencerAccount + 1;
        FirstPoolAccount = FirstArbitrageur + Arbitrageurs;
        var count = model.Amms.Length;
        _pools = new ConstantProductPool[count];
        _baseAsset = new int[count];
        _quoteAsset = new int[count];
        _arbitragedThisBlock = new bool[count];
        for (var p = 0; p < count; p++)
        {
            var amm = model.Amms[p];
            _pools[p] = new ConstantProductPool(amm.BaseReserve, amm.QuoteReserve, SwapFee.FromBasisPoints((uint)(amm.FeePpm / 100)));
            _baseAsset[p] = setup.AssetOf(amm.BaseToken);
            _quoteAsset[p] = setup.AssetOf(amm.QuoteToken);
            Credit(state, _baseAsset[p], FirstPoolAccount + p, amm.BaseReserve);
            Credit(state, _quoteAsset[p], FirstPoolAccount + p, amm.QuoteReserve);
        }

        // Arbitrageurs start with as much of each pool token as the pool itself: enough to
        // close any gap the CEX can open in one block.
        _arbitrageurCaptors = new MevCaptor[Arbitrageurs];
        for (var a = 0; a < Arbitrageurs; a++)
        {
            Credit(state, _baseAsset[0], FirstArbitrageur + a, model.Amms[0].BaseReserve);
            Credit(state, _quoteAsset[0], FirstArbitrageur + a, model.Amms[0].QuoteReserve);
            _arbitrageurCaptors[a] = new MevCaptor(MevCaptorRole.Arbitrageur, ArbitrageurName(a));
        }

        // Cross-rollup searchers, after the pools: each starts with as much of its pool's tokens as the pool.
        FirstCrossSearcher = FirstPoolAccount + count;
        for (var path = 0; path < setup.CrossArbitrage.Length; path++)
        {
            if (!setup.CrossArbitrage[path].Path.Contains(model.Name))
            {
                continue;
            }

            var pool = setup.CrossPool(model, path);
            var first = FirstCrossSearcher + setup.CrossSearcherOffset(model, path);
            for (var s = 0; s < setup.CrossArbitrage[path].Searchers; s++)
            {
                Credit(state, _baseAsset[pool], first + s, model.Amms[pool].BaseReserve);
                Credit(state, _quoteAsset[pool], first + s, model.Amms[pool].QuoteReserve);
            }
        }

        // Back-runners, after the cross-rollup searchers: each starts with as much of the first pool's tokens as the pool.
        FirstBackRunner = FirstCrossSearcher + setup.CrossSearchers(model);
        BackRunners = setup.BackRunners(model);
        _backRunnerCaptors = new MevCaptor[BackRunners];
        for (var b = 0; b < BackRunners; b++)
        {
            Credit(state, _baseAsset[0], FirstBackRunner + b, model.Amms[0].BaseReserve);
            Credit(state, _quoteAsset[0], FirstBackRunner + b, model.Amms[0].QuoteReserve);
            _backRunnerCaptors[b] = new MevCaptor(MevCaptorRole.Arbitrageur, BackRunnerName(b));
        }

        _sequencerCaptor = new MevCaptor(MevCaptorRole.Sequencer, model.Name);
        _tracksCex = setup.Cex is not null && count > 0 && _baseAsset[0] == MarketSetup.Ether
            && _quoteAsset[0] == setup.AssetOf(setup.Cex.Model.QuoteToken);
        _genesisSupply = new UInt128[state.TokenCount];
        for (var t = 0; t < state.TokenCount; t++)
        {
            _genesisSupply[t] = state.TotalTokenBalance(t);
        }
    }

    /// <summary>The scenario's tokens, trading workload and CEX.</summary>
    public MarketSetup Setup { get; }

    /// <summary>The CEX, or null.</summary>
    public CexMarket? Cex => Setup.Cex;

    /// <summary>The number of arbitrageurs on this rollup (accounts <see cref="FirstArbitrageur"/> onwards).</summary>
    public int Arbitrageurs { get; }

    /// <summary>The account of the first arbitrageur (the one after the sequencer).</summary>
    public int FirstArbitrageur { get; }

    /// <summary>The account that holds the reserves of pool 0; pool <c>p</c> is this plus <c>p</c>.</summary>
    public int FirstPoolAccount { get; }

    /// <summary>The account of the first cross-rollup searcher (the one after the last pool).</summary>
    public int FirstCrossSearcher { get; }

    /// <summary>
    /// Told of every swap a cross-rollup searcher sends that this market executes, reverts or
    /// refuses as invalid, with the fees it paid in wei; null when no searcher trades here.
    /// </summary>
    internal ISearcherSwapListener? SearcherSwaps { get; set; }

    /// <summary>The number of back-runners on this rollup (accounts <see cref="FirstBackRunner"/> onwards).</summary>
    public int BackRunners { get; }

    /// <summary>The account of the first back-runner (the one after the last cross-rollup searcher).</summary>
    public int FirstBackRunner { get; }

    /// <summary>The back-runners' desk, told of every user swap sent and of every back-run executed; null without back-runners (and in derivation).</summary>
    internal BackRunDesk? BackRuns { get; set; }

    /// <summary>Back-runs that executed.</summary>
    public long BackRunsIncluded { get; private set; }

    /// <summary>The scenario's name for back-runner <paramref name="index"/> (<c>br1</c>, <c>br2</c>, …).</summary>
    public static string BackRunnerName(int index) => "br" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="account"/> is one of this rollup's back-runners.</summary>
    public bool IsBackRunner(int account) => account >= FirstBackRunner && account < FirstBackRunner + BackRunners;

    /// <summary>The pools, in the rollup's declaration order.</summary>
    public IReadOnlyList<ConstantProductPool> Pools => _pools;

    /// <summary>MEV on this rollup, in the first pool's quote token.</summary>
    public MevLedger Mev { get; } = new();

    /// <summary>Whether the first pool trades ether against the CEX's quote token, so its gap to the CEX is measured.</summary>
    public bool TracksCex => _tracksCex;

    /// <summary>|CEX − pool| gap of the first pool at the start of each block, before its transactions.</summary>
    public PriceGapStatistics GapBefore { get; } = new();

    /// <summary>The same gap at the end of each block.</summary>
    public PriceGapStatistics GapAfter { get; } = new();

    /// <summary>Swaps sent to the sequencer (users' and arbitrageurs').</summary>
    public long SwapsSubmitted { get; private set; }

    /// <summary>Swaps that executed.</summary>
    public long SwapsIncluded { get; private set; }

    /// <summary>Arbitrage swaps sent.</summary>
    public long ArbitragesSubmitted { get; private set; }

    /// <summary>Arbitrage swaps that executed.</summary>
    public long ArbitragesIncluded { get; private set; }

    /// <summary>Executed arbitrages that lost money once fees are paid (valued at the CEX price).</summary>
    public long ArbitragesUnprofitable { get; private set; }

    /// <summary>What those arbitrages lost, in the quote token; MEV counts only what was gained.</summary>
    public UInt128 ArbitrageLosses { get; private set; }

    /// <summary>The scenario's name for arbitrageur <paramref name="index"/> (<c>arb1</c>, <c>arb2</c>, …).</summary>
    public static string ArbitrageurName(int index) => "arb" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Swaps rejected (dropped or reverted) for <paramref name="reason"/>.</summary>
    public long SwapsRejected(RejectReason reason) => _swapRejected[(int)reason];

    /// <summary>Swaps sent by searchers (arbitrageurs, cross-pool searchers, back-runners) rather than users.</summary>
    public long SearcherSwapsSubmitted { get; private set; }

    /// <summary>Searchers' swaps that executed.</summary>
    public long SearcherSwapsIncluded { get; private set; }

    /// <summary>Searchers' swaps rejected for <paramref name="reason"/>; a searcher that loses the race for a price gap reverts as slippage exceeded.</summary>
    public long SearcherSwapsRejected(RejectReason reason) => _searcherRejected[(int)reason];

    /// <summary>
    /// Whether <paramref name="account"/> is a searcher's: every account after the sequencer's
    /// (arbitrageurs, pools, cross-pool searchers, back-runners); users' accounts come before it.
    /// </summary>
    public bool IsSearcher(int account) => account > _chain.SequencerAccount;

    private void CountRejected(in Transaction tx, RejectReason reason)
    {
        _swapRejected[(int)reason]++;
        if (IsSearcher(tx.From))
        {
            _searcherRejected[(int)reason]++;
        }
    }

    private void CountSubmitted(in Transaction swap)
    {
        SwapsSubmitted++;
        if (IsSearcher(swap.From))
        {
            SearcherSwapsSubmitted++;
        }

        if (IsArbitrageur(swap.From))
        {
            ArbitragesSubmitted++;
        }
    }

    /// <summary>The total supply of declared token <paramref name="token"/> at genesis.</summary>
    public UInt128 GenesisSupply(int token) => _genesisSupply[token];

    /// <summary>The asset pool <paramref name="pool"/> holds as token 0 (0 is ether, <c>t + 1</c> declared token <c>t</c>).</summary>
    public int BaseAsset(int pool) => _baseAsset[pool];

    /// <summary>The asset pool <paramref name="pool"/> holds as token 1.</summary>
    public int QuoteAsset(int pool) => _quoteAsset[pool];

    /// <summary>An account's balance of an asset.</summary>
    public static UInt128 BalanceOf(AccountState state, int asset, int account)
    {
        ArgumentNullException.ThrowIfNull(state);
        return asset == MarketSetup.Ether ? state.Balance(account) : state.TokenBalance(asset - 1, account);
    }

    /// <summary>Whether <paramref name="account"/> is one of this rollup's arbitrageurs.</summary>
    public bool IsArbitrageur(int account) => account >= FirstArbitrageur && account < FirstArbitrageur + Arbitrageurs;

    /// <summary>Hands a swap to the sequencer and counts it.</summary>
    public void SubmitSwap(in Transaction swap)
    {
        _chain.Submit(in swap);
        CountSubmitted(in swap);
    }

    /// <summary>Counts a swap the sequencer dropped before executing it (a validity rule refused it).</summary>
    internal void CountDropped(in Transaction tx, RejectReason reason)
    {
        if (tx.Kind == DataAvailability.TransactionKind.Swap)
        {
            CountRejected(in tx, reason);
        }
    }

    /// <summary>Counts a swap that never passed through <see cref="SubmitSwap"/>: a sealed-bid transaction that won its auction, or a bundle's swap leg.</summary>
    internal void CountSealedSubmission(in Transaction swap)
    {
        CountSubmitted(in swap);
    }

    /// <summary>
    /// What the sender of the swap being executed pays the sequencer besides its priority fee
    /// (an auction's price), in wei: the sequencer's share of the arbitrage, not the arbitrageur's.
    /// </summary>
    internal UInt128 TopOfBlockPayment { get; set; }

    /// <summary>The value of <paramref name="wei"/> in quote units at <paramref name="price"/>, rounded down.</summary>
    public static UInt128 QuoteValue(UInt128 wei, FixedPrice price) =>
        (UInt128)((BigInteger)wei * (BigInteger)price.Scaled / (BigInteger)FixedPrice.Scale);

    /// <summary>Samples the gap before the block's transactions.</summary>
    internal void BeginBlock()
    {
        Array.Clear(_arbitragedThisBlock);
        if (_tracksCex && Cex is not null)
        {
            GapBefore.Observe(PriceGap.BasisPoints(_pools[0].Reserve0, _pools[0].Reserve1, Cex.Current));
        }
    }

    /// <summary>Samples the gap after the block and closes the block's MEV.</summary>
    internal void EndBlock(long blockNumber)
    {
        if (_tracksCex && Cex is not null)
        {
            GapAfter.Observe(PriceGap.BasisPoints(_pools[0].Reserve0, _pools[0].Reserve1, Cex.Current));
        }

        Mev.CloseBlock(blockNumber);
    }

    /// <summary>
    /// Executes a swap. A sender who cannot pay the gas (plus the input, when it is ether)
    /// makes the swap invalid: nothing changes and it returns false, like a transfer the
    /// sender cannot afford. Otherwise the gas is paid and the nonce used whatever happens,
    /// as on Ethereum; if the swap then fails (input balance, slippage, liquidity) it
    /// reverts and <paramref name="revertReason"/> says why.
    /// </summary>
    internal bool TryExecute(in Transaction tx, UInt128 baseFee, out RejectReason? revertReason) =>
        TryExecute(in tx, baseFee, Role.Sequencer, out revertReason);

    /// <summary>Executes a swap as <see cref="TryExecute(in Transaction, UInt128, out RejectReason?)"/> does, booking its priority fee to <paramref name="tipActor"/> (a PBS builder's block).</summary>
    internal bool TryExecute(in Transaction tx, UInt128 baseFee, FeeActor tipActor, out RejectReason? revertReason)
    {
        revertReason = null;
        var state = _chain.State;
        var pool = _pools[tx.PoolIndex];
        var (inAsset, outAsset) = tx.Direction == SwapDirection.ZeroForOne
            ? (_baseAsset[tx.PoolIndex], _quoteAsset[tx.PoolIndex])
            : (_quoteAsset[tx.PoolIndex], _baseAsset[tx.PoolIndex]);
        var burned = checked((UInt128)tx.Gas * baseFee);
        var tip = checked((UInt128)tx.Gas * tx.PriorityFeePerGas);
        var l1DataFee = _chain.Settlement?.L1DataFee(in tx) ?? 0;
        var operatorFee = _chain.Settlement?.OperatorFee(in tx) ?? 0;
        var fees = checked(burned + tip + l1DataFee + operatorFee);
        var etherNeeded = inAsset == MarketSetup.Ether ? checked(fees + tx.Value) : fees;
        if (state.Balance(tx.From) < etherNeeded)
        {
            CountRejected(in tx, RejectReason.InsufficientBalance);
            NotifySearcher(in tx, default, RejectReason.InsufficientBalance, UInt128.Zero);
            return false;
        }

        state.Debit(tx.From, fees);
        state.Credit(_chain.SequencerAccount, tip + l1DataFee + operatorFee);
        _chain.Settlement?.AddL1DataFee(l1DataFee);
        _chain.Settlement?.AddOperatorFee(operatorFee);
        state.IncrementNonce(tx.From);
        _chain.Fees.Add(Role.Burned, FeeKind.BaseFee, burned);
        _chain.Fees.Add(tipActor, FeeKind.PriorityFee, tip);

        var arbitrage = IsArbitrageur(tx.From);
        revertReason = BalanceOf(state, inAsset, tx.From) < tx.Value ? RejectReason.InsufficientBalance
            : arbitrage && _arbitragedThisBlock[tx.PoolIndex] ? RejectReason.SlippageExceeded
            : null;
        SwapResult result = default;
        if (revertReason is null)
        {
            result = pool.SwapExactIn(tx.Direction, tx.Value, tx.MinAmountOut);
            revertReason = result.Outcome switch
            {
                SwapOutcome.Executed => null,
                SwapOutcome.SlippageExceeded => RejectReason.SlippageExceeded,
                _ => RejectReason.InsufficientLiquidity,
            };
        }

        if (revertReason is { } reason)
        {
            CountRejected(in tx, reason);
            NotifySearcher(in tx, default, reason, fees);
            return true;
        }

        var poolAccount = FirstPoolAccount + tx.PoolIndex;
        Debit(state, inAsset, tx.From, result.AmountIn);
        Credit(state, inAsset, poolAccount, result.AmountIn);
        Debit(state, outAsset, poolAccount, result.AmountOut);
        Credit(state, outAsset, tx.From, result.AmountOut);
        SwapsIncluded++;
        if (IsSearcher(tx.From))
        {
            SearcherSwapsIncluded++;
        }

        if (arbitrage)
        {
            _arbitragedThisBlock[tx.PoolIndex] = true;
            ArbitragesIncluded++;
            RecordArbitrage(tx.From - FirstArbitrageur, in result, burned, checked(tip + TopOfBlockPayment));
        }

        else if (BackRuns is { } backRuns && IsBackRunner(tx.From))
        {
            BackRunsIncluded++;
            backRuns.Book(in tx, in result, burned, tip, _backRunnerCaptors[tx.From - FirstBackRunner], _sequencerCaptor);
        }

        NotifySearcher(in tx, in result, null, fees);
        return true;
    }

    private void NotifySearcher(in Transaction tx, in SwapResult result, RejectReason? reason, UInt128 fees)
    {
        if (SearcherSwaps is { } listener && tx.From >= FirstCrossSearcher)
        {
            listener.OnSwap(_chain, in tx, in result, reason, fees);
        }
    }

    private void RecordArbitrage(int arbitrageur, in SwapResult swap, UInt128 burnedWei, UInt128 tipWei)
    {
        // Valued at the CEX price when the block executes: the arbitrageur closes the
        // position there (base bought in the pool is sold, base sold is bought back).
        var price = Cex!.Current; // arbitrageurs exist only where the pool tracks the CEX
        BigInteger p = price.Scaled, scale = FixedPrice.Scale;
        var gross = swap.Direction == SwapDirection.OneForZero
            ? ((BigInteger)swap.AmountOut * p / scale) - (BigInteger)swap.AmountIn
            : (BigInteger)swap.AmountOut - ((((BigInteger)swap.AmountIn * p) + scale - 1) / scale);
        var tip = QuoteValue(tipWei, price);
        var kept = gross - (BigInteger)QuoteValue(burnedWei, price) - (BigInteger)tip;
        if (kept > 0)
        {
            Mev.Record(MevKind.Arbitrage, _arbitrageurCaptors[arbitrageur], (UInt128)kept);
        }
        else if (kept < 0)
        {
            // A stale view can make an arbitrage lose; counted apart so MEV is not read as net profit.
            ArbitragesUnprofitable++;
            ArbitrageLosses += (UInt128)(-kept);
        }

        if (DeferredTips is not null)
        {
            DeferredTips.Add(tip);
        }
        else if (tip > UInt128.Zero)
        {
            Mev.Record(MevKind.Arbitrage, _sequencerCaptor, tip);
        }
    }

    private static void Credit(AccountState state, int asset, int account, UInt128 amount)
    {
        if (asset == MarketSetup.Ether)
        {
            state.Credit(account, amount);
        }
        else
        {
            state.CreditToken(asset - 1, account, amount);
        }
    }

    private static void Debit(AccountState state, int asset, int account, UInt128 amount)
    {
        if (asset == MarketSetup.Ether)
        {
            state.Debit(account, amount);
        }
        else
        {
            state.DebitToken(asset - 1, account, amount);
        }
    }
}
