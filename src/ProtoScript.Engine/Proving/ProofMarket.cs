using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Proving;

/// <summary>How a market prover prices its bid for one job; a C# <c>bid</c> hook implements it too.</summary>
public interface IProverBidRule
{
    /// <summary>The bid in wei for the job and prover state of <paramref name="auction"/>.</summary>
    UInt128 Bid(ProverBidView auction);
}

/// <summary><c>bid = cost_plus { margin = M }</c>: cost × (10 000 + M bp) / 10 000, rounded down to the wei.</summary>
public sealed class CostPlusBidRule(int marginBasisPoints) : IProverBidRule
{
    /// <inheritdoc />
    public UInt128 Bid(ProverBidView auction)
    {
        ArgumentNullException.ThrowIfNull(auction);
        return auction.Cost * (uint)(10_000 + marginBasisPoints) / 10_000;
    }
}

/// <summary>
/// <c>bid = load { base_margin = B  per_job = J }</c>: cost × (10 000 + B + J × held) / 10 000,
/// rounded down to the wei, where held is the jobs the prover is proving or holds waiting.
/// </summary>
public sealed class LoadBidRule(int baseBasisPoints, int perJobBasisPoints) : IProverBidRule
{
    /// <inheritdoc />
    public UInt128 Bid(ProverBidView auction)
    {
        ArgumentNullException.ThrowIfNull(auction);
        var margin = (UInt128)(ulong)(10_000 + baseBasisPoints) + ((UInt128)(ulong)perJobBasisPoints * (ulong)auction.Held);
        return auction.Cost * margin / 10_000;
    }
}

/// <summary>
/// A proof market of named provers, each with its capacity (jobs proven at once), speed, own
/// cost and bidding rule. A job is auctioned when it is ready; a prover's bid is valid when it
/// can take the job: a slot is free, or it holds fewer than <c>queue</c> jobs waiting. The lowest
/// valid bid wins (ties: the prover that starts sooner, then the one written first) and is paid
/// its bid. When no bid is valid (every prover saturated), the auction clears at the first
/// instant one becomes valid, and the job waits until then.
/// </summary>
public sealed class ProofMarket : IProverSelection
{
    /// <summary>How many clearing prices a bid hook sees.</summary>
    public const int RecentPrices = 16;

    private readonly MarketProver[] _provers;
    private readonly int _queueLimit;
    private readonly Queue<UInt128> _recent = new();

    /// <summary>The market of <paramref name="model"/>'s named provers; <paramref name="hooks"/> holds the rule of each prover whose bid is a C# hook (by index; null for the others).</summary>
    /// <exception cref="ArgumentException">A prover bids with a hook and no rule was given for it.</exception>
    public ProofMarket(ProversModel model, IReadOnlyList<IProverBidRule?>? hooks)
    {
        ArgumentNullException.ThrowIfNull(model);
        var provers = model.Selection.MarketProvers;
        _queueLimit = model.Selection.QueueLimit;
        _provers = new MarketProver[provers.Length];
        for (var i = 0; i < provers.Length; i++)
        {
            var p = provers[i];
            IProverBidRule rule = p.Bid switch
            {
                ProverBidKind.CostPlus => new CostPlusBidRule(p.MarginBasisPoints),
                ProverBidKind.Load => new LoadBidRule(p.MarginBasisPoints, p.PerJobBasisPoints),
                _ => (hooks is not null && i < hooks.Count ? hooks[i] : null) ?? throw new ArgumentException(
                    $"Market prover {p.Name} bids with a C# hook but the run was given no compiled rule for it.", nameof(hooks)),
            };
            _provers[i] = new MarketProver(p, rule);
        }
    }

    /// <inheritdoc />
    public string Name => "market";

