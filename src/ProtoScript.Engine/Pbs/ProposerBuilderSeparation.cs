using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Pbs;

/// <summary>
/// Proposer–builder separation on one rollup (<see cref="RollupModel.Pbs"/>): its builders' order
/// flow and the proposer's sealed-bid auction over their block candidates.
/// </summary>
/// <remarks>
/// <para>Order flow. A fixed share of the rollup's users (by account, in builder order) sends every
/// transaction privately to one builder (<c>exclusive_flow</c>); the others send to the public
/// mempool. A sender's transactions are all in one place, so nonces stay consecutive in it.</para>
/// <para>Each slot every builder proposes a block (<see cref="PbsBuilder"/>), which the
/// <see cref="CandidateStage"/> executes into a <see cref="BlockCandidate"/> on a snapshot, the
/// priority fees booked to the builder. Its bid is <c>bid</c> × the candidate's priority fees
/// (rounded down) and reaches the proposer its <c>latency</c> after the seal time; a bid later than
/// <c>deadline</c>, or for a block with no transaction, is not valid. The highest valid bid wins
/// (ties: the earlier arrival, then the builder listed first) and pays its bid (first price) or the
/// next valid bid (second price; nothing when alone). With no valid bid the proposer builds its own
/// block from the public mempool and keeps its priority fees.</para>
/// <para>Payment. The priority fees of every L2 block go to the proposer's account, the block's fee
/// recipient, as derivation expects; the winner's share (the priority fees minus its price) is paid
/// to the builder's account by a transfer at the end of the block (no gas, no tip), which the batch
/// carries and derivation replays. So the proposer keeps the price and the builder the margin.</para>
/// </remarks>
public sealed partial class ProposerBuilderSeparation
{
    private readonly RollupChain _chain;
    private readonly PbsBuilder[] _builders;
    private readonly int[] _exclusiveEnd;
    private readonly BuilderTally[] _tally;
    private readonly Trading.QuoteSum[] _tips;
    private readonly PbsRules _rules;
    private readonly UInt128[] _bids;

    // What the previous slot's winner paid; null when the proposer built that block itself.
    private UInt128? _lastPrice;

    internal ProposerBuilderSeparation(RollupChain chain, PbsModel model, int firstBuilderAccount, PbsRules? rules = null)
    {
        _chain = chain;
        Model = model;
        _rules = rules ?? PbsRules.None;
        _bids = new UInt128[model.Builders.Length];
        _builders = new PbsBuilder[model.Builders.Length];
        _exclusiveEnd = new int[model.Builders.Length];
        _tally = new BuilderTally[model.Builders.Length];
        _tips = [.. model.Builders.Select(_ => new Trading.QuoteSum())];
        long users = chain.UserAccounts;
        long start = 0;
        for (var i = 0; i < _builders.Length; i++)
        {
            var builder = model.Builders[i];
            start += users * builder.ExclusiveFlowPpm / PbsModel.Million;
            _exclusiveEnd[i] = (int)Math.Min(start, users);
            _builders[i] = new PbsBuilder(this, builder, i, firstBuilderAccount + i, new TransactionPool(chain.State.Count, chain.Pool.Rule));
        }

        Builders = [.. _builders.Cast<IBlockBuilder>()];
    }

    /// <summary>The rollup's PBS settings.</summary>
    public PbsModel Model { get; }

    /// <summary>The builders, in source order.</summary>
    public ImmutableArray<IBlockBuilder> Builders { get; }

    /// <summary>Slots whose block a builder won.</summary>
    public long BuilderBlocks { get; private set; }

    /// <summary>Slots with no valid bid in time, whose block the proposer built itself.</summary>
    public long FallbackBlocks { get; private set; }

    /// <summary>What winners paid the proposer, in wei.</summary>
    public UInt128 BidRevenue { get; private set; }

    /// <summary>Each builder's counters, in source order.</summary>
    public ImmutableArray<PbsBuilderTally> Tallies =>
        [.. _builders.Select((b, i) => new PbsBuilderTally(b.Name, b.Account, _tally[i].Wins, _tally[i].Bids, _tally[i].LateBids, _tally[i].Paid, _tally[i].Captured) { Mev = _tally[i].Mev, Bundles = _tally[i].Bundles })];

    /// <summary>The public mempool as every builder sees it this slot, ranked (see <see cref="Ranked"/>).</summary>
    internal List<Ranked> PublicView { get; } = [];

    /// <summary>The rollup's PBS hooks.</summary>
    internal PbsRules Rules => _rules;

    /// <summary>A buffer for reading a pool, reused by every builder.</summary>
    internal List<Transaction> Scratch { get; } = [];

