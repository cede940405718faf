using System.Globalization;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Derivation;

/// <summary>Something derivation read from L1 and did not use, and why.</summary>
/// <param name="L1Block">The L1 block whose data it was.</param>
/// <param name="Reason">What was wrong, in words.</param>
public sealed record DerivationError(ulong L1Block, string Reason);

/// <summary>What derivation made of one rollup's L1 data.</summary>
/// <param name="Rollup">The rollup's name.</param>
/// <param name="Roots">The state root after every derived L2 block, from block 1 without gaps.</param>
/// <param name="Errors">Data dropped, in the order it was read.</param>
/// <param name="HighestBlockSeen">The highest L2 block number any decoded batch carried, derived or not (0 when none).</param>
public sealed record DerivedRollup(string Rollup, IReadOnlyList<BlockStateRoot> Roots, IReadOnlyList<DerivationError> Errors, ulong HighestBlockSeen)
{
    /// <summary>Transactions of the derived blocks re-executed, batched or forced by L1 (an invalid one, skipped with an error, counts as read).</summary>
    public long Transactions { get; init; }

    /// <summary>The L2 gas of those transactions.</summary>
    public ulong Gas { get; init; }
}

/// <summary>
/// The built-in <c>standard</c> derivation, after the OP Stack: a rollup's state is a function
/// of its genesis and the L1 data alone. It reads the rollup's data transactions in L1 order,
/// collects channel frames, and when a channel is complete decompresses it and decodes the
/// batch, then applies the rules of <see cref="DerivationModel"/>:
/// <list type="bullet">
/// <item>all frames of a channel land within <see cref="DerivationModel.ChannelTimeout"/> L1 blocks of its first frame, or the channel is dropped;</item>
/// <item>a batch landing in L1 block B carries only blocks whose L1 origin E has E ≤ B &lt; E + <see cref="DerivationModel.SequencingWindow"/>;</item>
/// <item>no block's timestamp is more than <see cref="DerivationModel.MaxSequencerDrift"/> ahead of its L1 origin's time;</item>
/// <item>blocks extend the derived chain one number at a time, with timestamps that do not fall.</item>
/// </list>
/// A batch that breaks a rule is dropped whole; malformed data of any kind is recorded, never
/// thrown. Derived blocks are re-executed by <see cref="RollupChain"/> itself, from the same
/// genesis the engine builds, so derivation applies exactly the sequencer's state transition.
/// Deposits come from L1, not from batches: a derived block whose L1 origin is past its
/// parent's first mints every deposit of the L1 blocks in between, in L1 order, as the
/// sequencer did. With forced inclusion, the blocks the L1 rules forced in (deposit-only blocks
/// for expired sequencing windows, or delayed-inbox messages past both delays) are derived from
/// L1 data before the first batched block whose time is at or after theirs, and after the last
/// batched block up to the time of the last L1 block, so a rollup whose sequencer never posted
/// still derives the blocks L1 forced in.
/// </summary>
public static class StandardDerivation
{
    /// <summary>Derives rollup <paramref name="rollupIndex"/> of <paramref name="scenario"/> from <paramref name="log"/>.</summary>
    /// <param name="scenario">The scenario the run simulated (its genesis and its rollups' rules).</param>
    /// <param name="rollupIndex">The rollup, in declaration order.</param>
    /// <param name="log">Everything the run put on L1.</param>
    /// <param name="rule">The rollup's derivation hook, which replaces the sequencing-window and drift checks; required exactly when the rollup has one.</param>
    /// <param name="distributor">The rollup's fee-distribution hook, which settles its blocks as on the sequencer; required exactly when its <c>fees</c> block has one.</param>
    /// <param name="baseFee">The rollup's base fee market hook, which prices its blocks as on the sequencer; required exactly when it has one.</param>
    /// <exception cref="ArgumentException">The rollup has a derivation hook and no <paramref name="rule"/> was given, or a fee-distribution hook and no <paramref name="distributor"/>.</exception>
    /// <exception cref="RuleFailedException">The rule or the distribution threw.</exception>
    public static DerivedRollup Derive(ScenarioModel scenario, int rollupIndex, L1DataLog log, IDerivationRule? rule = null, Fees.IFeeDistributor? distributor = null, FeeMarket.IBaseFeeRule? baseFee = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfNegative(rollupIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rollupIndex, scenario.Rollups.Length);
        if (scenario.Rollups[rollupIndex].Derivation.Hook is { } hook && rule is null)
        {
            // Deriving with the standard rule instead would verify a different chain than the scenario describes.
            throw new ArgumentException($"Rollup {scenario.Rollups[rollupIndex].Name} has a derivation hook ({hook.Owner}) but no compiled rule was given.", nameof(rule));
        }

        if (scenario.Rollups[rollupIndex].Fees?.Hook is { } fees && distributor is null)
        {
            // Settling with the built-in split instead would derive a different chain than the sequencer's.
            throw new ArgumentException($"Rollup {scenario.Rollups[rollupIndex].Name} has a fee-distribution hook ({fees.Owner}) but no compiled distributor was given.", nameof(distributor));
        }

        if (scenario.Rollups[rollupIndex].Fees?.BaseFeeMarket?.Hook is { } pricing && baseFee is null)
        {
            throw new ArgumentException($"Rollup {scenario.Rollups[rollupIndex].Name} has a base fee market hook ({pricing.Owner}) but no compiled rule was given.", nameof(baseFee));
        }

        return new Deriver(scenario, rollupIndex, log, rule, distributor, baseFee).Run();
    }

