using System.Collections.Immutable;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>The verifier's one event.</summary>
public enum ProofVerifierEvent
{
    /// <summary>An interval ends: the proofs ready are aggregated and sent to L1.</summary>
    Verify,
}

/// <summary>
/// Verifies the proofs of one <c>provers</c> block's rollups on L1 (<c>verification { ... }</c>).
/// Every <c>every</c> it takes, per rollup, the blocks whose proofs are ready, in order from the
/// first not yet verified (an L1 verification proves a prefix of the chain). With
/// <c>aggregation</c> their proofs are combined by a tree of aggregation jobs on the provers,
/// all ready at the tick, and the root is sent as one L1 transaction of <c>gas</c>: one per
/// rollup, or with <c>across = rollups</c> one for every rollup that has proofs. Without
/// <c>aggregation</c> each block's proof is its own transaction. A transaction is an L1
/// posting like a batch: it lands in the first L1 block sealed after it is sent that has room,
/// its gas counts in the block's gas used (so it moves the base fee), and it pays gas × that
/// block's base fee. The cost of a shared verification is split equally among the rollups it
/// covers, in wei; the remainder goes a wei each to the first of them in <c>provers</c> order.
/// </summary>
internal sealed class ProofVerifier : SimProcess<ProofVerifierEvent>, IL1PostingOwner
{
    private readonly ProverPool _pool;
    private readonly ImmutableArray<RollupProving> _rollups;
    private readonly L1Chain _l1;
    private readonly int _key;
    private readonly Dictionary<L1Posting, List<(RollupProving Rollup, int First, int Count)>> _sent = new(ReferenceEqualityComparer.Instance);
    private readonly List<long> _leaves = [];

    /// <summary>Verifies for <paramref name="rollups"/>, the rollups of <paramref name="pool"/> in its order.</summary>
    /// <param name="pool">The provers that aggregate.</param>
    /// <param name="index">The block's position among the scenario's <c>provers</c> blocks; orders its postings after the batches sent at the same instant.</param>
    /// <param name="rollups">The proving of each rollup of the block, in the block's order.</param>
    /// <param name="l1">Where the verifications go.</param>
    public ProofVerifier(ProverPool pool, int index, ImmutableArray<RollupProving> rollups, L1Chain l1)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(l1);
        _pool = pool;
        _rollups = rollups;
        _l1 = l1;
        Model = pool.Model.Verification ?? throw new ArgumentException("the provers verify nothing on L1", nameof(pool));
        if (Model.AcrossRollups && pool.Model.Aggregation is null)
        {
            // The binder refuses it (PS3005): without aggregation there is no one proof to share.
            throw new ArgumentException("a verification across rollups needs the provers' aggregation", nameof(pool));
        }
        _key = int.MaxValue - index;
    }

    /// <summary>The verification's description.</summary>
    public ProofVerificationModel Model { get; }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.BatchPosting;

    /// <summary>Schedules the first interval's end.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleAfter(Model.Every, this, ProofVerifierEvent.Verify);
    }

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, ProofVerifierEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Verify(scheduler.Now.Microseconds);
        scheduler.ScheduleAfter(Model.Every, this, ProofVerifierEvent.Verify);
    }

    /// <summary>Sends the verifications of the proofs ready at <paramref name="now"/> (microseconds).</summary>
    internal void Verify(long now)
    {
        var tree = _pool.Model.Aggregation;
        if (Model.AcrossRollups)
        {
            var covered = new List<(RollupProving Rollup, int First, int Count)>();
            foreach (var rollup in _rollups)
            {
                if (rollup.ReadyAfterSubmitted(now) is var count and > 0)
                {
                    covered.Add((rollup, rollup.Submitted, count));
                    rollup.Submit(count);
                }
            }

            if (covered.Count > 0)
            {
                var names = string.Join(",", covered.Select(c => c.Rollup.Name));
                var total = covered.Sum(c => c.Count);
                var (root, jobs) = Aggregate(tree!, names, total, now); // the constructor checked the tree
                covered[0].Rollup.RecordVerificationJobs(jobs);
                Send(root, covered);
            }

            return;
        }

        foreach (var rollup in _rollups)
        {
            var count = rollup.ReadyAfterSubmitted(now);
            if (count == 0)
            {
                continue;
            }

            var first = rollup.Submitted;
            rollup.Submit(count);
            if (tree is null)
            {
                for (var i = 0; i < count; i++)
                {
                    Send(now, [(rollup, first + i, 1)]);
                }

                continue;
            }

            var (root, jobs) = Aggregate(tree, rollup.Name, count, now);
            rollup.RecordVerificationJobs(jobs);
            Send(root, [(rollup, first, count)]);
        }
    }

    private (long Root, long Jobs) Aggregate(ProofAggregationModel tree, string names, int proofs, long now)
    {
        _leaves.Clear();
        for (var i = 0; i < proofs; i++)
        {
            _leaves.Add(now);
        }

        var (root, _, jobs) = AggregationTree.Reduce(_leaves, tree.Arity, ready =>
        {
            var job = new ProofJob(ProofJobKind.Aggregation, names, 0, 0, 0, ready, 0);
            return _pool.Selection.Prove(in job, _pool).FinishMicroseconds;
        });
        return (root, jobs);
    }

    private void Send(long at, List<(RollupProving Rollup, int First, int Count)> covered)
    {
        var posting = new L1Posting(this, _key, covered[0].Rollup.Name, new SimDuration(at), DataAvailability.DaTarget.Calldata, [], 0, Model.Gas, new PendingBatch([], 1))
        {
            IsVerification = true,
        };
        _sent.Add(posting, covered);
        _l1.Submit(posting);
    }

    void IL1PostingOwner.OnIncluded(L1Posting posting, ulong block, SimDuration time, UInt128 blobFee, UInt128 executionFee)
    {
        if (!_sent.Remove(posting, out var covered))
        {
            return;
        }

        var k = (uint)covered.Count;
        var share = executionFee / k;
        var remainder = executionFee % k;
        for (var i = 0; i < covered.Count; i++)
        {
            var (rollup, first, count) = covered[i];
            rollup.RecordVerification(first, count, time.Microseconds, share + ((uint)i < remainder ? UInt128.One : UInt128.Zero), executionFee, covered.Count > 1);
        }
    }
}
