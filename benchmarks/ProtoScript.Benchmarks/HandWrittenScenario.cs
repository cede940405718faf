using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;
using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.State;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// The benchmark's ceiling: the engine benchmark's scenario (transfer-only rollups, one Poisson
/// user stream, blocks every block time, <c>fcfs</c>, <c>priority_fee</c> or a fee-band hook
/// ordering, a base fee, Brotli batches into blobs on the L1) written out by hand for exactly that
/// shape, computing the same numbers as <see cref="Engine.Simulation.Simulator.Run"/>: the same
/// included transactions, state root, batches, bytes, blobs, L1 fees and latencies.
/// </summary>
/// <remarks>
/// It uses the primitives any hand-written implementation of this protocol would call — the
/// run's random streams (so the draws are the engine's), <see cref="AccountState"/> and
/// <see cref="MerkleStateTree"/> for the root, <see cref="BatchCodec"/>, the compressor,
/// <see cref="ChannelFrames"/>, <see cref="DaCost"/> and <see cref="L1FeeMarket"/> — but none of
/// the engine's machinery: no event queue, no processes or observers, no interfaces or DI, no
/// generic mempool. Arrivals are generated in time order between blocks; <c>fcfs</c> is a ring
/// buffer, the fee orderings a binary heap of each sender's next transaction with the comparison
/// written inline; each rollup runs to the end on its own (nothing on L2 depends on what L1
/// includes in this shape), then one pass over the L1 blocks lands the postings.
/// Ties between a block and an arrival at the same microsecond are resolved as the engine's
/// scheduler resolves them (a rollup block before a user transaction, see <c>EventKind</c>),
/// which is what makes the roots equal.
/// </remarks>
public sealed class HandWrittenScenario
{
    private const ulong TransferGas = 21_000;

    // A block's header fields take at most this many bytes (the engine batcher's bound).
    private const int BlockHeaderBound = 40;

    // Sizes a batch before compression: six blobs' usable bytes less the version byte and frame overhead.
    private const int MaxBatchBytes = (6 * 126_976) - 1 - Frame.Overhead;

    private readonly ScenarioModel _model;
    private readonly UInt128 _feeBand;
    private readonly ForkSpec _spec;

    /// <summary>Checks that <paramref name="model"/> has the shape this implementation is written for.</summary>
    /// <param name="model">The scenario.</param>
    /// <param name="hookFeeBand">
    /// For rollups with a C# ordering hook: the band width (wei per gas) of the fee-band rule the
    /// hook implements (higher band first, then arrival), written out here by hand; 0 when no
    /// rollup has a hook.
    /// </param>
    /// <exception cref="NotSupportedException">The scenario uses something this hand-written implementation does not do.</exception>
    public HandWrittenScenario(ScenarioModel model, ulong hookFeeBand = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _feeBand = hookFeeBand;
        _spec = L1Chain.SpecFor(model.L1);
        var problem = Problem(model, hookFeeBand);
        if (problem is not null)
        {
            throw new NotSupportedException("The hand-written scenario does not cover this model: " + problem + ".");
        }
    }

