using System.Collections.Immutable;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Trading;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Auction;

/// <summary>
/// The sealed-bid auction for the first position of each block of one rollup
/// (<c>ordering = auction</c>). Searchers send a transaction and a bid in wei (not per gas)
/// privately to the sequencer; the transaction does not enter the public mempool. When the
/// block is built, the highest bid that its sender can pay wins (earlier bid on a tie), its
/// transaction executes first and it pays the price (its own bid, or the highest losing bid
/// under <see cref="AuctionPrice.Second"/>) to the sequencer as a transfer in the same block,
/// so derivation replays the payment like any transaction. Losing bids cost nothing and their
/// transactions are never included. The rest of the block is the mempool in priority-fee order.
/// </summary>
public sealed class TopOfBlockAuction : IBlockBuildStage
{
    private readonly List<SealedBid> _bids = [];
    private readonly SortedDictionary<int, (long Wins, UInt128 Paid)> _winners = [];
    private ulong _nextSequence;

    /// <summary>Creates the auction of a rollup.</summary>
    public TopOfBlockAuction(AuctionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    /// <summary>The auction's settings.</summary>
    public AuctionModel Model { get; }

    /// <summary>Bids received.</summary>
    public long Bids { get; private set; }

    /// <summary>Blocks with at least one bid.</summary>
    public long Auctions { get; private set; }

    /// <summary>Blocks whose first position was sold.</summary>
    public long Sold { get; private set; }

    /// <summary>Bids that won but could not be honoured (the sender could not pay, or the block had no room) and passed to the next bid.</summary>
    public long Invalid { get; private set; }

    /// <summary>What winners paid the sequencer, in wei.</summary>
    public UInt128 Revenue { get; private set; }

    /// <summary>The sum of the winning bids (under a second-price auction, more than <see cref="Revenue"/>), in wei.</summary>
    public UInt128 WinningBids { get; private set; }

    /// <summary>Receives a sealed bid for the next block: <paramref name="bundle"/> goes first if <paramref name="amount"/> wins.</summary>
    public void Submit(in Transaction bundle, UInt128 amount)
    {
        _bids.Add(new SealedBid(bundle, amount, _nextSequence++));
        Bids++;
    }

    /// <summary>Each winner's account, wins and payments, by account.</summary>
    public ImmutableArray<(int Account, long Wins, UInt128 Paid)> Winners =>
        [.. _winners.Select(w => (w.Key, w.Value.Wins, w.Value.Paid))];

    /// <summary>
    /// Opens the bids, executes the winner's transaction and its payment at the top of the
    /// block, and forgets the bids.
    /// </summary>
    /// <returns>The gas the winner used.</returns>
    ulong IBlockBuildStage.Fill(RollupChain chain, SimDuration blockTime, ulong gasLeft) => RunTopOfBlock(chain, blockTime, gasLeft);

    private ulong RunTopOfBlock(RollupChain chain, SimDuration blockTime, ulong gasLeft)
    {
        if (_bids.Count == 0)
        {
            return 0;
        }

        Auctions++;
        _bids.Sort(static (a, b) => b.Amount != a.Amount ? b.Amount.CompareTo(a.Amount) : a.Sequence.CompareTo(b.Sequence));
        ulong used = 0;
        for (var i = 0; i < _bids.Count; i++)
        {
            var bid = _bids[i];
            var bundle = bid.Bundle;
            var price = Model.Price == AuctionPrice.First ? bid.Amount
                : i + 1 < _bids.Count ? _bids[i + 1].Amount
                : UInt128.Zero;
            if (!CanHonour(chain, in bundle, price, gasLeft))
            {
                Invalid++;
                continue;
            }

            used = Execute(chain, blockTime, in bundle, price);
            Sold++;
            WinningBids += bid.Amount;
            Revenue += price;
            var sender = bid.Bundle.From;
            var (wins, paid) = _winners.GetValueOrDefault(sender);
            _winners[sender] = (wins + 1, paid + price);
            break;
        }

        _bids.Clear();
        return used;
    }

    /// <summary>The transfer that pays the auction's price to the sequencer, right after the winner's transaction.</summary>
    public static Transaction Payment(in Transaction winner, int sequencer, UInt128 price) =>
        new(winner.From, sequencer, price, winner.Nonce + 1, UInt128.Zero, Transaction.TransferGas, winner.SubmitTime);

    private static bool CanHonour(RollupChain chain, in Transaction tx, UInt128 price, ulong gasLeft)
    {
        var gas = tx.Gas + (price > UInt128.Zero ? Transaction.TransferGas : 0);
        if (gas > gasLeft || tx.Nonce != chain.State.Nonce(tx.From))
        {
            return false;
        }

        // Everything the bundle spends in ether, checked before any of it executes: a winner
        // that cannot pay loses its position to the next bid rather than leaving half a bundle.
        var baseFee = chain.BaseFee;
        UInt128 ether = checked(((UInt128)tx.Gas * (baseFee + tx.PriorityFeePerGas)) + price);
        if (price > UInt128.Zero)
        {
            ether = checked(ether + ((UInt128)Transaction.TransferGas * baseFee));
        }

        var inputIsEther = tx.Kind == DataAvailability.TransactionKind.Swap
            ? chain.Market is { } market && (tx.Direction == SwapDirection.ZeroForOne ? market.BaseAsset(tx.PoolIndex) : market.QuoteAsset(tx.PoolIndex)) == MarketSetup.Ether
            : true;
        if (inputIsEther)
        {
            ether = checked(ether + tx.Value);
        }

        return chain.State.Balance(tx.From) >= ether;
    }

    private static ulong Execute(RollupChain chain, SimDuration blockTime, in Transaction tx, UInt128 price)
    {
        var metrics = chain.Metrics;
        metrics.Submitted++;
        RejectReason? reverted = null;
        if (tx.Kind == DataAvailability.TransactionKind.Swap)
        {
            var market = chain.Market!;
            market.CountSealedSubmission(in tx);
            market.TopOfBlockPayment = price;
            market.TryExecute(in tx, chain.BaseFee, out reverted);
            market.TopOfBlockPayment = UInt128.Zero;
        }
        else
        {
            chain.TryExecute(in tx);
        }

        chain.NotifyIncluded(in tx);
        var gas = tx.Gas;
        if (reverted is { } reason)
        {
            metrics.AddRejected(reason);
        }
        else
        {
            metrics.Included++;
            metrics.InclusionLatency.Record(blockTime - tx.SubmitTime);
        }

        if (price > UInt128.Zero)
        {
            var payment = Payment(in tx, chain.SequencerAccount, price);
            if (!chain.TryExecute(in payment))
            {
                throw new InvalidOperationException("An auction winner could not pay after its balance was checked.");
            }

            chain.Fees.Add(Role.Sequencer, FeeKind.AuctionPayment, price);
            chain.NotifyIncluded(in payment);
            gas += payment.Gas;
        }

        metrics.GasUsed += gas;
        return gas;
    }

    private readonly record struct SealedBid(Transaction Bundle, UInt128 Amount, ulong Sequence);
}
