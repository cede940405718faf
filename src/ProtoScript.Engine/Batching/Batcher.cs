using System.Buffers;
using System.Runtime.InteropServices;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;
using DaTarget = ProtoScript.Engine.DataAvailability.DaTarget;
using ModelDaTarget = ProtoScript.Language.Model.DaTarget;

namespace ProtoScript.Engine.Batching;

/// <summary>A batcher's events.</summary>
public enum BatcherEvent
{
    /// <summary>An interval ends: the blocks sealed in it are posted as a batch.</summary>
    Post,
}

/// <summary>
/// A rollup's batcher. Every <see cref="BatchModel.Every"/> (the first at one interval) it
/// takes the L2 blocks sealed since its last batch, encodes them as one <see cref="Batch"/>
/// (<see cref="BatchCodec"/>), compresses it, cuts it into channel frames
/// (<see cref="ChannelFrames"/>) of one L1 transaction each, and submits them to the L1. A
/// batch is hard-confirmed when its last frame lands; its transactions' hard latency is that
/// block's time less their submit time. The L1 fees of the postings are the sequencer's
/// data-availability cost, paid in L1 ether outside the rollup's supply.
/// </summary>
public sealed class Batcher : SimProcess<BatcherEvent>, IRollupBlockObserver, IL1PostingOwner
{
    /// <summary>
    /// The most encoded bytes one batch (one channel) takes before compression: six blobs'
    /// usable bytes (op-batcher's default target of six frames per channel) less the version
    /// byte and frame overhead, so that even uncompressed it fits six blobs. The blocks of one
    /// interval are cut into consecutive batches at whole L2 blocks to stay within it (a single
    /// larger block is a batch by itself); this also keeps compression fast, since Brotli slows
    /// down markedly on inputs of many megabytes.
    /// </summary>
    public const int MaxBatchBytes = (6 * 126_976) - 1 - Frame.Overhead;

    // A block's header fields (number, timestamp, L1 origin, count) take at most this many bytes.
    private const int BlockHeaderBound = 40;

    // A block's L1 attributes (two u128 and three counters as varints) take at most this many bytes.
    private const int AttributesBound = (3 * 19) + (2 * 10);

    private readonly RollupChain _chain;
    private readonly L1Chain _l1;
    private readonly ICompressor _compressor;
    private readonly DaTarget _target;
    private readonly List<BatchBlock> _blocks = [];
    private readonly List<long> _submitTimes = [];

    // Reused from batch to batch, so a batch allocates only what outlives it (the posted bytes,
    // the submit times its hard latencies need) and nothing per transaction included.
    private readonly ArrayBufferWriter<byte> _encoded = new();
    private readonly ArrayBufferWriter<byte> _compressed = new();

    // The included transactions of the interval; each sealed block is a segment of it. Growing
    // copies to a new array and leaves earlier segments on the old one, so they stay valid; the
    // interval starts again at 0 once its batches are encoded and nothing refers to them.
    private BatchTransaction[] _interval = new BatchTransaction[1024];
    private int _intervalCount;
    private int _blockStart;

    // Parallel to _submitTimes: whether each transaction is a withdrawal, whose delay starts when its batch lands.
    private readonly List<bool> _isWithdrawal = [];
    private readonly List<int> _blockBytes = [];
    private int _currentBytes;

    // The L1 head when a streamed block opened, its L1 origin; null for a block opened and sealed at one instant.
    private ulong? _openedAtOrigin;
    private ulong _batchNumber;

    /// <summary>
    /// Creates the batcher of <paramref name="chain"/>; the chain calls this from its constructor
    /// (<see cref="Part"/>), which also makes the batcher the first of its listeners.
    /// </summary>
    /// <param name="chain">The rollup, still being built: only its model is read here.</param>
    /// <param name="index">The rollup's index in the scenario, which orders postings submitted at the same time.</param>
    /// <param name="l1">The chain it posts to.</param>
    /// <param name="choose">The rollup's <c>choose</c> hook's rule for <c>to = L1.auto</c>, or null for the built-in choice.</param>
    private Batcher(RollupChain chain, int index, L1Chain l1, IDaChoiceRule? choose)
    {
        _chain = chain;
        _l1 = l1;
        Index = index;
        var batch = chain.Model.Batch;
        _compressor = batch.Compression switch
        {
            CompressionKind.Brotli => Compressors.Brotli,
            CompressionKind.Zlib => Compressors.Zlib,
            _ => Compressors.None,
        };
        _target = TargetOf(batch);
        if (batch.ChooseHook is { } hook && choose is null)
        {
            // Falling back to the cheaper of the two would silently simulate a different design.
            throw new ArgumentException($"Rollup {chain.Model.Name} has a C# da-choice hook ({hook.Owner}) but no compiled rule was given.", nameof(choose));
        }

        Auto = batch.Target == ModelDaTarget.Auto ? new AutoDataAvailability { Rule = choose } : null;
    }

