using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bundles;

/// <summary>
/// Executes one leg of a <see cref="PathBundle"/> into its rollup's open block, transaction by
/// transaction, with the state transitions every other path uses (<see cref="RollupChain.TryCharge"/>,
/// <see cref="CrossChainExecution"/>, the pool's swap), and tells the chain's listeners of each
/// transaction included so the batcher carries it and derivation replays it.
/// </summary>
/// <param name="tipActor">Who the tips of messages and paid deliveries are booked to (a swap's tip goes to the sequencer, as every swap's does).</param>
/// <param name="sameSlot">Whether the bundle runs whole in one slot (deliveries paid in the bundle) rather than hop by hop.</param>
internal sealed class PathLegRunner(FeeActor tipActor, bool sameSlot)
{
    // Reused: a leg costs no list of its own.
    private readonly List<Transaction> _transactions = [];

    /// <summary>The tips of the transactions included, in wei.</summary>
    public UInt128 Tips { get; private set; }

    /// <summary>
    /// Runs leg <paramref name="leg"/> of <paramref name="bundle"/> at <paramref name="now"/>. A
    /// transaction that fails ends the leg (and the bundle): the transactions before it stay executed.
    /// </summary>
    /// <param name="bundle">The bundle.</param>
    /// <param name="leg">The leg to run.</param>
    /// <param name="now">The time of the open block.</param>
    /// <param name="locked">The value that left a rollup and now arrives nowhere (a paid delivery that could not pay).</param>
    /// <returns>Null when every transaction executed, else why the one that failed did.</returns>
    public LegFailure? Run(PathBundle bundle, int leg, SimDuration now, out UInt128 locked)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        locked = 0;
        var chain = bundle.Chains[leg];
        _transactions.Clear();
        bundle.AppendLeg(leg, sameSlot, now, _transactions);
        foreach (var unsigned in _transactions)
        {
            switch (unsigned.Kind)
            {
                case TransactionKind.CrossChainDelivery:
                    var delivery = unsigned with { Nonce = bundle.LastMessage };
                    if (!CrossChainExecution.TryDeliver(chain, in delivery, tipActor))
                    {
                        chain.CrossChain!.OnBundleDeliveryFailed(delivery.Value);
                        locked = delivery.Value;
                        return LegFailure.Balance;
                    }

                    chain.CrossChain!.OnBundleDelivered(delivery.Value, now - bundle.SubmitTime);
                    chain.NotifyIncluded(in delivery);
                    Tips += delivery.Gas * delivery.PriorityFeePerGas;
                    continue;

                case TransactionKind.Swap:
                    var swap = unsigned with { Nonce = chain.State.Nonce(unsigned.From) };
                    if (!chain.Market!.TryExecute(in swap, chain.BaseFee, out var revert))
                    {
                        chain.Metrics.AddRejected(RejectReason.InsufficientBalance);
                        return LegFailure.Balance;
                    }

                    Included(chain, in swap, now);
                    if (revert is { } reason)
                    {
                        // Reverted in the block: gas paid, nonce used, nothing traded.
                        return reason switch
                        {
                            RejectReason.SlippageExceeded => LegFailure.Slippage,
                            RejectReason.InsufficientLiquidity => LegFailure.Liquidity,
                            _ => LegFailure.Balance,
                        };
                    }

                    continue;

                default:
                    var message = unsigned with { Nonce = chain.State.Nonce(unsigned.From) };
                    var id = chain.CrossChain!.Hub.PeekId();
                    if (sameSlot ? !CrossChainExecution.TrySend(chain, in message, tipActor) : !chain.TryExecute(in message))
                    {
                        chain.Metrics.AddRejected(RejectReason.InsufficientBalance);
                        return LegFailure.Balance;
                    }

                    if (sameSlot)
                    {
                        chain.CrossChain.OnBundleSent(message.Value);
                    }

                    bundle.LastMessage = id;
                    Included(chain, in message, now);
                    continue;
            }
        }

        return null;
    }

    private void Included(RollupChain chain, in Transaction transaction, SimDuration now)
    {
        chain.Metrics.Included++;
        chain.Metrics.InclusionLatency.Record(now - transaction.SubmitTime);
        chain.NotifyIncluded(in transaction);
        Tips += transaction.Gas * transaction.PriorityFeePerGas;
    }
}
