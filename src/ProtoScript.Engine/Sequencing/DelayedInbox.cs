using ProtoScript.Engine.Bridge;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// Arbitrum's delayed inbox: deposits and transfers sent through L1 queue in order, each landing
/// in the next L1 block B. The sequencer reads them in order into its blocks once its L1 origin
/// reaches B, but may stop at one it censors (and so hold back the rest). A message still
/// unread once both <see cref="ForcedInclusionModel.DelayBlocks"/> L1 blocks and
/// <see cref="ForcedInclusionModel.Delay"/> have passed since B can be forced: at L1 block
/// F = B + max(N, ⌈T / slot⌉) the chain gets a forced block at F's time with every message due
/// by then. A message the sequencer reads travels in its batch as a
/// <see cref="TransactionKind.DelayedMessage"/> that names only the message's index, so derivation
/// takes its content from L1.
/// </summary>
internal sealed class DelayedInbox
{
    private readonly L1Chain _l1;
    private readonly int _rollup;
    private readonly ForcedInclusionModel _rules;
    private Queue<(L1Deposit Message, ulong Index)> _pending = new();

    // While a withholding sequencer holds blocks: the messages they read, which L1 still counts as unread.
    private List<(L1Deposit Message, ulong Index)>? _readSinceMark;
    private ulong _nextIndex;

    public DelayedInbox(L1Chain l1, int rollup, ForcedInclusionModel rules)
    {
        _l1 = l1;
        _rollup = rollup;
        _rules = rules;
    }

    /// <summary>The L1 block at which a message landing in L1 block <paramref name="landed"/> can be forced: both delays passed.</summary>
    public static ulong ForceableAt(ulong landed, ForcedInclusionModel rules, SimDuration slot)
    {
        var blocksForDelay = (ulong)((rules.Delay.Microseconds + slot.Microseconds - 1) / slot.Microseconds);
        return checked(landed + Math.Max(rules.DelayBlocks, blocksForDelay));
    }

    /// <summary>Sends a message to the inbox now; it lands in the next L1 block.</summary>
    public void Submit(int from, int to, UInt128 value, SimDuration now)
    {
        var message = new L1Deposit(_l1.HeadNumber + 1, now, _rollup, to, value) { From = from };
        _pending.Enqueue((message, _nextIndex++));
        _l1.DataLog?.AddDelayedMessage(message);
    }

    /// <summary>Reads into the block being built, in order, the messages landed by the block's origin, stopping at a censored sender.</summary>
    public void ReadIntoBlock(RollupChain chain, SequencerFaults faults, SimDuration blockTime)
    {
        var origin = _l1.HeadNumber;
        while (_pending.TryPeek(out var head) && head.Message.L1Block <= origin)
        {
            if (!head.Message.Mints && faults.Censors(head.Message.From, blockTime))
            {
                chain.ForcedInclusion.CensoredSkips++;
                return;
            }

            _pending.Dequeue();
            _readSinceMark?.Add(head);
            chain.ApplyL1Message(head.Message.ToTransaction(blockTime));

            // The batch names the message by its index; its content is on L1.
            var reference = new Transaction(0, 0, 0, head.Index, 0, 0, head.Message.SubmitTime) { Kind = TransactionKind.DelayedMessage };
            chain.NotifyIncluded(in reference);
            DepositInbox.Included(chain, head.Message, blockTime, forced: false);
        }
    }

    /// <summary>From now on, remembers the messages the sequencer's blocks read, so that <see cref="Rollback"/> can give them back.</summary>
    public void Mark() => _readSinceMark = [];

    /// <summary>The blocks since <see cref="Mark"/> were reorged out: the messages they read are unread again.</summary>
    public void Rollback()
    {
        if (_readSinceMark is { } read)
        {
            _pending = new Queue<(L1Deposit Message, ulong Index)>(read.Concat(_pending));
            _readSinceMark = null;
        }
    }

    /// <summary>The blocks since <see cref="Mark"/> are on L1 for good: forgets the mark.</summary>
    public void Unmark() => _readSinceMark = null;

    /// <summary>Since <see cref="Mark"/>: how many messages the blocks read.</summary>
    public int Position => _readSinceMark?.Count ?? 0;

    /// <summary>The blocks after <paramref name="position"/> were reorged out: the messages they read are unread again; the earlier ones stay marked.</summary>
    public void RollbackTo(int position)
    {
        if (_readSinceMark is { } read)
        {
            _pending = new Queue<(L1Deposit Message, ulong Index)>(read.Skip(position).Concat(_pending));
            read.RemoveRange(position, read.Count - position);
        }
    }

    /// <summary>
    /// When the L1 would force in the first message it counts as unread (read by no posted block),
    /// or null when there is none: at that time anyone can force it, and blocks the sequencer
    /// sealed on top of it without posting them are reorged out.
    /// </summary>
    public SimDuration? FirstForceTimeOnL1(SimDuration slot)
    {
        (L1Deposit Message, ulong Index) first;
        if (_readSinceMark is { Count: > 0 } read)
        {
            first = read[0];
        }
        else if (!_pending.TryPeek(out first))
        {
            return null;
        }

        return new SimDuration(checked((long)ForceableAt(first.Message.L1Block, _rules, slot) * slot.Microseconds));
    }

    /// <summary>Seals a forced block for every group of messages due by <paramref name="now"/>, oldest first.</summary>
    public void ForceDue(RollupChain chain, SimDuration now, SimDuration slot)
    {
        while (_pending.TryPeek(out var head))
        {
            var at = ForceableAt(head.Message.L1Block, _rules, slot);
            var due = new SimDuration(checked((long)at * slot.Microseconds));
            if (due > now)
            {
                return;
            }

            var messages = new List<L1Deposit>();
            while (_pending.TryPeek(out var next) && ForceableAt(next.Message.L1Block, _rules, slot) == at)
            {
                messages.Add(_pending.Dequeue().Message);
            }

            chain.SealForcedBlock([.. messages.Select(m => m.ToTransaction(due))], due);
            foreach (var message in messages)
            {
                DepositInbox.Included(chain, message, due, forced: true);
            }
        }
    }
}
