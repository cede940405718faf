using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Results;

using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// Messages between the rollups of one run, without a shared sequencer: a message executes on
/// its source rollup (the value leaves it), waits until the source batch that carries it has
/// landed on L1 — only then can the destination trust that the source block is final — and is
/// credited at the top of the first destination block sealed strictly after that L1 block.
/// </summary>
/// <remarks>
/// Each rollup gets one <see cref="RollupCrossChain"/> endpoint. Messages are delivered in the
/// order they became trusted, which is their send order per source; confirmations happen in
/// time order, so every queue stays ordered without sorting.
/// </remarks>
public sealed class CrossChainHub
{
    // Filled by Connect as each rollup is built, in any order; complete before the run starts.
    private readonly RollupCrossChain[] _endpoints;
    private readonly RollupChain[] _rollups;
    private ulong _nextId;

    /// <summary>
    /// Creates the hub of <paramref name="rollups"/> rollups, before they exist: each rollup
    /// gets its endpoint, as <see cref="RollupChain.CrossChain"/>, from <see cref="Connect"/> when
    /// it is built, since the hub and every endpoint refer to the rollups and each rollup to its endpoint.
    /// </summary>
    /// <param name="rollups">How many rollups the run has.</param>
    /// <param name="trustDelay">How long after the source batch lands on L1 a destination trusts it: zero, or the L1's finality.</param>
    /// <param name="soft">Whether destinations trust a message once its source block is sealed, before any batch (<c>cross_chain_trust = soft</c>).</param>
    /// <param name="proof">Whether destinations trust a message once the proof of its source block is verified on L1 (<c>cross_chain_trust = validity_proof</c>); every source must be proven.</param>
    public CrossChainHub(int rollups, SimDuration trustDelay = default, bool soft = false, bool proof = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rollups);
        TrustDelay = trustDelay;
        TrustsSoft = soft;
        TrustsProof = proof;
        _endpoints = new RollupCrossChain[rollups];
        _rollups = new RollupChain[rollups];
    }

    /// <summary>
    /// The endpoint of rollup <paramref name="index"/> as a part of that rollup
    /// (<see cref="RollupParts.CrossChain"/>): the rollup makes it once, when it is built.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not one of the hub's rollups.</exception>
    public Func<RollupChain, RollupCrossChain> Connect(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _rollups.Length);
        return chain =>
        {
            ArgumentNullException.ThrowIfNull(chain);
            if (_rollups[index] is not null)
            {
                throw new InvalidOperationException(FormattableString.Invariant($"Rollup {index} is already connected to the hub."));
            }

            _rollups[index] = chain;
            return _endpoints[index] = new RollupCrossChain(this, chain, index);
        };
    }

    /// <summary>How long after the source batch lands on L1 a destination trusts its messages.</summary>
    public SimDuration TrustDelay { get; }

    /// <summary>Whether destinations trust a message on its source block's soft confirmation.</summary>
    public bool TrustsSoft { get; }

    /// <summary>Whether destinations trust a message once the proof of its source block is verified on L1.</summary>
    public bool TrustsProof { get; }

    /// <summary>The run's counters.</summary>
    public CrossChainMetrics Metrics { get; } = new();

    /// <summary>The endpoint of rollup <paramref name="index"/>.</summary>
    public RollupCrossChain Endpoint(int index) => _endpoints[index];

    /// <summary>The rollup at <paramref name="index"/>.</summary>
    internal RollupChain Rollup(int index) => _rollups[index];

    internal ulong NextId() => _nextId++;

    /// <summary>The id the next message will get.</summary>
    internal ulong PeekId() => _nextId;

    /// <summary>Takes back the ids a discarded block candidate's messages took, so the next message gets the id it would have.</summary>
    internal void ResetNextId(ulong id) => _nextId = id;

    /// <summary>The shared sequencer or builder that produces the blocks of both rollups, or null.</summary>
    internal Sequencing.SlotCoordinator? CoordinatorOf(int source, int destination) =>
        Coordinators.FirstOrDefault(s => s.Sequences(_rollups[source]) && s.Sequences(_rollups[destination]));

    /// <summary>The path bundles going hop by hop, or null when the workload sends none.</summary>
    internal Bundles.AsynchronousBundles? Bundles { get; set; }

    /// <summary>The run's shared sequencers and builders, which take same-slot bundles.</summary>
    internal List<Sequencing.SlotCoordinator> Coordinators { get; } = [];

    /// <summary>The immutable summary at the end of the run, with the conservation check over all rollups.</summary>
    public CrossChainResult Collect()
    {
        var pending = 0L;
        UInt128 inFlight = 0;
        foreach (var endpoint in _endpoints)
        {
            foreach (var message in endpoint.InFlight)
            {
                if (message.Revoked)
                {
                    continue;
                }

                pending++;
                inFlight += message.Value;
            }
        }

        // Every wei of genesis, minted by a deposit or issued is in an account, burned (only what
        // the fee settlement really burned: base fees paid to a role stay in its account),
        // withdrawn to L1, on its way between rollups, or locked by a failed delivery.
        UInt128 created = 0;
        // A soft-trusted message credited and then reorged out at its source was paid out by the
        // destination with value the source no longer sent: the bridge's shortfall.
        UInt128 accounted = inFlight + Metrics.ValueFailed;
        foreach (var chain in _rollups)
        {
            created += chain.InitialSupply + chain.Bridge.Deposited + chain.Issued;
            accounted += chain.State.TotalBalance() + chain.Burned + chain.Bridge.Withdrawn;
        }

        return new CrossChainResult(
            Metrics.Sent,
            Metrics.Delivered,
            Metrics.Failed,
            pending,
            Metrics.AtomicFailures,
            Metrics.Latency.Summarize())
        {
            Dropped = Metrics.Dropped,
            ValueSent = Metrics.ValueSent,
            ValueDelivered = Metrics.ValueDelivered,
            ValueInFlight = inFlight,
            ValueFailed = Metrics.ValueFailed,
            Conserved = created + Metrics.ValueSoftFailed == accounted,
            SoftTrust = TrustsSoft ? new SoftTrustResult(Metrics.SourceReorged, Metrics.SoftFailed, Metrics.ValueSoftFailed)
            {
                ByWithholding = Metrics.SourceReorgedBy[(int)Sequencing.ReorgCause.Withholding],
                ByEquivocation = Metrics.SourceReorgedBy[(int)Sequencing.ReorgCause.Equivocation],
                ByDependentRollback = Metrics.SourceReorgedBy[(int)Sequencing.ReorgCause.DependentRollback],
                CreditsUndone = Metrics.CreditsUndone,
                BlocksRolledBack = _endpoints.Sum(e => e.BlocksRolledBack),
                TransactionsReincluded = _endpoints.Sum(e => e.TransactionsReincluded),
            } : null,
        };
    }

    /// <summary>The value of the messages in flight (sent, neither credited nor locked) that <paramref name="match"/> selects.</summary>
    internal UInt128 ValueInFlight(Func<CrossChainMessage, bool> match)
    {
        UInt128 value = 0;
        foreach (var endpoint in _endpoints)
        {
            foreach (var message in endpoint.InFlight)
            {
                if (!message.Revoked && match(message))
                {
                    value += message.Value;
                }
            }
        }

        return value;
    }

    /// <summary>Queues a trusted message for its destination.</summary>
    internal void Route(CrossChainMessage message) => _endpoints[message.Destination].Enqueue(message);

    /// <summary>
    /// Under <c>validity_proof</c> trust, before a block opens at <paramref name="now"/>: routes
    /// every message whose source proof was verified strictly before it, earliest verification
    /// first (ties by source), so each destination's inbox stays in trust order although the
    /// sources' proofs are verified at unrelated times.
    /// </summary>
    internal void ReleaseVerified(SimDuration now)
    {
        while (true)
        {
            RollupCrossChain? first = null;
            var firstAt = now;
            foreach (var endpoint in _endpoints)
            {
                if (endpoint.NextVerified is { } at && at < firstAt)
                {
                    (first, firstAt) = (endpoint, at);
                }
            }

            if (first is null)
            {
                return;
            }

            Route(first.TakeVerified());
        }
    }

    /// <summary>The delivery transaction a destination block carries for <paramref name="message"/>.</summary>
    internal static Transaction Delivery(CrossChainMessage message, SimDuration blockTime) =>
        new(message.From, message.To, message.Value, message.Id, 0, 0, blockTime)
        {
            Kind = TransactionKind.CrossChainDelivery,
            PeerRollup = message.Source,
        };
}
