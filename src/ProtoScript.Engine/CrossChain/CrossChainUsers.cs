using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.CrossChain;

/// <summary>
/// Turns a share of a user stream's arrivals on one rollup into cross-chain transfers to
/// another rollup of the same stream (chosen uniformly), to a uniformly chosen user there.
/// </summary>
/// <remarks>
/// The decision, sender, destination and recipient draw from their own stream
/// (<c>…/cross-chain</c>); value and fee come from the stream's value and fee streams, so
/// cross-chain transfers have the same value and fee distributions as local ones. A share of
/// 0 draws nothing, so scenarios without cross-chain traffic keep their exact draws.
/// </remarks>
public sealed class CrossChainUsers
{
    private readonly double _share;
    private readonly RollupChain _source;
    private readonly ImmutableArray<RollupCrossChain> _destinations;
    private readonly RandomStream _choices;

    /// <summary>Creates the cross-chain traffic of one stream on <paramref name="source"/>.</summary>
    /// <param name="share">The share of arrivals that are cross-chain, 0 to 1.</param>
    /// <param name="source">The rollup the users send on.</param>
    /// <param name="destinations">The stream's other rollups.</param>
    /// <param name="random">The run's random tree.</param>
    /// <param name="randomPath">The stream's path in the tree.</param>
    public CrossChainUsers(double share, RollupChain source, ImmutableArray<RollupCrossChain> destinations, RandomTree random, string randomPath)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(random);
        if (destinations.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A cross-chain stream needs at least one destination rollup.", nameof(destinations));
        }

        _share = share;
        _source = source;
        _destinations = destinations;
        _choices = random.Stream(randomPath + "/cross-chain");
    }

    /// <summary>The hub, to route bundles to a shared sequencer or builder of both rollups; null sends every transfer as an asynchronous message.</summary>
    internal CrossChainHub? Hub { get; init; }

    /// <summary>Decides whether this arrival is cross-chain and, if so, submits it on the source.</summary>
    /// <returns>True when a cross-chain transfer was sent (the arrival is used up).</returns>
    public bool TrySend(SimDuration now, UserStreamModel stream, RandomStream values, RandomStream fees)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fees);
        if (!(_choices.NextDouble() < _share))
        {
            return false;
        }

        var from = _choices.NextInt(_source.UserAccounts);
        var destination = _destinations[_destinations.Length == 1 ? 0 : _choices.NextInt(_destinations.Length)];
        var to = _choices.NextInt(destination.Chain.UserAccounts);
        var value = DistributionSampler.SampleWei(stream.Value, values);
        var fee = DistributionSampler.SampleWei(stream.PriorityFee, fees);
        var tx = new Transaction(from, to, value, _source.PendingNonce(from), fee, Transaction.CrossChainGas, now)
        {
            Kind = TransactionKind.CrossChainMessage,
            PeerRollup = destination.Index,
        };
        if (_source.CrossChain is { } endpoint && Hub?.CoordinatorOf(endpoint.Index, destination.Index) is { } coordinator)
        {
            // One block producer for both rollups: the transfer is a same-slot bundle, not a mempool transaction.
            _source.Metrics.Submitted++;
            coordinator.Submit(Transfer(in tx, endpoint.Index, destination.Chain));
            return true;
        }

        _source.Submit(in tx);
        return true;
    }

    /// <summary>
    /// A same-slot transfer as a bundle of two legs: the source leg on this rollup, then the
    /// destination leg on <paramref name="destination"/>, paid there by the account of the sender's
    /// index with the same tip (its message id and time are stamped at inclusion).
    /// </summary>
    private Sequencing.Bundle Transfer(in Transaction source, int sourceIndex, RollupChain destination)
    {
        var delivery = new Transaction(source.From, source.To, source.Value, 0, source.PriorityFeePerGas, Transaction.CrossChainGas, source.SubmitTime)
        {
            Kind = TransactionKind.CrossChainDelivery,
            PeerRollup = sourceIndex,
        };
        return new Sequencing.Bundle([new Sequencing.SlotSection(_source, [source]), new Sequencing.SlotSection(destination, [delivery])], source.SubmitTime);
    }
}
