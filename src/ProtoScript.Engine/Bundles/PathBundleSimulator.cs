using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.State;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bundles;

/// <summary>
/// A simulating builder's (or executing sequencer's) check of a whole <see cref="PathBundle"/>
/// before it includes it: every leg runs, in order, against the state the earlier legs leave —
/// accounts under a world-state snapshot of each rollup, pools on copies — and everything is
/// then rolled back, so the check leaves no trace. A later leg therefore sees what an earlier one
/// paid, received or moved in a pool (the second swap of <c>A→B→A</c> on A sees the first).
/// </summary>
internal sealed class PathBundleSimulator
{
    private readonly List<Transaction> _transactions = [];
    private readonly List<(RollupChain Chain, StateSnapshot Snapshot)> _snapshots = [];
    private readonly List<(RollupChain Chain, ConstantProductPool Pool)> _pools = [];

    /// <summary>Why the first leg that would fail would, or null when every leg would execute.</summary>
    public LegFailure? Check(PathBundle bundle, SimDuration now)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        _snapshots.Clear();
        _pools.Clear();
        foreach (var chain in bundle.Chains)
        {
            if (!_snapshots.Exists(s => s.Chain == chain))
            {
                _snapshots.Add((chain, chain.World.TakeSnapshot()));
            }
        }

        try
        {
            for (var leg = 0; leg < bundle.Legs; leg++)
            {
                var chain = bundle.Chains[leg];
                _transactions.Clear();
                bundle.AppendLeg(leg, paidDelivery: true, now, _transactions);
                foreach (var transaction in _transactions)
                {
                    if (Try(chain, in transaction) is { } failure)
                    {
                        return failure;
                    }
                }
            }

            return null;
        }
        finally
        {
            foreach (var (chain, snapshot) in _snapshots)
            {
                chain.World.Restore(snapshot);
            }
        }
    }

    private LegFailure? Try(RollupChain chain, in Transaction tx)
    {
        var state = chain.State;
        switch (tx.Kind)
        {
            case TransactionKind.CrossChainDelivery:
                if (!chain.ValidAccount(tx.To) || !chain.TryDebitCost(in tx, paysValue: false))
                {
                    return LegFailure.Balance;
                }

                state.Credit(tx.To, tx.Value);
                return null;

            case TransactionKind.CrossChainMessage:
                return chain.TryDebitCost(in tx, paysValue: true) ? null : LegFailure.Balance;

            default:
                return TrySwap(chain, in tx);
        }
    }

    // The checks and the trade of RollupMarket.TryExecute, on a copy of the pool.
    private LegFailure? TrySwap(RollupChain chain, in Transaction tx)
    {
        var market = chain.Market!;
        var (inAsset, outAsset) = tx.Direction == SwapDirection.ZeroForOne
            ? (market.BaseAsset(tx.PoolIndex), market.QuoteAsset(tx.PoolIndex))
            : (market.QuoteAsset(tx.PoolIndex), market.BaseAsset(tx.PoolIndex));
        var etherIn = inAsset == MarketSetup.Ether;
        if (!chain.TryDebitCost(in tx, paysValue: etherIn))
        {
            return LegFailure.Balance;
        }

        if (!etherIn && chain.State.TokenBalance(inAsset - 1, tx.From) < tx.Value)
        {
            return LegFailure.Balance;
        }

        var result = Pool(chain, tx.PoolIndex).SwapExactIn(tx.Direction, tx.Value, tx.MinAmountOut);
        if (result.Outcome != SwapOutcome.Executed)
        {
            return result.Outcome == SwapOutcome.SlippageExceeded ? LegFailure.Slippage : LegFailure.Liquidity;
        }

        if (etherIn)
        {
            // The input was debited with the fees; only what the pool did not take comes back.
            chain.State.Credit(tx.From, tx.Value - result.AmountIn);
        }
        else
        {
            chain.State.DebitToken(inAsset - 1, tx.From, result.AmountIn);
        }

        if (outAsset == MarketSetup.Ether)
        {
            chain.State.Credit(tx.From, result.AmountOut);
        }
        else
        {
            chain.State.CreditToken(outAsset - 1, tx.From, result.AmountOut);
        }

        return null;
    }

    private ConstantProductPool Pool(RollupChain chain, int index)
    {
        foreach (var (c, pool) in _pools)
        {
            if (c == chain)
            {
                return pool;
            }
        }

        // One pool per rollup is traded (the first); a copy, so the simulation leaves the real one alone.
        var copy = chain.Market!.Pools[index].Clone();
        _pools.Add((chain, copy));
        return copy;
    }
}
