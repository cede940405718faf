using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// One stage of building a sequencer's block: it picks transactions by its own rule and
/// executes them into the block the chain has open, within the gas left. The chain runs its
/// stages in order once per block (the top-of-block auction, then the mempool), so a new way
/// of choosing transactions (a builder's bundles, an inclusion list) is a new stage, and the
/// sealing that follows is the chain's one <see cref="BlockProcessor"/> whatever chose them.
/// </summary>
internal interface IBlockBuildStage
{
    /// <summary>Executes this stage's transactions into the open block sealed at <paramref name="blockTime"/>.</summary>
    /// <returns>The gas they used.</returns>
    ulong Fill(RollupChain chain, SimDuration blockTime, ulong gasLeft);
}

/// <summary>
/// The last stage of every sequencer's block: takes the best next transaction by the ordering
/// rule, executes it if the sender can pay, and stops when no transaction can fit the gas left.
/// </summary>
internal sealed class MempoolStage : IBlockBuildStage
{
    public static readonly MempoolStage Instance = new();

    private MempoolStage()
    {
    }

    public ulong Fill(RollupChain chain, SimDuration blockTime, ulong gasLeft) => Fill(chain, blockTime, gasLeft, blockTime, null);

    /// <summary>
    /// Fills the open block sealed at <paramref name="blockTime"/> at <paramref name="now"/>, which
    /// is earlier for a streamed block's sub-block: the sequencer decides (censorship, validity)
    /// now, and each inclusion's soft confirmation at <paramref name="now"/> goes to
    /// <paramref name="softConfirmations"/> when given, beside its inclusion in the block.
    /// </summary>
    public ulong Fill(RollupChain chain, SimDuration blockTime, ulong gasLeft, SimDuration now, Metrics.LatencyRecorder? softConfirmations)
    {
        var pool = chain.Pool;
        var metrics = chain.Metrics;
        var remaining = gasLeft;
        while (remaining >= Transaction.TransferGas && pool.TryPeekBest(out var tx))
        {
            if (tx.Gas > remaining)
            {
                pool.SkipBestSender();
                continue;
            }

            if (tx.SubmitTime >= chain.ContentsFixedAt)
            {
                // Sent after the proposer fixed the block: it waits, with its sender's later ones, for the next.
                pool.SkipBestSender();
                continue;
            }

            if (chain.Sequencing?.Faults.Censors(tx.From, now) == true)
            {
                // A censoring sequencer passes the sender over; its transactions wait in the pool.
                pool.SkipBestSender();
                chain.ForcedInclusion.CensoredSkips++;
                continue;
            }

            if (tx.MaxFeePerGas != 0)
            {
                // EIP-1559: a max fee below the base fee waits; above it, the tip is what is left of it.
                var baseFee = chain.BaseFee;
                if (tx.MaxFeePerGas < baseFee)
                {
                    pool.SkipBestSender();
                    metrics.AddPricedOut(tx.From, tx.Nonce);
                    continue;
                }

                if (tx.MaxFeePerGas - baseFee < tx.PriorityFeePerGas)
                {
                    tx = tx with { PriorityFeePerGas = tx.MaxFeePerGas - baseFee };
                }
            }

            if (chain.Validity is { } validity && !validity.Accepts(in tx, now, metrics.Blocks + 1))
            {
                // Refused before execution: no fee, no nonce; later nonces can never run.
                chain.Market?.CountDropped(in tx, RejectReason.RejectedByValidity);
                metrics.AddRejected(RejectReason.RejectedByValidity);
                var dropped = pool.DropBestSender();
                metrics.AddRejected(RejectReason.NonceGap, dropped);
                chain.Populations?.Rejected(tx.From, RejectReason.RejectedByValidity);
                chain.Populations?.Rejected(tx.From, RejectReason.NonceGap, dropped);
                continue;
            }

            // What the sender held before, for the fees its population paid.
            var before = chain.Populations is null ? UInt128.Zero : chain.State.Balance(tx.From);
            RejectReason? reverted = null;
            var valid = tx.Kind == TransactionKind.Swap
                ? chain.Market!.TryExecute(in tx, chain.BaseFee, out reverted)
                : chain.TryExecute(in tx);
            if (!valid)
            {
                var followers = pool.DropBestSender();
                metrics.AddRejected(RejectReason.InsufficientBalance);
                metrics.AddRejected(RejectReason.NonceGap, followers);
                chain.Populations?.Rejected(tx.From, RejectReason.InsufficientBalance);
                chain.Populations?.Rejected(tx.From, RejectReason.NonceGap, followers);
                continue;
            }

            pool.IncludeBest();
            chain.Validity?.Included(tx.From, now, metrics.Blocks + 1);
            chain.NotifyIncluded(in tx);
            chain.Sequencing?.OnIncluded(in tx, blockTime);
            remaining -= tx.Gas;
            metrics.GasUsed += tx.Gas;
            if (reverted is { } reason)
            {
                // A reverted swap is in the block and paid its gas, but did not do what it asked.
                metrics.AddRejected(reason);
                chain.Populations?.Rejected(tx.From, reason);
                continue;
            }

            metrics.Included++;
            metrics.InclusionLatency.Record(blockTime - tx.SubmitTime);
            chain.Populations?.Included(tx.From, blockTime - tx.SubmitTime, FeePaid(chain, in tx, before));
            softConfirmations?.Record(now - tx.SubmitTime);
        }

        pool.EndBlock();
        return gasLeft - remaining;
    }

    /// <summary>
    /// What <paramref name="tx"/>'s sender paid in fees: its balance drop less the value it sent
    /// (whatever the fee rule charged: base fee, tip, L1 data fee); for a swap, whose value is in a
    /// pool token, gas × (base fee + tip).
    /// </summary>
    internal static UInt128 FeePaid(RollupChain chain, in Transaction tx, UInt128 before) =>
        chain.Populations is null ? UInt128.Zero
        : tx.Kind == TransactionKind.Swap ? (UInt128)tx.Gas * (chain.Model.BaseFee + tx.PriorityFeePerGas)
        : before - chain.State.Balance(tx.From) - tx.Value;
}