    private sealed class Deriver
    {
        private readonly RollupModel _model;
        private readonly DerivationModel _rules;
        private readonly IDerivationRule? _rule;
        private long[]? _l1Times;
        private readonly int _index;
        private readonly L1DataLog _log;
        private readonly RollupChain _chain;
        private readonly ICompressor _compressor;
        private readonly List<BlockStateRoot> _roots = [];
        private readonly List<DerivationError> _errors = [];
        private readonly List<Mempool.Transaction> _blockTransactions = [];

        // Channels in the order their first frame arrived; few are open at once.
        private readonly List<OpenChannel> _open = [];
        private readonly List<Bridge.L1Deposit> _deposits;
        private readonly List<Bridge.L1Deposit> _delayed;
        private readonly ForcedInclusionModel _forced;
        private readonly SimDuration _slot;
        private int _nextDeposit;
        private int _nextDelayed;
        private ulong _lastOrigin;
        private ulong _highestSeen;

        // What the derived blocks re-executed, for verify's measured speed.
        private long _transactions;
        private ulong _gas;
        private long _lastTimestamp;
        private readonly L1Model _l1;
        private readonly L1.ForkSpec _spec;

        public Deriver(ScenarioModel scenario, int index, L1DataLog log, IDerivationRule? rule, Fees.IFeeDistributor? distributor, FeeMarket.IBaseFeeRule? baseFee)
        {
            _model = scenario.Rollups[index];
            _rule = rule;
            _rules = _model.Derivation;
            _index = index;
            _log = log;
            _deposits = [.. log.Deposits.Where(d => d.Rollup == index)];
            _delayed = [.. log.DelayedMessages.Where(d => d.Rollup == index)];
            _forced = _model.ForcedInclusion;
            _slot = scenario.L1.SlotTime;
            var trading = scenario.Workload.Trading;

            // The CEX only decides whether arbitrageur accounts exist (the genesis layout); its
            // price path is never advanced here, and the MEV it would value is not chain state.
            var cex = trading.CexPrice is { } price ? new CexMarket(price, trading.SyncDelay, new RandomTree(scenario.Seed)) : null;
            _l1 = scenario.L1;
            _spec = L1Chain.SpecFor(scenario.L1);

            // A replica settles fees with the sequencer's rules, but reads each block's L1 view from its batch.
            var parts = new RollupParts
            {
                FeeDistributor = distributor,
                FreshAccounts = Workload.FreshAccounts.Reserve(scenario, _model.Name),
                StorageSlots = Workload.StorageReserve.Slots(scenario, _model.Name),
                BaseFeeRule = baseFee,
                FeePriceRule = Fees.L1DataPriceRule.For(_spec, Batching.Batcher.TargetOf(_model.Batch)),
            };
            _chain = new RollupChain(_model, new FcfsOrdering(), SimulationRun.CreateMarket(scenario, cex), parts);
            _chain.RecordBlockRoots();

            _compressor = _model.Batch.Compression switch
            {
                CompressionKind.Brotli => Compressors.Brotli,
                CompressionKind.Zlib => Compressors.Zlib,
                _ => Compressors.None,
            };
        }

        public DerivedRollup Run()
        {
            foreach (var tx in _log.Transactions)
            {
                if (tx.Carries(_index))
                {
                    Read(tx);
                }
            }

            // Channels still open are batches whose last frames had not landed when the run ended:
            // not on L1 yet, which is not an error.
            // The L1 rules alone decide the blocks forced in after the last batch (a halted sequencer
            // posts none at all): a node derives every one due by the L1 head it has seen.
            if (_log.Blocks.Count > 0)
            {
                ForceDue(_log.Blocks[^1].Time);
            }

            return new DerivedRollup(_model.Name, [.. _chain.BlockRoots!], _errors, _highestSeen)
            {
                Transactions = _transactions,
                Gas = _gas,
            };
        }