    /// <inheritdoc />
    public ProofOutcome Prove(in ProofJob job, ProverPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var ready = job.ReadyMicroseconds;
        foreach (var p in _provers)
        {
            p.Forget(ready);
        }

        // Saturated: the auction waits for the first instant some prover can take the job.
        var cleared = long.MaxValue;
        foreach (var p in _provers)
        {
            cleared = Math.Min(cleared, p.ValidFrom(ready, _queueLimit));
        }

        var view = new ProofBlockView(job.Rollup, job.Block, job.Transactions, job.Gas, KindName(job.Kind), ready);
        var recent = _recent.ToArray();
        var winner = -1;
        UInt128 best = 0;
        UInt128 bestCost = 0;
        long bestStart = 0;
        for (var i = 0; i < _provers.Length; i++)
        {
            var p = _provers[i];
            if (p.ValidFrom(cleared, _queueLimit) > cleared)
            {
                continue;
            }

            var cost = p.CostOf(in job);
            var bid = p.Rule.Bid(new ProverBidView(view, p.Model.Name, i, cost, p.Model.Capacity, p.Proving(cleared), p.Waiting(cleared), p.Won, recent));
            var start = Math.Max(cleared, p.FreeSlotAt);
            if (winner < 0 || bid < best || (bid == best && start < bestStart))
            {
                (winner, best, bestCost, bestStart) = (i, bid, cost, start);
            }
        }

        var w = _provers[winner];
        var duration = (long)Math.Round(pool.DrawProofTime(job.Kind) / w.Model.Speed, MidpointRounding.ToEven);
        var finish = checked(bestStart + duration);
        w.Take(bestStart, finish);
        var state = pool.Provers[winner];
        state.ProofsWon++;
        state.BusyUntilMicroseconds = w.FreeSlotAt;
        _recent.Enqueue(best);
        if (_recent.Count > RecentPrices)
        {
            _recent.Dequeue();
        }

        return new ProofOutcome(winner, bestStart, finish, best, 0, 0) { ProverCost = bestCost, ClearedMicroseconds = cleared };
    }

    private static string KindName(ProofJobKind kind) => kind switch
    {
        ProofJobKind.Transaction => "transaction",
        ProofJobKind.Aggregation => "aggregation",
        _ => "block",
    };

    /// <summary>One named prover's slots and the jobs it holds.</summary>
    private sealed class MarketProver(MarketProverModel model, IProverBidRule rule)
    {
        private readonly long[] _slots = new long[model.Capacity];

        // The jobs it holds that have not finished, as (start, finish), in the order it won them.
        private readonly List<(long Start, long Finish)> _held = [];

        public MarketProverModel Model { get; } = model;

        public IProverBidRule Rule { get; } = rule;

        public long Won { get; private set; }

        /// <summary>When its earliest slot is free: a job it wins now starts no earlier.</summary>
        public long FreeSlotAt => _slots.Min();

        /// <summary>
        /// Drops the jobs finished by <paramref name="now"/>. Jobs are auctioned in the order they
        /// come, and a few (aggregations) are ready before one auctioned earlier: for those the
        /// load counts only what was held at the later time.
        /// </summary>
        public void Forget(long now) => _held.RemoveAll(h => h.Finish <= now);

        public int Proving(long now) => _held.Count(h => h.Start <= now && h.Finish > now);

        public int Waiting(long now) => _held.Count(h => h.Start > now);

        /// <summary>The first instant from <paramref name="now"/> at which it can take a job: a slot free, or fewer than <paramref name="limit"/> jobs waiting.</summary>
        public long ValidFrom(long now, int limit)
        {
            var free = FreeSlotAt;
            if (free <= now)
            {
                return now;
            }

            if (limit == 0)
            {
                return free;
            }

            // Waiting jobs start in the order won; it is valid once all but limit − 1 have started.
            var waiting = _held.Where(h => h.Start > now).Select(h => h.Start).Order().ToList();
            return waiting.Count < limit ? now : waiting[waiting.Count - limit];
        }

        /// <summary>Its cost for <paramref name="job"/>: per block for a block or aggregation job, per transaction for each transaction proven.</summary>
        public UInt128 CostOf(in ProofJob job) => (Model.CostScope, job.Kind) switch
        {
            (ProvingScope.Block, ProofJobKind.Block or ProofJobKind.Aggregation) => Model.Cost,
            (ProvingScope.Transaction, ProofJobKind.Block) => Model.Cost * (uint)job.Transactions,
            (ProvingScope.Transaction, ProofJobKind.Transaction) => Model.Cost,
            _ => UInt128.Zero,
        };

        /// <summary>Takes a won job into its earliest free slot.</summary>
        public void Take(long start, long finish)
        {
            var slot = Array.IndexOf(_slots, _slots.Min());
            _slots[slot] = finish;
            _held.Add((start, finish));
            Won++;
        }
    }
}
