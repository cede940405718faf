using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;

using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// One rollup's side of cross-chain messaging: its outbox (messages it executed whose batch
/// has not landed on L1 yet), its inbox (messages to it that it may trust and will credit in
/// its next block), and the value that left and arrived, which its supply check accounts for.
/// </summary>
public sealed partial class RollupCrossChain
{
    private readonly CrossChainHub _hub;
    private readonly Queue<CrossChainMessage> _unconfirmed = new();
    private readonly Queue<CrossChainMessage> _inbox = new();

    // Under soft trust: messages routed when their source block was sealed, until their batch lands.
    private readonly Queue<CrossChainMessage> _soft = new();

    // Under validity-proof trust: messages whose batch landed, until their block's proof is verified on L1 (ReadyAt), in block order.
    private readonly Queue<CrossChainMessage> _awaitingProof = new();

    internal RollupCrossChain(CrossChainHub hub, RollupChain chain, int index)
    {
        _hub = hub;
        Chain = chain;
        Index = index;
    }

    /// <summary>The rollup.</summary>
    public RollupChain Chain { get; }

    /// <summary>The rollup's index in the scenario.</summary>
    public int Index { get; }

    /// <summary>Value that left this rollup in messages, in wei.</summary>
    public UInt128 ValueOut { get; private set; }

    /// <summary>Value credited here by deliveries, in wei.</summary>
    public UInt128 ValueIn { get; private set; }

    /// <summary>Value of messages to this rollup whose delivery failed (locked in the bridge), in wei.</summary>
    public UInt128 ValueLockedIn { get; private set; }

    /// <summary>Value this rollup sent that is neither credited nor locked yet, in wei.</summary>
    public UInt128 ValueInFlightOut() => _hub.ValueInFlight(m => m.Source == Index);

    /// <summary>Value other rollups sent to this one that is neither credited nor locked yet, in wei.</summary>
    public UInt128 ValueInFlightIn() => _hub.ValueInFlight(m => m.Destination == Index);

    /// <summary>Messages sent from here that are not delivered yet, then those waiting here for a block.</summary>
    internal IEnumerable<CrossChainMessage> InFlight => _unconfirmed.Concat(_awaitingProof).Concat(_inbox);

    /// <summary>
    /// Records a message whose source leg just executed in the block being built (the sender
    /// already paid); it waits for its batch to land on L1.
    /// </summary>
    internal void OnSent(in Transaction tx)
    {
        var message = new CrossChainMessage(_hub.NextId(), Index, tx.PeerRollup, tx.From, tx.To, tx.Value, tx.SubmitTime, (ulong)Chain.Metrics.Blocks + 1);
        ValueOut += tx.Value;
        _hub.Metrics.Sent++;
        _hub.Metrics.ValueSent += tx.Value;
        _unconfirmed.Enqueue(message);
    }

    /// <summary>
    /// The batch holding this rollup's blocks up to <paramref name="lastBlock"/> landed on L1 at
    /// <paramref name="time"/>: the messages of those blocks become trusted and go to their destinations.
    /// </summary>
    internal void OnBatchConfirmed(ulong lastBlock, SimDuration time)
    {
        while (_soft.TryPeek(out var trusted) && trusted.SourceBlock <= lastBlock)
        {
            _soft.Dequeue().Settled = true; // on L1 now: no reorg can take it back
        }

        while (_unconfirmed.TryPeek(out var message) && message.SourceBlock <= lastBlock)
        {
            _unconfirmed.Dequeue();
            if (_hub.TrustsProof)
            {
                // The binder makes sure every source is proven; its proof is verified at a known time now that the batch landed.
                message.ReadyAt = Chain.Proving!.VerifiedAt(message.SourceBlock)!.Value;
                _awaitingProof.Enqueue(message);
                continue;
            }

            message.ReadyAt = time + _hub.TrustDelay;
            _hub.Route(message);
        }
    }

    /// <summary>When the first message waiting for its source proof is trusted, or null when none waits.</summary>
    internal SimDuration? NextVerified => _awaitingProof.TryPeek(out var message) ? message.ReadyAt : null;

    /// <summary>Takes the first message waiting for its source proof.</summary>
    internal CrossChainMessage TakeVerified() => _awaitingProof.Dequeue();

    /// <summary>
    /// Block <paramref name="number"/> was sealed at <paramref name="time"/>: under soft trust its
    /// messages go to their destinations now, which credit them in their first block sealed
    /// strictly later, and are kept until their batch lands in case the block is reorged.
    /// </summary>
    internal void OnSealed(ulong number, SimDuration time)
    {
        if (!_hub.TrustsSoft)
        {
            return;
        }

        while (_unconfirmed.TryPeek(out var message) && message.SourceBlock <= number)
        {
            _unconfirmed.Dequeue();
            message.ReadyAt = time;
            message.Soft = true;
            _hub.Route(message);
            _soft.Enqueue(message);
        }
    }

    internal void Enqueue(CrossChainMessage message) => _inbox.Enqueue(message);

    /// <summary>The hub this endpoint belongs to.</summary>
    internal CrossChainHub Hub => _hub;

    /// <summary>A bundle's source leg executed here: its message takes the next id and its value leaves this rollup.</summary>
    internal void OnBundleSent(UInt128 value)
    {
        _hub.NextId();
        ValueOut += value;
        _hub.Metrics.Sent++;
        _hub.Metrics.ValueSent += value;
    }

    /// <summary>A bundle's destination leg credited its value here, <paramref name="latency"/> after the user sent it.</summary>
    internal void OnBundleDelivered(UInt128 value, SimDuration latency)
    {
        ValueIn += value;
        _hub.Metrics.Delivered++;
        _hub.Metrics.ValueDelivered += value;
        _hub.Metrics.Latency.Record(latency);
    }

    /// <summary>A bundle's destination leg could not run here after its source leg landed: an atomic failure, the value locked.</summary>
    internal void OnBundleDeliveryFailed(UInt128 value)
    {
        _hub.Metrics.Failed++;
        _hub.Metrics.AtomicFailures++;
        _hub.Metrics.ValueFailed += value;
        ValueLockedIn += value;
    }

    /// <summary>
    /// At the start of a block sealed at <paramref name="blockTime"/>: credits every message
    /// trusted strictly before it, at the top of the block, and hands each delivery to the
    /// batcher so derivation replays it.
    /// </summary>
    internal void BeginBlock(SimDuration blockTime)
    {
        if (_hub.TrustsProof)
        {
            _hub.ReleaseVerified(blockTime);
        }

        while (_inbox.TryPeek(out var message) && message.ReadyAt < blockTime)
        {
            _inbox.Dequeue();
            if (message.Revoked)
            {
                continue; // its source block was reorged before it was credited here
            }

            _received?.Add(message);
            message.DeliveredBlock = (ulong)Chain.Metrics.Blocks + 1;
            var delivery = CrossChainHub.Delivery(message, blockTime);
            if (!CrossChainExecution.TryDeliver(Chain, in delivery))
            {
                _hub.Metrics.Failed++;
                _hub.Metrics.ValueFailed += message.Value;
                ValueLockedIn += message.Value;
                continue;
            }

            ValueIn += message.Value;
            message.Credited = true;
            _hub.Metrics.Delivered++;
            _hub.Metrics.ValueDelivered += message.Value;
            RecordLatency(blockTime - message.SubmitTime);
            Chain.NotifyIncluded(in delivery);
            _hub.Bundles?.Delivered(message.Id, Index, blockTime);
        }

        // Legs of asynchronous path bundles run after the deliveries that started them.
        _hub.Bundles?.RunDue(Index, blockTime);
    }
}