        private void Read(L1DataTransaction tx)
        {
            var block = tx.L1Block;
            IReadOnlyList<Frame> frames;
            try
            {
                frames = ChannelFrames.DecodeTransactionData(tx.Data.Span);
            }
            catch (BatchFormatException e)
            {
                Error(block, "corrupt frame data: " + e.Message);
                return;
            }

            foreach (var frame in frames)
            {
                if (!tx.SharedBy.IsDefault && L1DataTransaction.RollupOf(frame.Channel) != _index)
                {
                    continue; // another rollup's frame in blobs a shared sequencer filled
                }

                var channel = _open.Find(c => c.Id == frame.Channel);
                if (channel is not null && block > channel.Opened + _rules.ChannelTimeout)
                {
                    _open.Remove(channel);
                    Error(block, $"channel {Hex(channel.Id)} timed out: opened in L1 block {channel.Opened}, frame {frame.Number} landed after the channel timeout of {_rules.ChannelTimeout} blocks");
                    continue;
                }

                if (channel is null)
                {
                    channel = new OpenChannel(frame.Channel, block);
                    _open.Add(channel);
                }

                if (channel.Frames.Exists(f => f.Number == frame.Number))
                {
                    Error(block, $"channel {Hex(channel.Id)} frame {frame.Number} arrived twice; the second is ignored");
                    continue;
                }

                channel.Frames.Add(frame);
                var last = channel.Frames.Find(f => f.IsLast);
                if (last is not null && channel.Frames.Count == last.Number + 1)
                {
                    _open.Remove(channel);
                    Complete(channel, block);
                }
            }
        }

        private void Complete(OpenChannel channel, ulong block)
        {
            Batch? batch;
            try
            {
                var compressed = ChannelFrames.Reassemble(channel.Frames);
                var encoded = _compressor.Decompress(compressed, Compressors.DefaultMaxDecompressedBytes);
                if (!BatchCodec.TryDecode(encoded, out batch, out var error))
                {
                    Error(block, $"channel {Hex(channel.Id)} holds no valid batch: {error.Message}");
                    return;
                }
            }
            catch (BatchFormatException e)
            {
                Error(block, $"channel {Hex(channel.Id)} does not reassemble: {e.Message}");
                return;
            }
            catch (InvalidDataException e)
            {
                Error(block, $"channel {Hex(channel.Id)} does not decompress: {e.Message}");
                return;
            }

            Apply(batch, block);
        }

        private void Apply(Batch batch, ulong inclusion)
        {
            if (batch.Blocks.Count == 0)
            {
                return;
            }

            _highestSeen = Math.Max(_highestSeen, batch.Blocks[^1].Number);
            if (Violation(batch, inclusion) is { } reason)
            {
                Error(inclusion, $"batch of blocks {batch.Blocks[0].Number}–{batch.Blocks[^1].Number} dropped: {reason}");
                return;
            }

            foreach (var block in batch.Blocks)
            {
                // Blocks the L1 rules forced in before this one's time come first, as they did on the sequencer's chain.
                ForceDue(new SimDuration(block.TimestampMicros));
                var next = (ulong)_chain.Metrics.Blocks + 1;
                if (block.Number < next)
                {
                    Error(inclusion, $"block {block.Number} was already derived; the copy is ignored");
                    continue;
                }

                if (block.Number > next)
                {
                    Error(inclusion, $"block {block.Number} arrived but block {next} never did; the rest of the batch is dropped");
                    return;
                }

                if (block.TimestampMicros < _lastTimestamp)
                {
                    Error(inclusion, $"block {block.Number} has a timestamp before its parent's; the rest of the batch is dropped");
                    return;
                }

                if (block.L1Origin < _lastOrigin)
                {
                    Error(inclusion, $"block {block.Number} has L1 origin {block.L1Origin}, before its parent's {_lastOrigin}; the rest of the batch is dropped");
                    return;
                }

                var time = new SimDuration(block.TimestampMicros);
                if (ReadDelayedMessages(block, time) is not { } transactions)
                {
                    Error(inclusion, $"block {block.Number} reads a delayed-inbox message out of order or before it landed; the rest of the batch is dropped");
                    return;
                }

                L1Attributes attributes = default;
                if (_chain.Settlement is not null)
                {
                    // The fees settle from what the block carries; the L1 price must be the one its L1 origin gives.
                    if (AttributesProblem(block) is { } problem)
                    {
                        Error(inclusion, $"block {block.Number} {problem}; the rest of the batch is dropped");
                        return;
                    }

                    attributes = block.Attributes!.Value;
                }

                MintDeposits(block.L1Origin, time);
                var invalid = _chain.ApplyBlock(transactions, time, attributes);
                _transactions += transactions.Count;
                foreach (var tx in transactions)
                {
                    _gas += tx.Gas;
                }

                _lastTimestamp = block.TimestampMicros;
                if (invalid > 0)
                {
                    Error(inclusion, $"block {block.Number}: {invalid.ToString(CultureInfo.InvariantCulture)} transactions could not execute and were skipped");
                }
            }
        }

