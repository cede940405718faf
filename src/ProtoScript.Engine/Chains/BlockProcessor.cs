using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>Who put a block on the chain, which decides who is told it was sealed.</summary>
public enum BlockSource
{
    /// <summary>A sequencer or builder built it: the batcher posts it and the provers prove it.</summary>
    Sequenced,

    /// <summary>The L1 rules forced it in: not batched (derivation rebuilds it from L1), but proven.</summary>
    Forced,

    /// <summary>A replica re-executed it from L1 data: nobody downstream follows a replica.</summary>
    Derived,
}

/// <summary>
/// The one place a rollup block is opened, its transactions applied and the block sealed,
/// whoever chose the transactions: the rollup's own builder stages, a shared sequencer or
/// cross-chain builder landing bundle legs, the L1 rules forcing a block in, or derivation
/// replaying a batch. Opening starts the block's market and fee counters; sealing closes them,
/// settles the block's fees, updates the state root and the block tree, checks the supply and
/// tells the chain's listeners.
/// </summary>
internal sealed class BlockProcessor
{
    private readonly RollupChain _chain;

    public BlockProcessor(RollupChain chain) => _chain = chain;

    /// <summary>
    /// Opens the next block: its L1 attributes are <paramref name="attributes"/> when given (a
    /// derived or forced block), else the sequencer's view now.
    /// </summary>
    public void Open(L1Attributes? attributes, SimDuration sealTime)
    {
        _chain.Market?.BeginBlock();
        _chain.Settlement?.BeginBlock(attributes);
        try
        {
            _chain.BaseFeeMarket?.Open(sealTime);
        }
        catch (Exception e) when (_chain.BaseFeeMarket?.Model.Hook is not null && e is not (Simulation.RuleFailedException or OutOfMemoryException))
        {
            // The hook's own diagnostic, with the simulated time and block only the engine knows.
            throw new Simulation.RuleFailedException(_chain.Model.Name, sealTime, _chain.Metrics.Blocks + 1, e);
        }
    }

    /// <summary>
    /// Applies one transaction of a block another node chose (a batch being derived, a forced
    /// block) with the state-transition rules every path shares, and counts it for the block's
    /// fee settlement when valid.
    /// </summary>
    /// <returns>False, with no state change, when it is invalid (its sender could not pay).</returns>
    public bool Apply(in Transaction tx)
    {
        var chain = _chain;
        var valid = tx.Kind switch
        {
            TransactionKind.Deposit => chain.ApplyL1Message(in tx),
            TransactionKind.Swap => chain.Market is { } market && tx.PoolIndex >= 0 && tx.PoolIndex < market.Pools.Count && chain.ValidAccount(tx.From)
                && TrySwapOrOverflow(market, in tx),

            // The recipient of a message is an account of the destination, not of this rollup.
            TransactionKind.CrossChainMessage => chain.ValidAccount(tx.From) && chain.TryExecute(in tx),
            TransactionKind.CrossChainDelivery => CrossChainExecution.TryDeliver(chain, in tx),
            TransactionKind.ExpressLanePayment => Timeboost.ExpressLanePayment.TryApply(chain, in tx),

            // The recipient is a slot of the contract's storage, not an account.
            TransactionKind.StorageWrite => chain.ValidAccount(tx.From) && chain.ValidSlots(in tx) && chain.TryExecute(in tx),
            _ => chain.ValidAccount(tx.From) && chain.ValidAccount(tx.To) && chain.TryExecute(in tx),
        };
        if (valid)
        {
            chain.Settlement?.CountIncluded(in tx);
        }

        return valid;
    }

    /// <summary>Applies a whole block's transactions in order.</summary>
    /// <returns>How many were invalid and left no trace.</returns>
    public int ApplyAll(List<Transaction> transactions)
    {
        var invalid = 0;

        // In place: derivation re-executes every transaction of the chain through here.
        foreach (ref readonly var tx in CollectionsMarshal.AsSpan(transactions))
        {
            if (!Apply(in tx))
            {
                invalid++;
            }
        }

        return invalid;
    }

