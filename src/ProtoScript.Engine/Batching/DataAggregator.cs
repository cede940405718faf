using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;
using DaTarget = ProtoScript.Engine.DataAvailability.DaTarget;

namespace ProtoScript.Engine.Batching;

/// <summary>
/// A shared sequencer as DA aggregator (<c>aggregate_data = true</c>): every batch interval it
/// has each member's batcher cut its channels, then packs the frames of all of them, member by
/// member, into as few blob transactions as fit (each up to the blobs one transaction takes
/// and a block leaves beside other L1 users' blobs), so a rollup whose batch fills a fraction of a blob no longer pays for a whole
/// one. Each posting's L1 fees are split among the rollups by the bytes of their frames in it.
/// </summary>
/// <remarks>
/// <para>The split is exact to the wei: the blob fee and the execution fee are each divided
/// separately, every rollup gets ⌊fee × its bytes / all frame bytes⌋, and the remainder (fewer
/// wei than rollups in the posting) goes to the rollup with the most bytes in it, the first in
/// the sequencer's order on a tie (<see cref="DaCostSplit"/>). The version byte of the posting is shared the same way.</para>
/// <para>Derivation needs nothing new: each frame keeps its channel id, whose upper 64 bits are
/// its rollup's index + 1, so each rollup's derivation reads the shared postings and keeps its own frames.</para>
/// <para>For comparison it also prices each rollup's data as if posted alone at the same L1
/// block's fees: its frames of the posting in a transaction of their own, whole blobs and the
/// transaction's base gas.</para>
/// </remarks>
public sealed class DataAggregator : SimProcess<BatcherEvent>, IL1PostingOwner
{
    private readonly ImmutableArray<RollupChain> _members;
    private readonly List<Channel> _channels = [];

    // The rollups' parts of each posting not yet landed (looked up, never iterated).
    private readonly Dictionary<L1Posting, List<Part>> _postings = new(ReferenceEqualityComparer.Instance);
    private readonly Totals[] _totals;
    private readonly IDaCostSplitRule? _rule;

    /// <summary>Aggregates the batches of <paramref name="members"/>, in that order, for the sequencer <paramref name="name"/>.</summary>
    /// <param name="name">The shared sequencer's name.</param>
    /// <param name="members">Its rollups' chains, in its order.</param>
    /// <param name="split">How each posting's cost is split (by bytes unless told otherwise).</param>
    /// <param name="rule">The split hook's rule, for <see cref="DaCostSplitRule.Hooked"/>.</param>
    /// <exception cref="ArgumentException">The split is hooked and no rule was given.</exception>
    public DataAggregator(string name, ImmutableArray<RollupChain> members, DaCostSplitRule split = DaCostSplitRule.ByBytes, IDaCostSplitRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (split == DaCostSplitRule.Hooked && rule is null)
        {
            // Falling back to the split by bytes would silently simulate a different design.
            throw new ArgumentException($"Shared sequencer {name} splits its postings' cost by a C# hook but no compiled rule was given.", nameof(rule));
        }

        Split = split;
        _rule = rule;
        if (members.IsDefaultOrEmpty)
        {
            throw new ArgumentException("An aggregator needs at least one rollup.", nameof(members));
        }

        Name = name;
        _members = members;
        _totals = [.. members.Select(_ => new Totals())];
        foreach (var member in members)
        {
            if (member.Batcher is not { } batcher)
            {
                throw new ArgumentException($"Rollup {member.Model.Name} has no batcher to aggregate.", nameof(members));
            }

            batcher.Aggregator = this;
        }
    }

    /// <summary>The shared sequencer's name.</summary>
    public string Name { get; }

    /// <summary>How each posting's cost is split among its rollups.</summary>
    public DaCostSplitRule Split { get; }

    /// <summary>Shared L1 transactions that landed.</summary>
    public long Postings { get; private set; }

    /// <summary>Blobs they carried.</summary>
    public ulong Blobs { get; private set; }

