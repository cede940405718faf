using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// Executes a coordinator's bundles leg by leg into its open blocks, with the policy of its
/// block producer: one that checks legs (a sequencer that executes, a builder that simulates
/// across chains) drops a bundle whole when any leg would fail; one that only orders includes
/// the legs unchecked, so a leg that cannot pay is a no-op and the legs after it do not run —
/// after a source leg landed that is an atomic failure, its value locked in the bridge.
/// </summary>
/// <remarks>
/// A checking producer tests each leg against the state at the start of the bundle (every
/// cross-chain leg is on its own rollup); legs that would depend on an earlier leg of the same
/// bundle on the same rollup are tested against that start state too.
/// </remarks>
internal sealed class BundleExecution(Role tipRole, bool checksLegs)
{
    // The bundle being included, stamped: reused, so a bundle costs no list of its own.
    private readonly List<(RollupChain Chain, Transaction Leg)> _legs = [];

    /// <summary>Bundles included with every leg.</summary>
    public long Included { get; private set; }

    /// <summary>Bundles dropped before inclusion because a leg would fail.</summary>
    public long Dropped { get; private set; }

    /// <summary>The tips of the legs included, in wei.</summary>
    public UInt128 Tips { get; private set; }

    /// <summary>Includes <paramref name="bundle"/> in the blocks open at <paramref name="now"/>.</summary>
    public void Include(in Bundle bundle, SimDuration now)
    {
        Stamp(in bundle, now);
        if (checksLegs && !AllLegsCanRun())
        {
            Dropped++;
            if (CrossChainHubOf() is { } hub)
            {
                hub.Metrics.Dropped++;
            }
            return;
        }

        foreach (var (chain, leg) in _legs)
        {
            if (!Run(chain, in leg, bundle.SubmitTime, now))
            {
                return;
            }
        }

        Included++;
    }

    // Nonces as the senders' next ones (a sender with several legs on one rollup takes them in
    // turn), message ids as the hub will hand them out, and a delivery's time as the block's.
    private void Stamp(in Bundle bundle, SimDuration now)
    {
        _legs.Clear();
        var nextId = CrossChainHubOf(bundle)?.PeekId() ?? 0;
        var lastMessage = 0UL;
        foreach (var section in bundle.Sections)
        {
            foreach (var transaction in section.Transactions)
            {
                var leg = transaction;
                if (leg.Kind == TransactionKind.CrossChainDelivery)
                {
                    leg = leg with { Nonce = lastMessage, SubmitTime = now };
                }
                else
                {
                    leg = leg with { Nonce = section.Rollup.State.Nonce(leg.From) + EarlierLegsOf(section.Rollup, leg.From) };
                    if (leg.Kind == TransactionKind.CrossChainMessage)
                    {
                        lastMessage = nextId++;
                    }
                }

                _legs.Add((section.Rollup, leg));
            }
        }
    }

    private ulong EarlierLegsOf(RollupChain chain, int from)
    {
        var count = 0UL;
        foreach (var (c, leg) in _legs)
        {
            if (c == chain && leg.From == from && leg.Kind != TransactionKind.CrossChainDelivery)
            {
                count++;
            }
        }

        return count;
    }

    private bool AllLegsCanRun()
    {
        foreach (var (chain, leg) in _legs)
        {
            var can = leg.Kind switch
            {
                TransactionKind.CrossChainMessage => CrossChainExecution.CanSend(chain, in leg),
                TransactionKind.CrossChainDelivery => CrossChainExecution.CanDeliver(chain, in leg),
                _ => ValidRecipient(chain, leg.To) && chain.CanPay(in leg, paysValue: true),
            };
            if (!can)
            {
                return false;
            }
        }

        return true;
    }

    private bool Run(RollupChain chain, in Transaction leg, SimDuration submitted, SimDuration now)
    {
        switch (leg.Kind)
        {
            case TransactionKind.CrossChainMessage:
                if (!CrossChainExecution.TrySend(chain, in leg, tipRole))
                {
                    // The source leg is a no-op; the legs after it, which need its message, are too.
                    chain.Metrics.AddRejected(RejectReason.InsufficientBalance);
                    return false;
                }

                chain.CrossChain!.OnBundleSent(leg.Value);
                break;

            case TransactionKind.CrossChainDelivery:
                if (!CrossChainExecution.TryDeliver(chain, in leg, tipRole))
                {
                    // Ordered without execution: the source leg landed, this one is a no-op.
                    chain.CrossChain!.OnBundleDeliveryFailed(leg.Value);
                    return false;
                }

                Tips += leg.Gas * leg.PriorityFeePerGas;
                chain.CrossChain!.OnBundleDelivered(leg.Value, now - submitted);
                chain.NotifyIncluded(in leg);
                return true;

            default:
                if (!ValidRecipient(chain, leg.To) || !chain.TryCharge(in leg, paysValue: true, tipRole))
                {
                    chain.Metrics.AddRejected(RejectReason.InsufficientBalance);
                    return false;
                }

                chain.State.Credit(leg.To, leg.Value);
                break;
        }

        chain.Metrics.Included++;
        chain.Metrics.InclusionLatency.Record(now - leg.SubmitTime);
        chain.NotifyIncluded(in leg);
        Tips += leg.Gas * leg.PriorityFeePerGas;
        return true;
    }

    private static bool ValidRecipient(RollupChain chain, int account) => account >= 0 && account < chain.State.Count;

    private CrossChainHub? CrossChainHubOf()
    {
        foreach (var (chain, leg) in _legs)
        {
            if (leg.Kind is TransactionKind.CrossChainMessage or TransactionKind.CrossChainDelivery)
            {
                return chain.CrossChain!.Hub;
            }
        }

        return null;
    }

    private static CrossChainHub? CrossChainHubOf(in Bundle bundle)
    {
        foreach (var section in bundle.Sections)
        {
            if (section.Rollup.CrossChain is { } endpoint)
            {
                return endpoint.Hub;
            }
        }

        return null;
    }
}