    private static string? Problem(ScenarioModel model, ulong hookFeeBand)
    {
        if (model.Tokens.Length > 0 || model.Provers.Length > 0 || model.SharedSequencers.Length > 0 || model.Builders.Length > 0)
        {
            return "tokens, provers, shared sequencers and builders";
        }

        var workload = model.Workload;
        if (workload.Streams.Length != 1 || workload.Trading != TradingModel.None || workload.Deposits.Length > 0
            || workload.CrossChain != CrossChainModel.None || workload.ArbitrageStrategy is not null || workload.Streams[0].WithdrawalShare > 0)
        {
            return "a workload other than one stream of plain transfers";
        }

        if (workload.Streams[0].Rollups.Distinct().Count() != workload.Streams[0].Rollups.Length)
        {
            return "a stream naming a rollup twice";
        }

        foreach (var r in model.Rollups)
        {
            var ordering = r.OrderingHook is not null ? hookFeeBand > 0 : r.Ordering is OrderingRule.Fcfs or OrderingRule.PriorityFee;
            if (!ordering || r.Auction is not null || r.ValidityHook is not null || r.Fees is not null || r.Amms.Length > 0 || r.TokenBalances.Length > 0
                || r.Bridge != BridgeModel.Default || r.Sequencer != SequencerModel.Reliable || r.ForcedInclusion != ForcedInclusionModel.None
                || r.Batch.Target != Language.Model.DaTarget.Blobs || r.BlockTime > model.L1.SlotTime || r.BlockTime.Microseconds <= 0 || (r.BaseFee >> 64) != 0)
            {
                return "rollup " + r.Name + "'s rules (fcfs, priority_fee or a fee-band hook; no fees block, auction, validity, AMMs, bridge or sequencer faults; blobs; a block time up to the L1 slot)";
            }
        }

        return null;
    }

    /// <summary>Runs the scenario to its end.</summary>
    public HandWrittenResult Run()
    {
        var random = new RandomTree(_model.Seed);
        var stream = _model.Workload.Streams[0];
        var rollups = new RollupRun[_model.Rollups.Length];
        var postings = new List<Posting>();
        for (var r = 0; r < rollups.Length; r++)
        {
            var rollup = _model.Rollups[r];
            var users = stream.Rollups.Contains(rollup.Name) ? stream : null;
            rollups[r] = RunRollup(r, rollup, users, random, postings);
        }

        var l1 = RunL1(rollups, postings);
        return new HandWrittenResult([.. rollups.Select(r => r.Result())], l1.Blocks, l1.RollupBlobs, l1.RollupTransactions, l1.Pending, l1.BaseFee, l1.BlobBaseFee);
    }

    /// <summary>The numbers of an engine result that <see cref="Run"/> reproduces, for comparison.</summary>
    public static HandWrittenResult Summarize(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new HandWrittenResult(
            [.. result.Rollups.Select(r => new HandWrittenRollupResult(
                r.Name, r.Blocks, r.Transactions.Submitted, r.Transactions.Included, r.Transactions.RejectedTotal, r.Transactions.Pending,
                r.GasUsed, r.Fees, r.StateRoot, r.InclusionLatency, r.DataAvailability, r.HardLatency))],
            result.L1.Blocks,
            result.L1.RollupBlobs,
            result.L1.RollupTransactions,
            result.L1.PendingPostings,
            result.L1.BaseFee,
            result.L1.BlobBaseFee);
    }

