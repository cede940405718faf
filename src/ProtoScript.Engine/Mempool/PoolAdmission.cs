using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Mempool;

/// <summary>
/// The checks a rollup's sequencer runs on a user's transaction when it arrives, in this order:
/// proof of work, the sender's rate limit, its nonce (a pending one's nonce is a replacement, which
/// must raise the fee by the replacement bump), the per-sender cap, and the pool's cap (a full pool
/// evicts its cheapest transaction for a better one). A refused transaction never enters the pool;
/// every outcome is counted for the rollup and for the sender's population.
/// </summary>
/// <remarks>
/// The checks are the built-in admission rules. A rule of one's own that can be decided when the
/// transaction is about to go into a block is the rollup's <c>validity</c> hook: it sees the
/// transaction, its sender's history and the time, and a refusal drops it as
/// <c>rejected_by_validity_rule</c>.
/// </remarks>
internal sealed class PoolAdmission
{
    private readonly RollupChain _chain;
    private readonly MempoolModel _model;
    private readonly ulong _bumpBasisPoints;
    private readonly Queue<long>?[] _admittedAt;

    public PoolAdmission(RollupChain chain, MempoolModel model, PopulationLedger? populations)
    {
        _chain = chain;
        _model = model;
        Populations = populations;
        _bumpBasisPoints = (ulong)Math.Round(model.ReplacementBump * 10_000, MidpointRounding.ToEven);
        _admittedAt = model.RateLimit > 0 ? new Queue<long>?[chain.State.Count] : [];
    }

    /// <summary>Where the outcomes are counted per population, or null.</summary>
    public PopulationLedger? Populations { get; }

    /// <summary>Checks <paramref name="tx"/>, which reaches the sequencer at <paramref name="now"/>, and admits it to the pool or refuses it.</summary>
    /// <returns>The reason it was refused, or null when it was admitted.</returns>
    public RejectReason? Submit(in Transaction tx, SimDuration now)
    {
        Populations?.Sent(tx.From);
        var refused = Check(in tx, now);
        if (refused is { } reason)
        {
            _chain.Metrics.AddRejected(reason);
            Populations?.Rejected(tx.From, reason);
            return reason;
        }

        Populations?.Admitted(tx.From);
        if (_model.RateLimit > 0)
        {
            (_admittedAt[tx.From] ??= new Queue<long>()).Enqueue(now.Microseconds);
        }

        return null;
    }

    private RejectReason? Check(in Transaction tx, SimDuration now)
    {
        if (!PowStamp.IsValid(in tx, _model.PowDifficulty))
        {
            return RejectReason.Pow;
        }

        if (_model.RateLimit > 0 && !WithinRate(tx.From, now))
        {
            return RejectReason.RateLimit;
        }

        var pool = _chain.Pool;
        var pending = _chain.PendingNonce(tx.From);
        if (tx.Nonce > pending || tx.Nonce < _chain.State.Nonce(tx.From))
        {
            return RejectReason.NonceGap;
        }

        if (tx.Nonce < pending)
        {
            if (!pool.TryReplace(in tx, _bumpBasisPoints, out var replaced))
            {
                return RejectReason.UnderpricedReplacement;
            }

            _chain.Metrics.AddRejected(RejectReason.Replaced);
            Populations?.Rejected(replaced.From, RejectReason.Replaced);
            return null;
        }

        if (_model.MaxPerSender > 0 && pool.PendingCount(tx.From) >= _model.MaxPerSender)
        {
            return RejectReason.SenderCap;
        }

        if (_model.MaxPending > 0 && pool.Count >= _model.MaxPending)
        {
            if (!pool.TryEvictCheapest(tx.From, tx.PriorityFeePerGas, out var evicted))
            {
                return RejectReason.PoolFull;
            }

            _chain.Metrics.AddRejected(RejectReason.Evicted);
            Populations?.Rejected(evicted.From, RejectReason.Evicted);
        }

        pool.Add(in tx, pending);
        return null;
    }

    private bool WithinRate(int sender, SimDuration now)
    {
        if (_admittedAt[sender] is not { } times)
        {
            return true;
        }

        // A sliding window: admissions in (now - window, now] count.
        var since = now.Microseconds - _model.RateWindow.Microseconds;
        while (times.Count > 0 && times.Peek() <= since)
        {
            times.Dequeue();
        }

        return times.Count < _model.RateLimit;
    }
}
