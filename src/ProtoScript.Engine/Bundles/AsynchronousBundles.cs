using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bundles;

/// <summary>
/// Path bundles that no one block producer can land in a slot go hop by hop: each leg runs at the
/// top of its rollup's next block (after the block's deliveries) and sends the value on as an
/// ordinary asynchronous cross-chain message; the next leg runs in the destination block that
/// credits that message, once the destination trusts it (its source batch is on L1). A leg that
/// fails ends the bundle there: a call whose answer never comes back.
/// </summary>
/// <remarks>
/// The legs wait per rollup in the order they became due, so every queue stays in time order
/// without sorting; bundles are matched to their messages by the run-wide message id.
/// </remarks>
internal sealed class AsynchronousBundles
{
    private readonly PathLegRunner _runner = new(Role.Sequencer, sameSlot: false);
    private readonly Dictionary<int, Queue<PathBundle>> _due = [];
    private readonly Dictionary<ulong, PathBundle> _inFlight = [];

    /// <summary>Sends <paramref name="bundle"/>: its first leg runs in the first rollup's next block.</summary>
    public void Send(PathBundle bundle, int firstIndex)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        Due(firstIndex).Enqueue(bundle);
    }

    /// <summary>
    /// Message <paramref name="id"/> was credited on rollup <paramref name="index"/> in the block at
    /// <paramref name="blockTime"/>: if it carries a bundle, the bundle's next leg is due there now,
    /// or, when that leg has nothing to do (the last leg of a transfer path), the bundle is done.
    /// </summary>
    public void Delivered(ulong id, int index, SimDuration blockTime)
    {
        if (!_inFlight.Remove(id, out var bundle))
        {
            return;
        }

        bundle.NextLeg++;
        if (bundle.UserTransactions(bundle.NextLeg) == 0)
        {
            bundle.Statistics.OnIncluded(blockTime - bundle.SubmitTime);
            return;
        }

        Due(index).Enqueue(bundle);
    }

    /// <summary>Runs the legs due on rollup <paramref name="index"/> into its block opened at <paramref name="blockTime"/>.</summary>
    public void RunDue(int index, SimDuration blockTime)
    {
        if (!_due.TryGetValue(index, out var due))
        {
            return;
        }

        while (due.TryDequeue(out var bundle))
        {
            var leg = bundle.NextLeg;
            bundle.CountSubmitted(leg);
            if (_runner.Run(bundle, leg, blockTime, out var locked) is { } failure)
            {
                bundle.Statistics.OnLegFailed(leg, failure, locked);
                continue;
            }

            if (leg == bundle.Legs - 1)
            {
                bundle.Statistics.OnIncluded(blockTime - bundle.SubmitTime);
                continue;
            }

            _inFlight.Add(bundle.LastMessage, bundle);
        }
    }

    private Queue<PathBundle> Due(int index)
    {
        if (!_due.TryGetValue(index, out var queue))
        {
            queue = new Queue<PathBundle>();
            _due.Add(index, queue);
        }

        return queue;
    }
}