    private RollupRun RunRollup(int index, RollupModel rollup, UserStreamModel? users, RandomTree random, List<Posting> postings)
    {
        var compressor = rollup.Batch.Compression switch
        {
            CompressionKind.Brotli => Compressors.Brotli,
            CompressionKind.Zlib => Compressors.Zlib,
            _ => Compressors.None,
        };
        var run = new RollupRun(rollup, compressor.Name);
        var state = new AccountState(rollup.Accounts + 1); // the users, then the sequencer
        for (var i = 0; i < rollup.Accounts; i++)
        {
            state.SetBalance(i, rollup.InitialBalance);
        }

        var tree = new MerkleStateTree(state);
        var sequencer = rollup.Accounts;
        var accounts = rollup.Accounts;
        var pool = new Pool(accounts + 1, rollup.OrderingHook is not null ? _feeBand : 0, rollup.OrderingHook is null && rollup.Ordering == OrderingRule.Fcfs);
        var pending = new int[accounts + 1];

        // The user stream's random streams, by the engine's paths.
        var path = "workload/0/rollup/" + rollup.Name;
        var arrivals = random.Stream(path + "/arrivals");
        var accountDraws = random.Stream(path + "/accounts");
        var valueDraws = random.Stream(path + "/values");
        var feeDraws = random.Stream(path + "/fees");
        var meanGap = users is null ? 0 : SimDuration.MicrosPerSecond / users.RatePerSecond;
        var sends = users is not null && users.RatePerSecond > 0 && accounts >= 2;

        var blockTime = rollup.BlockTime.Microseconds;
        var end = _model.Duration.Microseconds;
        var slot = _model.L1.SlotTime.Microseconds;
        var every = rollup.Batch.Every.Microseconds;
        var baseFee = (ulong)rollup.BaseFee;
        var burn = Math.BigMul(TransferGas, baseFee);

        var next = sends ? Gap(arrivals, meanGap) : long.MaxValue;

        var blockTransactions = new List<BatchTransaction>(64);
        var batchBlocks = new List<BatchBlock>();
        var batchBlockBytes = new List<int>();
        var batchSubmitTimes = new List<long>();
        var blockBytes = 0;
        var nextBatch = every;
        ulong batchNumber = 0;
        long number = 0;

        for (var time = blockTime; time <= end; time += blockTime)
        {
            // The users' transfers that arrived strictly before this block; one at the block's
            // own microsecond comes after it (the engine runs rollup blocks before user transactions).
            while (next < time)
            {
                Submit(next);
            }

            // Build the block: best transaction first while a transfer fits.
            var remaining = rollup.GasLimit;
            while (remaining >= TransferGas && pool.Count > 0)
            {
                var s = pool.Best;
                var from = pool.From[s];
                var fee = pool.Fee[s];
                var tip = (fee >> 64) == 0 ? Math.BigMul(TransferGas, (ulong)fee) : fee * TransferGas; // draws are clamped at 2^96: no overflow
                var total = pool.Value[s] + burn + tip;
                if (state.Balance(from) < total)
                {
                    // It and every later nonce of its sender leave the pool.
                    var dropped = pool.DropBest();
                    run.Rejected += dropped;
                    pending[from] -= dropped;
                    continue;
                }

                state.Debit(from, total);
                state.Credit(pool.To[s], pool.Value[s]);
                state.Credit(sequencer, tip);
                state.IncrementNonce(from);
                run.Burned += burn;
                run.Tips += tip;
                remaining -= TransferGas;
                run.GasUsed += TransferGas;
                run.Included++;
                run.InclusionLatency.Record(new SimDuration(time - pool.Time[s]));
                var tx = new BatchTransaction(TransactionKind.Transfer, from, pool.To[s], pool.Value[s], pool.Nonce[s], pool.Fee[s], TransferGas);
                blockTransactions.Add(tx);
                batchSubmitTimes.Add(pool.Time[s]);
                blockBytes += 1 + Leb128.SizeOf((uint)from) + Leb128.SizeOf((uint)tx.To) + Leb128.SizeOf(tx.Value)
                    + Leb128.SizeOf(tx.Nonce) + Leb128.SizeOf(tx.PriorityFeePerGas) + Leb128.SizeOf(TransferGas);
                pending[from]--;
                pool.RemoveBest();
            }

            // Seal: the root, and the block as the batcher keeps it (its L1 origin is the L1
            // head, whose block at this same time was sealed first).
            tree.Update(state);
            number++;
            batchBlocks.Add(new BatchBlock((ulong)number, time, (ulong)(time / slot), blockTransactions.ToArray()));
            batchBlockBytes.Add(blockBytes + BlockHeaderBound);
            blockTransactions.Clear();
            blockBytes = 0;

            // A batch due before the next block carries every block up to and including this one.
            while (nextBatch <= end && nextBatch < time + blockTime)
            {
                PostBatch(nextBatch);
                nextBatch += every;
            }
        }

        while (nextBatch <= end)
        {
            PostBatch(nextBatch);
            nextBatch += every;
        }

        // Transfers sent after the last block (up to and including the end) wait in the pool.
        while (next <= end)
        {
            Submit(next);
        }

        run.Blocks = number;
        run.Pending = pool.Count;
        run.StateRoot = tree.RootHex;
        return run;

        void Submit(long at)
        {
            var from = accountDraws.NextInt(accounts);
            var to = accountDraws.NextInt(accounts - 1);
            if (to >= from)
            {
                to++;
            }

            var value = DistributionSampler.SampleWei(users!.Value, valueDraws);
            var fee = DistributionSampler.SampleWei(users.PriorityFee, feeDraws);
            pool.Add(from, to, value, fee, state.Nonce(from) + (ulong)pending[from], at);
            pending[from]++;
            run.Submitted++;
            next = at + Gap(arrivals, meanGap);
        }

        void PostBatch(long at)
        {
            // Cut at whole blocks so that each batch stays within the size bound.
            var first = 0;
            var transactions = 0;
            while (first < batchBlocks.Count)
            {
                var last = first;
                var bytes = 0L;
                var count = 0;
                while (last < batchBlocks.Count && (last == first || bytes + batchBlockBytes[last] <= MaxBatchBytes))
                {
                    bytes += batchBlockBytes[last];
                    count += batchBlocks[last].Transactions.Count;
                    last++;
                }

                var encoded = BatchCodec.Encode(new Batch(batchBlocks.GetRange(first, last - first)));
                var compressed = compressor.Compress(encoded);
                var channel = new ChannelId(((UInt128)(uint)(index + 1) << 64) | batchNumber++);
                var maxFrame = Math.Max(MaxFrameData(), (compressed.Length + ushort.MaxValue) / (ushort.MaxValue + 1));
                var frames = ChannelFrames.Split(channel, compressed, maxFrame);
                var batch = new PendingBatch(batchSubmitTimes.GetRange(transactions, count).ToArray(), frames.Count);
                foreach (var frame in frames)
                {
                    var data = ChannelFrames.EncodeTransactionData([frame]);
                    postings.Add(new Posting(index, at, DaCost.BlobsNeeded(_spec, (ulong)data.Length), _spec.TransactionBaseGas, batch));
                    run.Da.PostedBytes += (ulong)data.Length;
                }

                run.Da.Batches++;
                run.Da.L2Bytes += (ulong)encoded.Length;
                run.Da.CompressedBytes += (ulong)compressed.Length;
                run.Da.TransactionsBatched += count;
                transactions += count;
                first = last;
            }

            batchBlocks.Clear();
            batchBlockBytes.Clear();
            batchSubmitTimes.Clear();
        }
    }