    /// <summary>
    /// Executes <paramref name="builder"/>'s proposal into the open block and records it as a
    /// candidate: each transaction that fits the gas left, carries its sender's next nonce and
    /// can be paid is executed (a transfer, withdrawal, cross-chain message or swap; a swap may
    /// revert and still pay its gas). Nobody is told and nothing is counted: that is
    /// <see cref="Include"/>'s, for the chosen candidate.
    /// </summary>
    /// <param name="builder">Who proposes the transactions.</param>
    /// <param name="time">The block's seal time.</param>
    /// <param name="gasLeft">The gas the candidate may use.</param>
    /// <param name="tipActor">Who the ledger books the priority fees to: the sequencer unless a PBS builder builds the block.</param>
    public BlockCandidate Build(IBlockBuilder builder, SimDuration time, ulong gasLeft, FeeActor? tipActor = null)
    {
        var tips = tipActor ?? Role.Sequencer;
        var proposal = builder.Propose(_chain, time, gasLeft);
        var transactions = ImmutableArray.CreateRange(proposal);
        var outcomes = new CandidateOutcome[transactions.Length];
        RejectReason[]? reasons = null;
        var remaining = gasLeft;
        UInt128 value = 0;
        for (var i = 0; i < transactions.Length; i++)
        {
            ref readonly var tx = ref transactions.ItemRef(i);
            outcomes[i] = Execute(in tx, remaining, tips, out var reverted);
            if (outcomes[i] is CandidateOutcome.Included or CandidateOutcome.Reverted)
            {
                remaining -= tx.Gas;
                value += (UInt128)tx.Gas * tx.PriorityFeePerGas;
            }

            if (reverted is { } reason)
            {
                reasons ??= new RejectReason[transactions.Length];
                reasons[i] = reason;
            }
        }

        return new BlockCandidate(
            builder.Name,
            time,
            transactions,
            ImmutableCollectionsMarshal.AsImmutableArray(outcomes),
            gasLeft - remaining,
            value,
            reasons is null ? default : ImmutableCollectionsMarshal.AsImmutableArray(reasons));
    }

    /// <summary>Executes the transactions in <paramref name="candidate"/>'s block again, on the state it was built on.</summary>
    /// <exception cref="InvalidOperationException">One did not execute as it did when the candidate was built.</exception>
    /// <param name="candidate">The candidate, built on the state the chain is in again.</param>
    /// <param name="tipActor">Who the ledger books the priority fees to, as when it was built.</param>
    public void Replay(BlockCandidate candidate, FeeActor? tipActor = null)
    {
        var tips = tipActor ?? Role.Sequencer;
        var remaining = ulong.MaxValue;
        for (var i = 0; i < candidate.Transactions.Length; i++)
        {
            if (candidate.InBlock(i)
                && Execute(in candidate.Transactions.ItemRef(i), remaining, tips, out _) != candidate.Outcomes[i])
            {
                throw new InvalidOperationException($"Candidate of builder '{candidate.Builder}' replayed differently from how it was built.");
            }
        }
    }

    /// <summary>
    /// Includes the chosen <paramref name="candidate"/>, already executed into the open block:
    /// the listeners and the fee settlement are told of its transactions and the block's counters
    /// count them (a reverted swap as the mempool counts it: gas used, rejected for its reason).
    /// </summary>
    public void Include(BlockCandidate candidate)
    {
        var chain = _chain;
        var metrics = chain.Metrics;
        for (var i = 0; i < candidate.Transactions.Length; i++)
        {
            if (!candidate.InBlock(i))
            {
                continue;
            }

            ref readonly var tx = ref candidate.Transactions.ItemRef(i);
            chain.NotifyIncluded(in tx);
            chain.Sequencing?.OnIncluded(in tx, candidate.Time);
            metrics.GasUsed += tx.Gas;
            if (candidate.Outcomes[i] == CandidateOutcome.Reverted)
            {
                metrics.AddRejected(candidate.RevertReasons[i]);
                chain.Populations?.Rejected(tx.From, candidate.RevertReasons[i]);
                continue;
            }

            metrics.Included++;
            metrics.InclusionLatency.Record(candidate.Time - tx.SubmitTime);

            // A builder's block was executed on a snapshot, so the fee is what the rule charges, not a balance change.
            chain.Populations?.Included(tx.From, candidate.Time - tx.SubmitTime, (UInt128)tx.Gas * (chain.Model.BaseFee + tx.PriorityFeePerGas));
        }
    }