    /// <summary>
    /// The batcher as a part of a rollup (<see cref="RollupParts.Batcher"/>): the rollup makes it
    /// when it is built, so a rollup has at most one batcher and it follows every block from genesis.
    /// </summary>
    /// <param name="index">The rollup's index in the scenario, which orders postings submitted at the same time.</param>
    /// <param name="l1">The chain it posts to.</param>
    /// <param name="choose">The rollup's <c>choose</c> hook's rule (<see cref="Simulation.RuleRegistry.DaChoice"/>), or null when it has none.</param>
    public static Func<RollupChain, Batcher> Part(int index, L1Chain l1, IDaChoiceRule? choose = null)
    {
        ArgumentNullException.ThrowIfNull(l1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return chain => new Batcher(chain, index, l1, choose);
    }

    /// <summary>Where a rollup's batches go: calldata, or blobs.</summary>
    public static DaTarget TargetOf(BatchModel batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Target == ModelDaTarget.Calldata ? DaTarget.Calldata : DaTarget.Blobs;
    }

    /// <summary>The rollup's index in the scenario.</summary>
    public int Index { get; }

    /// <summary>What the batcher posted and paid so far.</summary>
    public DaMetrics Metrics { get; } = new();

    /// <summary>The compressor's name: <c>none</c>, <c>brotli</c> or <c>zlib</c>.</summary>
    public string Compression => _compressor.Name;

    /// <summary>Where batches go (with <see cref="Auto"/>, where a batch goes unless calldata is cheaper).</summary>
    public DaTarget Target => _target;

    /// <summary>The choice between blobs and calldata per batch (<c>to = L1.auto</c>), or null when batches always go to <see cref="Target"/>.</summary>
    public AutoDataAvailability? Auto { get; }

    /// <summary>
    /// The shared sequencer's aggregator that posts this batcher's channels in shared blobs
    /// (<c>aggregate_data</c>), or null when the batcher posts its own. It is set once, before the
    /// run starts; the aggregator then decides when batches are cut.
    /// </summary>
    internal DataAggregator? Aggregator { get; set; }

    /// <summary>The chain it posts to.</summary>
    internal L1Chain L1 => _l1;

    /// <summary>The rollup whose blocks it batches.</summary>
    internal RollupChain Chain => _chain;

    /// <summary>Schedules the first batch; an aggregated batcher posts when its aggregator says.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (Aggregator is not null)
        {
            return;
        }

        scheduler.ScheduleAfter(_chain.Model.Batch.Every, this, BatcherEvent.Post);
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.BatchPosting;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, BatcherEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);

        // A block the rollup seals at this same instant has been sealed already
        // (EventKind.RollupBlock runs before EventKind.BatchPosting), so the batch carries it.
        // A withholding sequencer's batcher keeps its schedule but posts nothing; what it holds is
        // posted when the withholding ends (SequencerRuntime), or dropped if a reorg comes first.
        // A losing block of an equivocating set is reorged out before the batcher posts the canonical chain.
        _chain.Sequencing?.BeforePosting(scheduler.Now);
        if (_chain.Sequencing?.IsHolding != true)
        {
            // Once on L1, a soft-trusting destination's dependent blocks can no longer be rolled back.
            _chain.CrossChain?.OnPosting();
            PostBatch(scheduler.Now);
        }