    private int MaxFrameData()
    {
        const int Overhead = 1 + Frame.Overhead;
        var bytes = Math.Min(_spec.MaxBlobsPerTransaction, _spec.MaxBlobsPerBlock) * _spec.UsableBytesPerBlob;
        return (int)Math.Clamp(bytes > Overhead ? bytes - Overhead : 1, 1, int.MaxValue);
    }

    private static long Gap(RandomStream arrivals, double meanGap)
    {
        var gap = Math.Round(arrivals.NextExponential(meanGap), MidpointRounding.ToEven);
        return gap >= long.MaxValue ? long.MaxValue / 2 : (long)gap;
    }

    private L1Run RunL1(RollupRun[] rollups, List<Posting> postings)
    {
        // The L1 takes postings by submit time, then rollup, then the order each rollup sent them.
        var inbox = postings.Select((p, i) => (p, i)).OrderBy(x => x.p.SubmitTime).ThenBy(x => x.p.Rollup).ThenBy(x => x.i).Select(x => x.p).ToList();
        var l1 = _model.L1;
        var market = new L1FeeMarket(_spec, l1.BaseFee, Eip4844.ExcessBlobGasForBlobBaseFee(_spec, l1.Blobs.BaseFee), firstBlockNumber: 1);
        var backgroundGas = (ulong)decimal.Min(_spec.GasLimit, decimal.Floor((decimal)Math.Clamp(l1.BackgroundGas, 0, 1) * _spec.GasLimit));
        var backgroundBlobs = Math.Min((ulong)Math.Max(0, l1.Blobs.Background), _spec.MaxBlobsPerBlock);
        var blocked = new bool[rollups.Length];
        var landed = new List<Posting>();
        var run = new L1Run();
        var end = _model.Duration.Microseconds;
        UInt128 baseFee = market.BaseFeePerGas, minBaseFee = baseFee, maxBaseFee = baseFee;
        UInt128 blobFee = market.BlobBaseFee, minBlobFee = blobFee, maxBlobFee = blobFee;
        for (var now = l1.SlotTime.Microseconds; now <= end; now += l1.SlotTime.Microseconds)
        {
            var gas = backgroundGas;
            var blobs = backgroundBlobs;
            Array.Clear(blocked);
            landed.Clear();
            foreach (var posting in inbox)
            {
                if (posting.SubmitTime >= now)
                {
                    break;
                }

                // A posting that does not fit holds back its rollup's later ones.
                if (blocked[posting.Rollup])
                {
                    continue;
                }

                if (posting.Gas <= _spec.GasLimit - gas && posting.Blobs <= _spec.MaxBlobsPerBlock - blobs)
                {
                    gas += posting.Gas;
                    blobs += posting.Blobs;
                    landed.Add(posting);
                }
                else
                {
                    blocked[posting.Rollup] = true;
                }
            }

            if (landed.Count > 0)
            {
                var set = landed.ToHashSet(ReferenceEqualityComparer.Instance);
                inbox.RemoveAll(set.Contains);
            }

            var fees = market.Seal(gas, blobs);
            minBaseFee = UInt128.Min(minBaseFee, fees.BaseFeePerGas);
            maxBaseFee = UInt128.Max(maxBaseFee, fees.BaseFeePerGas);
            minBlobFee = UInt128.Min(minBlobFee, fees.BlobBaseFee);
            maxBlobFee = UInt128.Max(maxBlobFee, fees.BlobBaseFee);
            run.Blocks++;
            run.RollupBlobs += blobs - backgroundBlobs;
            run.RollupTransactions += landed.Count;
            foreach (var posting in landed)
            {
                var rollup = rollups[posting.Rollup];
                rollup.Da.L1Transactions++;
                rollup.Da.Blobs += posting.Blobs;
                rollup.Da.ExecutionGas += posting.Gas;
                rollup.Da.BlobFee = checked(rollup.Da.BlobFee + ((UInt128)posting.Blobs * _spec.GasPerBlob * fees.BlobBaseFee));
                rollup.Da.ExecutionFee = checked(rollup.Da.ExecutionFee + ((UInt128)posting.Gas * fees.BaseFeePerGas));
                if (--posting.Batch.Remaining > 0)
                {
                    continue;
                }

                rollup.Da.BatchesConfirmed++;
                foreach (var submitted in posting.Batch.SubmitTimes)
                {
                    rollup.Da.HardLatency.Record(new SimDuration(now - submitted));
                }
            }
        }

        // The ranges include the fees the block after the end would charge.
        run.Pending = inbox.Count;
        run.BaseFee = new FeeRange(baseFee, market.BaseFeePerGas, UInt128.Min(minBaseFee, market.BaseFeePerGas), UInt128.Max(maxBaseFee, market.BaseFeePerGas));
        run.BlobBaseFee = new FeeRange(blobFee, market.BlobBaseFee, UInt128.Min(minBlobFee, market.BlobBaseFee), UInt128.Max(maxBlobFee, market.BlobBaseFee));
        return run;
    }