        /// <summary>Why a block of a rollup with a <c>fees</c> block cannot be settled from its L1 attributes, or null.</summary>
        private string? AttributesProblem(BatchBlock block)
        {
            if (block.Attributes is not { } attributes)
            {
                return "carries no L1 attributes, which a rollup with a fees block settles from";
            }

            var expected = L1FeeBasisAfter(block.L1Origin);
            return expected == attributes.L1FeeBasis
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"carries an L1 fee basis of {attributes.L1FeeBasis} wei but its L1 origin {block.L1Origin} gives {(expected is { } e ? e.ToString(CultureInfo.InvariantCulture) + " wei" : "none (not on L1)")}");
        }

        /// <summary>
        /// The L1 price a sequencer saw with L1 block <paramref name="origin"/> at its head: the fee
        /// the next L1 block charges (its blob base fee, or base fee for a calldata rollup), read
        /// from that block, or computed by the fee rules from <paramref name="origin"/>'s own
        /// fees and usage when the run ended before it; null when <paramref name="origin"/> is not on L1.
        /// </summary>
        private UInt128? L1FeeBasisAfter(ulong origin)
        {
            var blobs = _model.Batch.Target != Language.Model.DaTarget.Calldata;
            if (origin < (ulong)_log.Blocks.Count)
            {
                var next = _log.Blocks[(int)origin].Fees;
                return blobs ? next.BlobBaseFee : next.BaseFeePerGas;
            }

            if (origin == 0)
            {
                return blobs ? L1.Eip4844.BlobBaseFee(_spec, L1.Eip4844.ExcessBlobGasForBlobBaseFee(_spec, _l1.Blobs.BaseFee)) : _l1.BaseFee;
            }

            if (origin > (ulong)_log.Blocks.Count)
            {
                return null;
            }

            var head = _log.Blocks[(int)origin - 1].Fees;
            var market = new L1.L1FeeMarket(_spec, head.BaseFeePerGas, head.ExcessBlobGas, head.Number);
            market.Seal(head.GasUsed, head.BlobsUsed);
            return blobs ? market.BlobBaseFee : market.BaseFeePerGas;
        }

        /// <summary>The deposits of L1 blocks after the parent's origin, up to and including <paramref name="origin"/>, executed first.</summary>
        private void MintDeposits(ulong origin, SimDuration time)
        {
            while (_nextDeposit < _deposits.Count && _deposits[_nextDeposit].L1Block <= origin)
            {
                // One the chain cannot execute (an unknown account, a sender short of the value) leaves no trace, as on the sequencer.
                _chain.ApplyL1Message(_deposits[_nextDeposit++].ToTransaction(time));
            }

            _lastOrigin = origin;
        }

        /// <summary>
        /// The block's transactions with each delayed-inbox reference replaced by the message it
        /// names, or null when a reference is not the next unread message or names one that had
        /// not landed by the block's L1 origin.
        /// </summary>
        private List<Mempool.Transaction>? ReadDelayedMessages(BatchBlock block, SimDuration time)
        {
            // One list for every block: ApplyBlock is done with it before the next block is read.
            var transactions = _blockTransactions;
            transactions.Clear();
            foreach (var tx in block.Transactions)
            {
                if (tx.Kind != TransactionKind.DelayedMessage)
                {
                    transactions.Add(tx.ToTransaction(time));
                    continue;
                }

                if (tx.Nonce != (ulong)_nextDelayed || _nextDelayed >= _delayed.Count || _delayed[_nextDelayed].L1Block > block.L1Origin)
                {
                    return null;
                }

                transactions.Add(_delayed[_nextDelayed++].ToTransaction(time));
            }

            return transactions;
        }