    /// <summary>The builder whose exclusive flow <paramref name="account"/> sends to, or -1 for the public mempool.</summary>
    internal int ExclusiveBuilderOf(int account)
    {
        for (var i = 0; i < _exclusiveEnd.Length; i++)
        {
            if (account < _exclusiveEnd[i])
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The transactions of <paramref name="account"/> waiting in a builder's private pool.</summary>
    internal int PrivatePending(int account) => ExclusiveBuilderOf(account) is var b and >= 0 ? _builders[b].PrivatePool.PendingCount(account) : 0;

    /// <summary>Sends <paramref name="tx"/> privately to its sender's builder; false when its sender uses the public mempool.</summary>
    internal bool TrySubmitPrivately(in Transaction tx, ulong expectedNonce)
    {
        var builder = ExclusiveBuilderOf(tx.From);
        if (builder < 0)
        {
            return false;
        }

        _builders[builder].PrivatePool.Add(in tx, expectedNonce);
        return true;
    }

    /// <summary>Reads the public mempool once for every builder of the slot.</summary>
    internal void BeginSlot()
    {
        TakeBundles();
        PublicView.Clear();
        RankInto(_chain.Pool, Scratch, PublicView);
    }

    /// <summary>Appends <paramref name="pool"/>'s transactions to <paramref name="into"/>, each with its sender's running lowest tip.</summary>
    internal static void RankInto(TransactionPool pool, List<Transaction> scratch, List<Ranked> into)
    {
        scratch.Clear();
        pool.CopyPending(scratch);
        var sender = -1;
        UInt128 lowest = 0;
        foreach (var tx in scratch)
        {
            if (tx.From != sender)
            {
                sender = tx.From;
                lowest = tx.PriorityFeePerGas;
            }
            else if (tx.PriorityFeePerGas < lowest)
            {
                lowest = tx.PriorityFeePerGas;
            }

            into.Add(new Ranked(tx, lowest));
        }
    }

    /// <summary>
    /// Runs <paramref name="build"/> (building or replaying builder <paramref name="index"/>'s
    /// candidate) with the arbitrages' tips deferred: they are the builder's, and how much of them
    /// the proposer gets only the auction's price decides (<see cref="Settle"/> books the MEV).
    /// </summary>
    internal BlockCandidate WithBuilderTips(int index, Func<BlockCandidate> build)
    {
        if (_chain.Market is not { } market)
        {
            return build();
        }

        var tips = _tips[index];
        tips.Clear();
        market.DeferredTips = tips;
        try
        {
            return build();
        }
        finally
        {
            market.DeferredTips = null;
        }
    }

    /// <summary>Who the ledger books the priority fees of builder <paramref name="index"/>'s candidate to.</summary>
    internal static FeeActor TipActor(int index) => new(Role.Builder, index);

    /// <summary>What builder <paramref name="index"/> bids for <paramref name="candidate"/>: its share of the block's priority fees, rounded down, or what its hook returns.</summary>
    internal UInt128 Bid(int index, BlockCandidate candidate, SimDuration time)
    {
        if (_rules.BidOf(index) is not { } rule)
        {
            return candidate.ProposerValue * (UInt128)(ulong)Model.Builders[index].BidPpm / PbsModel.Million;
        }

        var builder = Model.Builders[index];
        var view = new BuilderBidView(
            (ulong)_chain.Metrics.Blocks + 1,
            time.Microseconds,
            builder.Name,
            index,
            builder.Latency.Microseconds,
            candidate.ProposerValue,
            candidate.GasUsed,
            candidate.Outcomes.Count(o => o is CandidateOutcome.Included or CandidateOutcome.Reverted),
            _builders[index].BundleAt is var at and >= 0 && candidate.InBlock(at) ? 1 : 0,
            Model.Price == AuctionPrice.Second,
            Model.Deadline.Microseconds,
            _tally[index].Wins,
            _lastPrice);
        try
        {
            return rule.Bid(in view);
        }
        catch (Exception e) when (e is not (Simulation.RuleFailedException or OutOfMemoryException))
        {
            // The hook's own diagnostic, with the simulated time and block only the engine knows.
            throw new Simulation.RuleFailedException(_chain.Model.Name, time, (long)view.Block, e);
        }
    }

    /// <summary>
    /// The proposer's auction: the index of the winning candidate and its price, or -1 when no
    /// valid bid arrived by the deadline (the proposer then builds its own block).
    /// </summary>
    internal (int Winner, UInt128 Price) Choose(IReadOnlyList<BlockCandidate> candidates, SimDuration time)
    {
        var best = -1;
        var second = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].GasUsed == 0)
            {
                continue; // nothing to sell: no bid
            }

            _bids[i] = Bid(i, candidates[i], time);
            _tally[i].Bids++;
            if (Model.Builders[i].Latency > Model.Deadline)
            {
                _tally[i].LateBids++;
                continue;
            }

            if (best < 0 || Beats(i, best))
            {
                second = best;
                best = i;
            }
            else if (second < 0 || Beats(i, second))
            {
                second = i;
            }
        }