    /// <summary>
    /// The pending transactions: fields in parallel arrays by slot. <c>fcfs</c> is a ring buffer
    /// (arrival order is each sender's nonce order, so the oldest is always next); the fee
    /// orderings keep each sender's queue as a linked list of slots and a binary heap of the
    /// senders' first slots, higher fee (or fee band) first, then earlier arrival.
    /// </summary>
    private sealed class Pool
    {
        private const int None = -1;

        private readonly bool _fifo;
        private readonly UInt128 _band;
        private readonly int[] _head;
        private readonly int[] _tail;
        private readonly long[] _droppedBefore; // fcfs: a sender's slots older than this were dropped
        private int[] _next = new int[64];
        private int[] _heap = new int[64];
        private int _heapCount;
        private int _first; // fcfs: the oldest slot of the ring
        private int _freeHead = None;
        private int _used;
        private long _arrivals;

        public Pool(int accounts, UInt128 band, bool fifo)
        {
            _fifo = fifo;
            _band = band;
            _head = new int[accounts];
            _tail = new int[accounts];
            _droppedBefore = new long[accounts];
            _head.AsSpan().Fill(None);
            _tail.AsSpan().Fill(None);
        }

        public int[] From { get; private set; } = new int[64];

        public int[] To { get; private set; } = new int[64];