    private CandidateOutcome Execute(in Transaction tx, ulong gasLeft, FeeActor tipActor, out RejectReason? reverted)
    {
        var chain = _chain;
        reverted = null;
        if (tx.Gas > gasLeft)
        {
            return CandidateOutcome.OutOfGas;
        }

        var accountsExist = tx.Kind switch
        {
            TransactionKind.Transfer or TransactionKind.Withdrawal => chain.ValidAccount(tx.From) && chain.ValidAccount(tx.To),

            // The recipient of a message is an account of the destination, not of this rollup.
            TransactionKind.CrossChainMessage => chain.ValidAccount(tx.From) && chain.CrossChain is not null,
            TransactionKind.Swap => chain.Market is { } m && tx.PoolIndex >= 0 && tx.PoolIndex < m.Pools.Count && chain.ValidAccount(tx.From),
            TransactionKind.StorageWrite => chain.ValidAccount(tx.From) && chain.ValidSlots(in tx),
            _ => (bool?)null,
        };
        if (accountsExist is not { } exist)
        {
            return CandidateOutcome.Unsupported;
        }

        if (!exist)
        {
            return tx.Kind == TransactionKind.Swap && chain.Market is null ? CandidateOutcome.Unsupported : CandidateOutcome.InsufficientBalance;
        }

        if (tx.Nonce != chain.State.Nonce(tx.From))
        {
            return CandidateOutcome.NonceGap;
        }

        if (tx.Kind != TransactionKind.Swap)
        {
            return chain.TryExecuteFor(in tx, tipActor) ? CandidateOutcome.Included : CandidateOutcome.InsufficientBalance;
        }

        try
        {
            if (!chain.Market!.TryExecute(in tx, chain.BaseFee, tipActor, out reverted))
            {
                return CandidateOutcome.InsufficientBalance;
            }
        }
        catch (OverflowException)
        {
            // A swap's fee checks run before any state change; amounts no sender could hold are invalid.
            return CandidateOutcome.InsufficientBalance;
        }

        return reverted is null ? CandidateOutcome.Included : CandidateOutcome.Reverted;
    }

    /// <summary>
    /// Seals the open block at <paramref name="time"/>: market and fee settlement close, the
    /// state root and the soft head move, the supply is checked, and the listeners that follow
    /// blocks from <paramref name="source"/> are told.
    /// </summary>
    public void Seal(SimDuration time, BlockSource source)
    {
        var chain = _chain;
        var number = chain.Metrics.Blocks + 1;
        var baseFee = chain.BaseFee; // the block's own, before the market moves it for the next
        chain.Market?.EndBlock(number);
        chain.Settlement?.Settle((ulong)number, time);
        chain.BaseFeeMarket?.Seal(chain.Settlement!.BlockGas);
        chain.SealState();
        if (source == BlockSource.Derived)
        {
            return;
        }

        chain.CrossChain?.OnSealed((ulong)number, time);
        chain.CheckSupply();
        chain.Series.Record(number, time, baseFee);
        if (source == BlockSource.Forced)
        {
            chain.ForcedInclusion.ForcedBlocks++;
        }

        chain.NotifySealed((ulong)number, time, source);
    }

    private bool TrySwapOrOverflow(Trading.RollupMarket market, in Transaction tx)
    {
        try
        {
            return market.TryExecute(in tx, _chain.BaseFee, out _);
        }
        catch (OverflowException)
        {
            // A swap's fee checks run before any state change; amounts no sender could hold are invalid.
            return false;
        }
    }
}