        scheduler.ScheduleAfter(_chain.Model.Batch.Every, this, BatcherEvent.Post);
    }

    /// <summary>Drops the blocks sealed since the last batch, unposted: a reorg took them out of the chain.</summary>
    internal void DiscardHeld()
    {
        _blocks.Clear();
        _blockBytes.Clear();
        _submitTimes.Clear();
        _isWithdrawal.Clear();
        _intervalCount = 0;
        _blockStart = 0;
        _currentBytes = 0;
    }

    /// <summary>
    /// Drops the blocks numbered <paramref name="number"/> and later, unposted (a reorg took them
    /// out of the chain), and keeps the earlier ones for the next batch.
    /// </summary>
    /// <exception cref="InvalidOperationException">A streamed block is open, or a dropped block was posted already.</exception>
    internal void DiscardFrom(ulong number)
    {
        if (_intervalCount != _blockStart)
        {
            throw new InvalidOperationException("A block is open: the blocks before it cannot be dropped.");
        }

        var first = _blocks.FindIndex(b => b.Number >= number);
        if (first < 0)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"Block {number} was posted already: a reorg cannot drop it."));
        }

        var kept = 0;
        for (var i = 0; i < first; i++)
        {
            kept += _blocks[i].Transactions.Count;
        }

        var dropped = _submitTimes.Count - kept;
        _submitTimes.RemoveRange(kept, dropped);
        _isWithdrawal.RemoveRange(kept, dropped);
        _blocks.RemoveRange(first, _blocks.Count - first);
        _blockBytes.RemoveRange(first, _blockBytes.Count - first);
        _intervalCount -= dropped;
        _blockStart = _intervalCount;
        _currentBytes = 0;
        _openedAtOrigin = null;
    }

    /// <summary>
    /// Encodes, compresses and submits the blocks sealed since the last batch, as one batch or,
    /// past <see cref="MaxBatchBytes"/>, several consecutive ones; no blocks, nothing.
    /// </summary>
    public void PostBatch(SimDuration now)
    {
        var first = 0;
        var transactions = 0;
        while (first < _blocks.Count)
        {
            var end = first;
            var bytes = 0L;
            var count = 0;
            while (end < _blocks.Count && (end == first || bytes + _blockBytes[end] <= MaxBatchBytes))
            {
                bytes += _blockBytes[end];
                count += _blocks[end].Transactions.Count;
                end++;
            }

            var blocks = _blocks.GetRange(first, end - first);
            Submit(now, blocks, CollectionsMarshal.AsSpan(_submitTimes).Slice(transactions, count).ToArray(), Withdrawals(blocks, transactions));
            transactions += count;
            first = end;
        }

        _blocks.Clear();
        _blockBytes.Clear();
        var open = _intervalCount - _blockStart;
        if (open == 0)
        {
            _submitTimes.Clear();
            _isWithdrawal.Clear();
        }
        else
        {
            // A streamed block is open between two sub-blocks: its transactions so far wait for its sealing.
            _submitTimes.RemoveRange(0, transactions);
            _isWithdrawal.RemoveRange(0, transactions);
            Array.Copy(_interval, _blockStart, _interval, 0, open);
        }

        _intervalCount = open;
        _blockStart = 0;
    }

    // The withdrawals among the transactions of blocks, the first of which is transaction first of the interval: when each was sent, and its block.
    private (long[] Times, ulong[] Blocks) Withdrawals(List<BatchBlock> blocks, int first)
    {
        var times = new List<long>();
        var numbers = new List<ulong>();
        var i = first;
        foreach (var block in blocks)
        {
            for (var end = i + block.Transactions.Count; i < end; i++)
            {
                if (_isWithdrawal[i])
                {
                    times.Add(_submitTimes[i]);
                    numbers.Add(block.Number);
                }
            }
        }

        return ([.. times], [.. numbers]);
    }

    private void Submit(SimDuration now, List<BatchBlock> blocks, long[] submitTimes, (long[] Times, ulong[] Blocks) withdrawals)
    {
        _encoded.ResetWrittenCount();
        BatchCodec.Encode(new Batch(blocks), _encoded);
        _compressed.ResetWrittenCount();
        _compressor.Compress(_encoded.WrittenSpan, _compressed);
        var spec = _l1.Spec;
        var channel = new ChannelId(((UInt128)(uint)(Index + 1) << 64) | _batchNumber++);
        if (Aggregator is { } aggregator)
        {
            // The aggregator frames the channel with the other rollups' and counts its postings.
            aggregator.Add(this, channel, _compressed.WrittenSpan.ToArray(), Pending(submitTimes, 0, blocks, withdrawals));
            Metrics.Batches++;
            Metrics.L2Bytes += (ulong)_encoded.WrittenCount;
            Metrics.CompressedBytes += (ulong)_compressed.WrittenCount;
            Metrics.TransactionsBatched += submitTimes.Length;
            return;
        }

        var target = _target;
        var frames = Frames(spec, channel, target);
        if (Auto is not null)
        {
            var calldata = Frames(spec, channel, DaTarget.Calldata);
            var batch = new AutoBatch(_chain.Model.Name, (long)_batchNumber, now, _compressed.WrittenCount, submitTimes.Length);
            try
            {
                target = Auto.Choose(spec, frames, calldata, _l1.BaseFeePerGas, _l1.BlobBaseFee, batch);
            }
            catch (Exception e) when (Auto.Rule is not null && e is not (Simulation.RuleFailedException or OutOfMemoryException))
            {
                // The hook's own diagnostic, with the simulated time and block only the engine knows.
                throw new Simulation.RuleFailedException(_chain.Model.Name, now, (long)blocks[^1].Number, e);
            }

            frames = target == DaTarget.Calldata ? calldata : frames;
        }

        var pending = Pending(submitTimes, frames.Length, blocks, withdrawals);
        foreach (var data in frames)
        {
            var (blobs, gas) = target == DaTarget.Blobs
                ? (DaCost.BlobsNeeded(spec, (ulong)data.Length), spec.TransactionBaseGas)
                : (0UL, CalldataGas.TransactionGas(spec, data));
            _l1.Submit(new L1Posting(this, Index, _chain.Model.Name, now, target, data, blobs, gas, pending));
            Metrics.PostedBytes += (ulong)data.Length;
        }

        Metrics.Batches++;
        Metrics.L2Bytes += (ulong)_encoded.WrittenCount;
        Metrics.CompressedBytes += (ulong)_compressed.WrittenCount;
        Metrics.TransactionsBatched += submitTimes.Length;
    }

    private static PendingBatch Pending(long[] submitTimes, int postings, List<BatchBlock> blocks, (long[] Times, ulong[] Blocks) withdrawals) =>
        new(submitTimes, postings)
        {
            WithdrawalSubmitTimes = withdrawals.Times,
            WithdrawalBlocks = withdrawals.Blocks,
            LastBlock = blocks[^1].Number,
            Blocks = [.. blocks.Select(b => (b.Number, b.Transactions.Count))],
        };

    /// <inheritdoc />
    void IRollupBlockObserver.OnTransactionIncluded(in Transaction transaction)
    {
        if (_intervalCount == _interval.Length)
        {
            Array.Resize(ref _interval, _interval.Length * 2);
        }

        ref var tx = ref _interval[_intervalCount++];
        tx = BatchTransaction.FromTransfer(in transaction);
        _submitTimes.Add(transaction.SubmitTime.Microseconds);
        _isWithdrawal.Add(transaction.Kind == TransactionKind.Withdrawal);
        _currentBytes += 1 + Leb128.SizeOf((uint)tx.From) + Leb128.SizeOf((uint)tx.To) + Leb128.SizeOf(tx.Value)
            + Leb128.SizeOf(tx.Nonce) + Leb128.SizeOf(tx.PriorityFeePerGas) + Leb128.SizeOf(tx.Gas)
            + (tx.Kind == TransactionKind.Swap ? Leb128.SizeOf((uint)tx.PoolIndex) + 1 + Leb128.SizeOf(tx.MinAmountOut) : 0)
            + (tx.IsCrossChain ? Leb128.SizeOf((uint)tx.PeerRollup) : 0)
            + (tx.Kind == TransactionKind.StorageWrite ? Leb128.SizeOf((uint)tx.Slots) : 0);
    }

    /// <summary>
    /// A streamed block opens now and is sealed later: its L1 origin is the L1 head now, the one
    /// whose deposits and fee attributes the sequencer gave it.
    /// </summary>
    internal void OnBlockOpened() => _openedAtOrigin = _l1.HeadNumber;

    /// <inheritdoc />
    void IRollupBlockObserver.OnBlockSealed(ulong number, SimDuration time)
    {
        // A rollup with a fees block carries what each block's settlement read from outside it.
        var attributes = _chain.Settlement?.Attributes;
        var origin = _openedAtOrigin ?? _l1.HeadNumber;
        _openedAtOrigin = null;
        _blocks.Add(new BatchBlock(number, time.Microseconds, origin, new ArraySegment<BatchTransaction>(_interval, _blockStart, _intervalCount - _blockStart)) { Attributes = attributes });
        _blockBytes.Add(_currentBytes + BlockHeaderBound + (attributes is null ? 0 : AttributesBound));
        _blockStart = _intervalCount;
        _currentBytes = 0;
    }

    /// <inheritdoc />
    void IL1PostingOwner.OnIncluded(L1Posting posting, ulong block, SimDuration time, UInt128 blobFee, UInt128 executionFee)
    {
        if (posting.Target == DaTarget.Calldata)
        {
            Metrics.CalldataBytesIncluded += (ulong)posting.Data.Length;
        }

        Paid(posting.Blobs, posting.Gas, blobFee, executionFee);
        OnPostingLanded(posting.Batch, time);
    }

    /// <summary>An L1 transaction carrying this rollup's data landed: what it used, and this rollup's part of its fees.</summary>
    internal void Paid(ulong blobs, ulong gas, UInt128 blobFee, UInt128 executionFee)
    {
        Metrics.L1Transactions++;
        Metrics.Blobs += blobs;
        Metrics.ExecutionGas += gas;
        Metrics.BlobFee = checked(Metrics.BlobFee + blobFee);
        Metrics.ExecutionFee = checked(Metrics.ExecutionFee + executionFee);
    }

    /// <summary>One of the L1 transactions carrying <paramref name="batch"/> landed at <paramref name="time"/>; the last one confirms it.</summary>
    internal void OnPostingLanded(PendingBatch batch, SimDuration time)
    {
        if (--batch.Remaining > 0)
        {
            return;
        }

        Metrics.BatchesConfirmed++;
        _chain.OnBatchLanded(batch.LastBlock, time);
        foreach (var submitted in batch.SubmitTimes)
        {
            Metrics.HardLatency.Record(new SimDuration(time.Microseconds - submitted));
        }

        _chain.Proving?.OnTransactionsLanded(batch.SubmitTimes, batch.Blocks, time);
        var bridge = _chain.Model.Bridge;
        for (var i = 0; i < batch.WithdrawalSubmitTimes.Length; i++)
        {
            // Proof-gated withdrawals are final when their block's proof is verified (the binder makes sure the rollup is proven).
            var finalizable = bridge.FinalizesOnProof ? _chain.Proving!.VerifiedAt(batch.WithdrawalBlocks[i])!.Value : time + bridge.WithdrawalDelay;
            _chain.Bridge.AddWithdrawalOnL1(batch.WithdrawalSubmitTimes[i], finalizable);
        }
    }

    /// <summary>The compressed batch cut into the frames of one L1 transaction each, for <paramref name="target"/>.</summary>
    private byte[][] Frames(ForkSpec spec, ChannelId channel, DaTarget target)
    {
        var maxFrame = Math.Max(MaxFrameData(spec, target), (_compressed.WrittenCount + ushort.MaxValue) / (ushort.MaxValue + 1));
        return ChannelFrames.EncodeFrameTransactions(channel, _compressed.WrittenSpan, maxFrame);
    }

    /// <summary>
    /// The most channel bytes one L1 transaction carries: in blobs, as many blobs as a
    /// transaction and a block allow; in calldata, what fits in op-batcher's transaction size
    /// and in the gas the background load leaves in a block.
    /// </summary>
    internal int MaxFrameData(ForkSpec spec, DaTarget target)
    {
        const int Overhead = 1 + Frame.Overhead;
        ulong bytes;
        if (target == DaTarget.Blobs)
        {
            bytes = Math.Min(spec.MaxBlobsPerTransaction, spec.MaxBlobsPerBlock) * spec.UsableBytesPerBlob;
        }
        else
        {
            var perToken = Math.Max(spec.StandardTokenCost, spec.CalldataFloorPerToken ?? 0);
            var room = spec.GasLimit - _l1.BackgroundGas;
            var fits = room > spec.TransactionBaseGas ? (room - spec.TransactionBaseGas) / (perToken * spec.TokensPerNonZeroByte) : 0;
            bytes = Math.Min(Math.Min((ulong)L1Chain.MaxCalldataTransactionBytes, CalldataGas.MaxBytesPerTransaction(spec)), fits);
        }

        return (int)Math.Clamp(bytes > Overhead ? bytes - Overhead : 1, 1, int.MaxValue);
    }
}