        public UInt128[] Value { get; private set; } = new UInt128[64];

        public UInt128[] Fee { get; private set; } = new UInt128[64];

        public ulong[] Nonce { get; private set; } = new ulong[64];

        public long[] Time { get; private set; } = new long[64];

        public long[] Arrival { get; private set; } = new long[64];

        public int Count { get; private set; }

        /// <summary>The slot of the transaction that goes next.</summary>
        public int Best
        {
            get
            {
                if (!_fifo)
                {
                    return _heap[0];
                }

                // Skip what a drop already took out of the count.
                while (Arrival[_first] < _droppedBefore[From[_first]])
                {
                    _first = (_first + 1) & (From.Length - 1);
                    _used--;
                }

                return _first;
            }
        }

        public void Add(int from, int to, UInt128 value, UInt128 fee, ulong nonce, long time)
        {
            var slot = Allocate();
            From[slot] = from;
            To[slot] = to;
            Value[slot] = value;
            Fee[slot] = fee;
            Nonce[slot] = nonce;
            Time[slot] = time;
            Arrival[slot] = _arrivals++;
            Count++;
            if (_fifo)
            {
                return;
            }

            _next[slot] = None;
            if (_tail[from] == None)
            {
                _head[from] = slot;
                Push(slot);
            }
            else
            {
                _next[_tail[from]] = slot;
            }

            _tail[from] = slot;
        }

        public void RemoveBest()
        {
            var slot = Best;
            Count--;
            if (_fifo)
            {
                _first = (_first + 1) & (From.Length - 1);
                _used--;
                return;
            }

            var from = From[slot];
            var next = _next[slot];
            _head[from] = next;
            if (next == None)
            {
                _tail[from] = None;
            }

            Free(slot);
            Pop();
            if (next != None)
            {
                Push(next);
            }
        }

        /// <summary>Removes the best transaction and every later one of its sender; returns how many.</summary>
        public int DropBest()
        {
            var slot = Best;
            var from = From[slot];
            if (_fifo)
            {
                // Every slot of the sender up to the newest is gone; the ring skips them lazily.
                var removed = 0;
                for (int i = _first, n = 0; n < _used; i = (i + 1) & (From.Length - 1), n++)
                {
                    if (From[i] == from && Arrival[i] >= _droppedBefore[from])
                    {
                        removed++;
                    }
                }

                _droppedBefore[from] = _arrivals;
                Count -= removed;
                return removed;
            }

            Pop();
            var dropped = 0;
            while (slot != None)
            {
                var next = _next[slot];
                Free(slot);
                slot = next;
                dropped++;
            }

            _head[from] = _tail[from] = None;
            Count -= dropped;
            return dropped;
        }

        private int Allocate()
        {
            if (_fifo)
            {
                if (_used == From.Length)
                {
                    Grow(_first);
                    _first = 0;
                }

                return (_first + _used++) & (From.Length - 1);
            }

            if (_freeHead != None)
            {
                var slot = _freeHead;
                _freeHead = _next[slot];
                return slot;
            }

            if (_used == From.Length)
            {
                Grow(0);
            }

            return _used++;
        }