    /// <summary>Schedules the first interval, at the members' common batch interval.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleAfter(_members[0].Model.Batch.Every, this, BatcherEvent.Post);
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.BatchPosting;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, BatcherEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);

        // As each batcher on its own: a withholding sequencer's rollup posts nothing meanwhile.
        foreach (var member in _members)
        {
            if (member.Sequencing?.IsHolding != true)
            {
                member.Batcher!.PostBatch(scheduler.Now);
            }
        }

        Flush(scheduler.Now);
        scheduler.ScheduleAfter(_members[0].Model.Batch.Every, this, BatcherEvent.Post);
    }

    /// <summary>A member's batcher cut a channel: it is posted with the others at the end of the interval.</summary>
    internal void Add(Batcher batcher, ChannelId channel, byte[] data, PendingBatch batch) => _channels.Add(new Channel(batcher, channel, data, batch));

    /// <summary>Packs the channels cut so far into shared blob transactions and submits them.</summary>
    internal void Flush(SimDuration now)
    {
        if (_channels.Count == 0)
        {
            return;
        }

        var l1 = _members[0].Batcher!.L1;
        var spec = l1.Spec;
        // A posting must fit beside the blobs other L1 users post, or it would never land.
        var room = spec.MaxBlobsPerBlock > l1.BackgroundBlobs ? spec.MaxBlobsPerBlock - l1.BackgroundBlobs : 1;
        var capacity = Math.Min(spec.MaxBlobsPerTransaction, room) * spec.UsableBytesPerBlob;
        var frames = new List<Frame>();
        var parts = new List<Part>();
        var used = 1UL; // the version byte
        foreach (var channel in _channels)
        {
            var offset = 0;
            ushort number = 0;
            do
            {
                if (used + Frame.Overhead >= capacity)
                {
                    Submit(l1, now, frames, parts);
                    used = 1;
                }

                var length = (int)Math.Min((ulong)(channel.Data.Length - offset), capacity - used - Frame.Overhead);
                var frame = new Frame(channel.Id, number++, channel.Data.AsSpan(offset, length).ToArray(), offset + length == channel.Data.Length);
                offset += length;
                frames.Add(frame);
                AddPart(parts, channel, (ulong)frame.EncodedLength);
                used += (ulong)frame.EncodedLength;
            }
            while (offset < channel.Data.Length);
        }

        Submit(l1, now, frames, parts);
        _channels.Clear();
    }

    /// <inheritdoc />
    void IL1PostingOwner.OnIncluded(L1Posting posting, ulong block, SimDuration time, UInt128 blobFee, UInt128 executionFee)
    {
        Postings++;
        Blobs += posting.Blobs;
        var parts = _postings[posting];
        _postings.Remove(posting);
        var spec = _members[0].Batcher!.L1.Spec;

        // The block's prices, exactly: the posting paid blobs × GAS_PER_BLOB × blob base fee and gas × base fee.
        var blobBaseFee = posting.Blobs == 0 ? UInt128.Zero : blobFee / ((UInt128)posting.Blobs * spec.GasPerBlob);
        var baseFee = executionFee / posting.Gas;
        var (blobShares, executionShares) = Shares(parts, block, time, blobFee, executionFee, posting.Blobs);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var totals = _totals[part.Member];
            totals.Bytes += part.Bytes;
            totals.Paid = checked(totals.Paid + blobShares[i] + executionShares[i]);
            var alone = DaCost.ForBlobs(spec, 1 + part.Bytes, baseFee, blobBaseFee);
            totals.Alone = checked(totals.Alone + alone.Total);
            var batcher = part.Batcher;
            batcher.Metrics.PostedBytes += part.Bytes;
            batcher.Paid(posting.Blobs, posting.Gas, blobShares[i], executionShares[i]);
            foreach (var batch in part.Batches)
            {
                batcher.OnPostingLanded(batch, time);
            }
        }
    }

    /// <summary>The result for the report.</summary>
    public DataAggregationResult Collect() =>
        new(Postings, Blobs, [.. _members.Select((m, i) => new AggregatedRollupDa(m.Model.Name, _totals[i].Bytes, _totals[i].Paid, _totals[i].Alone) { Split = Split })]) { Split = Split };

    // Each part's blob fee and execution fee, by the sequencer's rule.
    private (UInt128[] Blob, UInt128[] Execution) Shares(List<Part> parts, ulong block, SimDuration time, UInt128 blobFee, UInt128 executionFee, ulong blobs)
    {
        switch (Split)
        {
            case DaCostSplitRule.Equal:
                return (DaCostSplit.Equal(blobFee, parts.Count), DaCostSplit.Equal(executionFee, parts.Count));
            case DaCostSplitRule.Hooked:
                var view = new CostSplitView(
                    Name,
                    block,
                    time.Microseconds,
                    blobFee,
                    executionFee,
                    blobs,
                    parts.Select(p => _members[p.Member].Model.Name),
                    parts.Select(p => p.Bytes),
                    parts.Select(p => p.Batches.Sum(b => (long)b.SubmitTimes.Length)));
                UInt128[] shares;
                try
                {
                    shares = _rule!.Split(view);
                }
                catch (Exception e) when (e is not (Simulation.RuleFailedException or OutOfMemoryException))
                {
                    // The hook's own diagnostic, with the simulated time and block only the engine knows.
                    var first = _members[parts[0].Member];
                    throw new Simulation.RuleFailedException(first.Model.Name, time, first.Metrics.Blocks, e);
                }

                return DaCostSplit.Apportion(shares, blobFee, executionFee);
            default:
                var bytes = parts.Select(p => p.Bytes).ToArray();
                return (DaCostSplit.ByBytes(blobFee, bytes), DaCostSplit.ByBytes(executionFee, bytes));
        }
    }

    private void AddPart(List<Part> parts, Channel channel, ulong bytes)
    {
        var member = _members.IndexOf(channel.Batcher.Chain);
        var part = parts.Find(p => p.Member == member);
        if (part is null)
        {
            part = new Part(member, channel.Batcher);
            parts.Add(part);
        }

        part.Bytes += bytes;
        if (!part.Batches.Contains(channel.Batch))
        {
            part.Batches.Add(channel.Batch);
            channel.Batch.Remaining++;
        }
    }

    private void Submit(L1Chain l1, SimDuration now, List<Frame> frames, List<Part> parts)
    {
        if (frames.Count == 0)
        {
            return;
        }

        var data = ChannelFrames.EncodeTransactionData(frames);
        var first = parts[0].Batcher;

        // The posting's own PendingBatch is unused: the parts carry the rollups' batches.
        var posting = new L1Posting(this, first.Index, Name, now, DaTarget.Blobs, data, DaCost.BlobsNeeded(l1.Spec, (ulong)data.Length), l1.Spec.TransactionBaseGas, new PendingBatch([], 1))
        {
            SharedBy = [.. parts.Select(p => p.Batcher.Index)],
        };
        _postings.Add(posting, [.. parts]);
        l1.Submit(posting);
        frames.Clear();
        parts.Clear();
    }

    private sealed record Channel(Batcher Batcher, ChannelId Id, byte[] Data, PendingBatch Batch);

    private sealed class Part(int member, Batcher batcher)
    {
        public int Member { get; } = member;

        public Batcher Batcher { get; } = batcher;

        public ulong Bytes { get; set; }

        public List<PendingBatch> Batches { get; } = [];
    }

    private sealed class Totals
    {
        public ulong Bytes { get; set; }

        public UInt128 Paid { get; set; }

        public UInt128 Alone { get; set; }
    }
}