        /// <summary>
        /// The forced blocks due by <paramref name="time"/>: OP style, a deposit-only block for each
        /// epoch whose sequencing window closed with no block of that origin or later; delayed-inbox
        /// style, a block for each group of unread messages whose delays have both passed.
        /// </summary>
        private void ForceDue(SimDuration time)
        {
            if (_forced.Kind == ForcedInclusionKind.Deposits)
            {
                while ((long)(_lastOrigin + 1 + _rules.SequencingWindow) * _slot.Microseconds <= time.Microseconds)
                {
                    var epoch = _lastOrigin + 1;
                    var due = new SimDuration((long)(epoch + _rules.SequencingWindow) * _slot.Microseconds);
                    var messages = new List<Mempool.Transaction>();
                    while (_nextDeposit < _deposits.Count && _deposits[_nextDeposit].L1Block <= epoch)
                    {
                        messages.Add(_deposits[_nextDeposit++].ToTransaction(due));
                    }

                    ApplyForced(messages, due);
                    _lastOrigin = epoch;
                }
            }
            else if (_forced.Kind == ForcedInclusionKind.DelayedInbox)
            {
                while (_nextDelayed < _delayed.Count)
                {
                    var at = Sequencing.DelayedInbox.ForceableAt(_delayed[_nextDelayed].L1Block, _forced, _slot);
                    var due = new SimDuration((long)at * _slot.Microseconds);
                    if (due > time)
                    {
                        return;
                    }

                    var messages = new List<Mempool.Transaction>();
                    while (_nextDelayed < _delayed.Count && Sequencing.DelayedInbox.ForceableAt(_delayed[_nextDelayed].L1Block, _forced, _slot) == at)
                    {
                        messages.Add(_delayed[_nextDelayed++].ToTransaction(due));
                    }

                    ApplyForced(messages, due);
                }
            }
        }

        private void ApplyForced(List<Mempool.Transaction> messages, SimDuration due)
        {
            _chain.ApplyBlock(messages, due);
            _transactions += messages.Count;
            foreach (var tx in messages)
            {
                _gas += tx.Gas;
            }
        }

        private string? Violation(Batch batch, ulong inclusion)
        {
            if (_rule is not null)
            {
                return Custom(batch, inclusion);
            }

            foreach (var block in batch.Blocks)
            {
                var origin = block.L1Origin;
                if (origin > inclusion || inclusion - origin >= _rules.SequencingWindow)
                {
                    return $"block {block.Number} has L1 origin {origin} but the batch landed in L1 block {inclusion}, outside the sequencing window [{origin}, {origin + Math.Min(_rules.SequencingWindow, ulong.MaxValue - origin)})";
                }

                var originTime = origin == 0 ? 0 : origin <= (ulong)_log.Blocks.Count ? _log.Blocks[(int)(origin - 1)].Time.Microseconds : long.MaxValue;
                var drift = _rules.MaxSequencerDrift.Microseconds;
                if (block.TimestampMicros - originTime > drift)
                {
                    return $"block {block.Number} is {Seconds(block.TimestampMicros - originTime)} ahead of its L1 origin {origin}, past the max sequencer drift of {Seconds(drift)}";
                }
            }

            return null;
        }

        private string? Custom(Batch batch, ulong inclusion)
        {
            // Derivation runs after the run, so the L1 block times are complete: copy them once.
            if (_l1Times is null)
            {
                _l1Times = new long[_log.Blocks.Count];
                for (var i = 0; i < _l1Times.Length; i++)
                {
                    _l1Times[i] = _log.Blocks[i].Time.Microseconds;
                }
            }

            var view = new DerivationBatch(batch, inclusion, _l1Times);
            try
            {
                return _rule!.Check(view);
            }
            catch (Exception e) when (e is not (RuleFailedException or OutOfMemoryException))
            {
                // Simulated time is the L1 block the batch landed in; the block is the batch's first.
                throw new RuleFailedException(_model.Name, new SimDuration(view.L1TimeOf(inclusion)), (long)batch.Blocks[0].Number, e);
            }
        }

        private void Error(ulong block, string reason) => _errors.Add(new DerivationError(block, reason));

        private static string Hex(ChannelId id) => "0x" + id.Value.ToString("x32", CultureInfo.InvariantCulture);

        private static string Seconds(long micros) => (micros / 1_000_000.0).ToString("0.###", CultureInfo.InvariantCulture) + " s";
    }

    private sealed class OpenChannel(ChannelId id, ulong opened)
    {
        public ChannelId Id { get; } = id;

        public ulong Opened { get; } = opened;

        public List<Frame> Frames { get; } = [];
    }
}