        private void Free(int slot)
        {
            _next[slot] = _freeHead;
            _freeHead = slot;
        }

        private void Grow(int start)
        {
            // Doubles the arrays; a ring is unrolled so that its oldest slot becomes slot 0.
            var length = From.Length;
            From = Unroll(From, start);
            To = Unroll(To, start);
            Value = Unroll(Value, start);
            Fee = Unroll(Fee, start);
            Nonce = Unroll(Nonce, start);
            Time = Unroll(Time, start);
            Arrival = Unroll(Arrival, start);
            Array.Resize(ref _next, length * 2);

            static T[] Unroll<T>(T[] items, int start)
            {
                var grown = new T[items.Length * 2];
                items.AsSpan(start).CopyTo(grown);
                items.AsSpan(0, start).CopyTo(grown.AsSpan(items.Length - start));
                return grown;
            }
        }

        // True when slot a goes before slot b: higher fee (or band) first, then earlier arrival.
        private bool Before(int a, int b)
        {
            UInt128 feeA = Fee[a], feeB = Fee[b];
            if (_band != 0)
            {
                feeA /= _band;
                feeB /= _band;
            }

            return feeA != feeB ? feeA > feeB : Arrival[a] < Arrival[b];
        }

        private void Push(int slot)
        {
            if (_heapCount == _heap.Length)
            {
                Array.Resize(ref _heap, _heap.Length * 2);
            }

            var i = _heapCount++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!Before(slot, _heap[parent]))
                {
                    break;
                }

                _heap[i] = _heap[parent];
                i = parent;
            }

            _heap[i] = slot;
        }

        private void Pop()
        {
            var last = _heap[--_heapCount];
            if (_heapCount == 0)
            {
                return;
            }

            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= _heapCount)
                {
                    break;
                }

                if (child + 1 < _heapCount && Before(_heap[child + 1], _heap[child]))
                {
                    child++;
                }

                if (!Before(_heap[child], last))
                {
                    break;
                }

                _heap[i] = _heap[child];
                i = child;
            }

            _heap[i] = last;
        }
    }

    private sealed class PendingBatch(long[] submitTimes, int frames)
    {
        public long[] SubmitTimes { get; } = submitTimes;

        public int Remaining { get; set; } = frames;
    }

    private sealed record Posting(int Rollup, long SubmitTime, ulong Blobs, ulong Gas, PendingBatch Batch);

    private sealed class L1Run
    {
        public long Blocks { get; set; }

        public ulong RollupBlobs { get; set; }

        public long RollupTransactions { get; set; }

        public long Pending { get; set; }

        public FeeRange BaseFee { get; set; }

        public FeeRange BlobBaseFee { get; set; }
    }

    private sealed class RollupRun(RollupModel model, string compression)
    {
        public long Blocks { get; set; }

        public long Submitted { get; set; }

        public long Included { get; set; }

        public long Rejected { get; set; }

        public long Pending { get; set; }

        public ulong GasUsed { get; set; }

        public UInt128 Burned { get; set; }

        public UInt128 Tips { get; set; }

        public string StateRoot { get; set; } = "";

        public LatencyRecorder InclusionLatency { get; } = new();

        // The engine's own accumulator for what a batcher posted and paid: the same fields, summed the same way.
        public DaMetrics Da { get; } = new();

        public HandWrittenRollupResult Result() => new(
            model.Name, Blocks, Submitted, Included, Rejected, Pending, GasUsed, new FeeSummary(Burned, Tips), StateRoot, InclusionLatency.Summarize(),
            new DataAvailabilitySummary(
                "blobs", compression, Da.Batches, Da.BatchesConfirmed, Da.TransactionsBatched, Da.L2Bytes,
                Da.CompressedBytes, Da.PostedBytes, Da.L1Transactions, Da.Blobs, Da.ExecutionGas, Da.BlobFee, Da.ExecutionFee),
            Da.HardLatency.Summarize());
    }
}

