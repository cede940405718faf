using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// The endpoint's part in a withholding sequencer's reorg: from the checkpoint (<see cref="Mark"/>)
/// it logs what its blocks received; a reorg back to the checkpoint (<see cref="RollBack"/>) undoes
/// the messages its reorged blocks sent and received, as the world state undoes their balances.
/// </summary>
/// <remarks>
/// <para>Sent, not yet trusted (L1 trust): the message is forgotten and its value is back with the
/// sender; the reorged transaction goes back to the mempool and sends it again.</para>
/// <para>Sent and already trusted on the soft confirmation (<c>cross_chain_trust = soft</c>): if
/// the destination credited it, that dependent effect has failed — the destination paid out value
/// the source no longer sent — and is counted with its value; if not, the destination drops it.</para>
/// <para>Received: the credits and failed deliveries of the reorged blocks are undone and the
/// messages wait at the head of the inbox again. Their latencies are recorded only once the held
/// blocks are kept, so a message redelivered after a reorg is counted once.</para>
/// </remarks>
public sealed partial class RollupCrossChain
{
    // From Mark to Commit or RollBack: the messages the held blocks took from the inbox, in order,
    // and the latencies of those credited, not yet recorded.
    private List<CrossChainMessage>? _received;
    private List<(ulong Block, SimDuration Latency)>? _heldLatencies;
    private ulong _markedBlock;

    /// <summary>The chain is checkpointed at its current block: log what follows.</summary>
    internal void Mark()
    {
        _received = [];
        _heldLatencies = [];
        _markedBlock = (ulong)Chain.Metrics.Blocks;
    }

    /// <summary>The held blocks are kept: their deliveries' latencies count.</summary>
    internal void Commit()
    {
        foreach (var (_, latency) in _heldLatencies ?? [])
        {
            _hub.Metrics.Latency.Record(latency);
        }

        _received = null;
        _heldLatencies = null;
    }

    /// <summary>
    /// The blocks since <see cref="Mark"/> (or, given <paramref name="fromBlock"/>, from that block on,
    /// the earlier ones still held) were reorged out at <paramref name="now"/>, for
    /// <paramref name="cause"/>: undo what they sent and received.
    /// </summary>
    internal void RollBack(Sequencing.ReorgCause cause, SimDuration now, ulong? fromBlock = null)
    {
        var after = fromBlock is { } first ? first - 1 : _markedBlock;

        // What they received first: a message credited here whose own source is rolled back in
        // turn (below) must be back in the inbox, uncredited, to be dropped there.
        var received = (_received ?? []).Where(m => m.DeliveredBlock > after).ToList();
        foreach (var message in received)
        {
            if (message.Credited)
            {
                message.Credited = false;
                ValueIn -= message.Value;
                _hub.Metrics.Delivered--;
                _hub.Metrics.ValueDelivered -= message.Value;
            }
            else
            {
                ValueLockedIn -= message.Value;
                _hub.Metrics.Failed--;
                _hub.Metrics.ValueFailed -= message.Value;
            }
        }

        if (received.Count > 0)
        {
            var waiting = _inbox.ToArray();
            _inbox.Clear();
            foreach (var message in received.Concat(waiting))
            {
                _inbox.Enqueue(message);
            }
        }

        if (fromBlock is null)
        {
            _received = null;
            _heldLatencies = null;
        }
        else
        {
            _received?.RemoveAll(m => m.DeliveredBlock > after);
            _heldLatencies?.RemoveAll(h => h.Block > after);
        }

        UndoSent(_unconfirmed, soft: false, cause, now, after);
        UndoSent(_soft, soft: true, cause, now, after);
    }

    private void RecordLatency(SimDuration latency)
    {
        if (_heldLatencies is { } held)
        {
            held.Add(((ulong)Chain.Metrics.Blocks + 1, latency));
            return;
        }

        _hub.Metrics.Latency.Record(latency);
    }

    // The messages of reorged blocks are the queue's tail (blocks after the mark).
    private void UndoSent(Queue<CrossChainMessage> queue, bool soft, Sequencing.ReorgCause cause, SimDuration now, ulong after)
    {
        if (!queue.Any(m => m.SourceBlock > after))
        {
            return;
        }

        var kept = queue.Where(m => m.SourceBlock <= after).ToList();
        var undone = queue.Where(m => m.SourceBlock > after).ToList();
        queue.Clear();
        foreach (var message in kept)
        {
            queue.Enqueue(message);
        }

        foreach (var message in undone)
        {
            ValueOut -= message.Value;
            _hub.Metrics.Sent--;
            _hub.Metrics.ValueSent -= message.Value;
            if (!soft)
            {
                continue;
            }

            _hub.Metrics.SourceReorged++;
            _hub.Metrics.SourceReorgedBy[(int)cause]++;
            var destination = _hub.Endpoint(message.Destination);
            if (message.Credited && destination.CanRollBack(message))
            {
                // The destination drops its blocks from the first that depended on an unsettled source block, this credit among them.
                destination.RollBackDependents(now, message);
                _hub.Metrics.CreditsUndone++;
            }

            if (message.Credited)
            {
                _hub.Metrics.SoftFailed++;
                _hub.Metrics.ValueSoftFailed += message.Value;
            }
            else
            {
                message.Revoked = true;
            }
        }
    }
}