        if (best < 0)
        {
            FallbackBlocks++;
            _lastPrice = null;
            return (-1, 0);
        }

        var price = Model.Price == AuctionPrice.First ? _bids[best]
            : second >= 0 ? _bids[second]
            : UInt128.Zero;
        _lastPrice = price;
        return (best, price);
    }

    /// <summary>
    /// Books the winner's price and pays it its share inside the block, after its transactions
    /// were included; the transactions it took leave the public mempool and its private pool.
    /// </summary>
    internal void Settle(int winner, BlockCandidate candidate, UInt128 price, SimDuration time)
    {
        var chain = _chain;
        var builder = _builders[winner];
        var share = candidate.ProposerValue - price;
        if (share > UInt128.Zero)
        {
            var payout = new Transaction(chain.SequencerAccount, builder.Account, share, chain.State.Nonce(chain.SequencerAccount), UInt128.Zero, 0, time);
            if (!chain.TryExecute(in payout))
            {
                throw new InvalidOperationException("The proposer could not pay a builder its share of the priority fees it had just received.");
            }

            chain.NotifyIncluded(in payout);
        }

        if (price > UInt128.Zero)
        {
            chain.Fees.Add(Role.Sequencer, FeeKind.AuctionPayment, price);
        }

        SettleMev(winner, candidate, price);
        CountLandedBundle(winner, candidate);
        BuilderBlocks++;
        BidRevenue += price;
        _tally[winner].Wins++;
        _tally[winner].Paid += price;
        _tally[winner].Captured += candidate.ProposerValue;
        chain.Pool.PruneExecuted(chain.State);
        builder.PrivatePool.PruneExecuted(chain.State);
    }

    /// <summary>
    /// Books the arbitrages' tips in the winner's block as MEV: the builder took them and paid the
    /// proposer the price, so each keeps its share of them — the builder (value − price) / value,
    /// rounded down, the proposer the rest.
    /// </summary>
    private void SettleMev(int winner, BlockCandidate candidate, UInt128 price)
    {
        var tips = _tips[winner].Total;
        if (_chain.Market is not { } market || tips == UInt128.Zero)
        {
            return;
        }

        var builderShare = candidate.ProposerValue == UInt128.Zero ? UInt128.Zero
            : (UInt128)((System.Numerics.BigInteger)tips * (System.Numerics.BigInteger)(candidate.ProposerValue - price) / (System.Numerics.BigInteger)candidate.ProposerValue);
        var proposerShare = tips - builderShare;
        _tally[winner].Mev += builderShare;
        if (builderShare > UInt128.Zero)
        {
            market.Mev.Record(Mev.MevKind.Arbitrage, new Mev.MevCaptor(Mev.MevCaptorRole.Builder, _builders[winner].Name), builderShare);
        }

        if (proposerShare > UInt128.Zero)
        {
            market.Mev.Record(Mev.MevKind.Arbitrage, new Mev.MevCaptor(Mev.MevCaptorRole.Sequencer, _chain.Model.Name), proposerShare);
        }
    }

    /// <summary>Pending transactions in the builders' private pools.</summary>
    internal int PrivatePendingTotal => _builders.Sum(b => b.PrivatePool.Count);

    private bool Beats(int i, int j)
    {
        var bi = _bids[i];
        var bj = _bids[j];
        if (bi != bj)
        {
            return bi > bj;
        }

        var li = Model.Builders[i].Latency;
        var lj = Model.Builders[j].Latency;
        return li != lj ? li < lj : i < j;
    }

    private struct BuilderTally
    {
        public long Wins;
        public long Bids;
        public long LateBids;
        public UInt128 Paid;
        public UInt128 Captured;
        public UInt128 Mev;
        public long Bundles;
    }
}

/// <summary>One PBS builder's counters at the end of a run.</summary>
/// <param name="Name">The builder.</param>
/// <param name="Account">Its account on the rollup.</param>
/// <param name="Wins">Blocks it won.</param>
/// <param name="Bids">Bids it sent (slots in which its block held a transaction).</param>
/// <param name="LateBids">Of those, bids that reached the proposer after the deadline.</param>
/// <param name="Paid">What it paid the proposer, in wei.</param>
/// <param name="Captured">The priority fees of the blocks it won, in wei.</param>
public readonly record struct PbsBuilderTally(string Name, int Account, long Wins, long Bids, long LateBids, UInt128 Paid, UInt128 Captured)
{
    /// <summary>The MEV it kept from the arbitrages in the blocks it won, in the first pool's quote token.</summary>
    public UInt128 Mev { get; init; }

    /// <summary>Searchers' bundles that landed at the top of the blocks it won.</summary>
    public long Bundles { get; init; }
}