/// <summary>What <see cref="HandWrittenScenario.Run"/> computes for one rollup: the numbers compared with the engine's.</summary>
/// <param name="Name">The rollup.</param>
/// <param name="Blocks">Blocks sealed.</param>
/// <param name="Submitted">Transfers the users sent.</param>
/// <param name="Included">Transfers included.</param>
/// <param name="Rejected">Transfers rejected (the sender could not pay, and its later nonces).</param>
/// <param name="Pending">Transfers still pending at the end.</param>
/// <param name="GasUsed">Gas used by all blocks.</param>
/// <param name="Fees">Base fees burned and priority fees to the sequencer.</param>
/// <param name="StateRoot">The state root after the last block.</param>
/// <param name="InclusionLatency">Submit to inclusion.</param>
/// <param name="DataAvailability">Batches, bytes, blobs and L1 fees.</param>
/// <param name="HardLatency">Submit to the L1 block that carried the batch's last frame.</param>
public sealed record HandWrittenRollupResult(
    string Name,
    long Blocks,
    long Submitted,
    long Included,
    long Rejected,
    long Pending,
    ulong GasUsed,
    FeeSummary Fees,
    string StateRoot,
    LatencySummary InclusionLatency,
    DataAvailabilitySummary DataAvailability,
    LatencySummary HardLatency);

/// <summary>What <see cref="HandWrittenScenario.Run"/> computes: per rollup, and the L1's blocks and postings.</summary>
/// <param name="Rollups">Each rollup's numbers, in scenario order.</param>
/// <param name="L1Blocks">L1 blocks sealed.</param>
/// <param name="L1RollupBlobs">Blobs of the rollups' postings.</param>
/// <param name="L1RollupTransactions">L1 transactions that carried rollup data.</param>
/// <param name="PendingPostings">Postings not yet included at the end.</param>
/// <param name="L1BaseFee">The L1 base fee: first block, next block after the end, lowest, highest.</param>
/// <param name="L1BlobBaseFee">The L1 blob base fee, likewise.</param>
public sealed record HandWrittenResult(
    ImmutableArray<HandWrittenRollupResult> Rollups,
    long L1Blocks,
    ulong L1RollupBlobs,
    long L1RollupTransactions,
    long PendingPostings,
    FeeRange L1BaseFee,
    FeeRange L1BlobBaseFee)
{
    /// <summary>Transfers included over all rollups.</summary>
    public long Included => Rollups.Sum(r => r.Included);

    /// <summary>Equal when every rollup's numbers and the L1's are equal.</summary>
    public bool Equals(HandWrittenResult? other) =>
        other is not null && Rollups.SequenceEqual(other.Rollups)
        && L1Blocks == other.L1Blocks && L1RollupBlobs == other.L1RollupBlobs
        && L1RollupTransactions == other.L1RollupTransactions && PendingPostings == other.PendingPostings
        && L1BaseFee == other.L1BaseFee && L1BlobBaseFee == other.L1BlobBaseFee;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rollups.Length, L1Blocks, L1RollupBlobs, PendingPostings);

    /// <summary>Throws unless <paramref name="engine"/> (the engine's numbers, from <see cref="HandWrittenScenario.Summarize"/>) equals this.</summary>
    /// <exception cref="InvalidOperationException">They differ; the message shows both.</exception>
    public void AssertEqual(HandWrittenResult engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!Equals(engine))
        {
            throw new InvalidOperationException("The hand-written scenario and the engine disagree.\nhand-written: " + Describe() + "\nengine:       " + engine.Describe());
        }
    }

    /// <summary>Every number, on one line per rollup.</summary>
    public string Describe() =>
        string.Join("\n  ", Rollups.Select(r => r.ToString())) + FormattableString.Invariant($"\n  L1 blocks {L1Blocks}, rollup blobs {L1RollupBlobs}, rollup transactions {L1RollupTransactions}, pending postings {PendingPostings}, base fee {L1BaseFee}, blob base fee {L1BlobBaseFee}");
}
