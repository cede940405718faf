using ProtoScript.Engine.Chains;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bundles;

/// <summary>
/// How a shared sequencer or builder that holds every rollup of a path lands its bundles: all
/// legs in one slot, section by section in path order (so <c>A→B→A</c> runs on A, then B, then A
/// again: a call and its callback). A producer that checks (a builder with <c>simulate = cross_chain</c>,
/// a sequencer with <c>executes = true</c>) simulates the whole bundle first and drops it whole when
/// any leg would fail — atomic execution; one that only orders includes the legs unchecked — atomic
/// inclusion — so a leg that fails ends the bundle with the earlier legs executed.
/// </summary>
/// <param name="tipActor">Who the legs' tips are booked to.</param>
/// <param name="checksLegs">Whether it simulates before including.</param>
internal sealed class PathBundleExecution(FeeActor tipActor, bool checksLegs)
{
    private readonly PathLegRunner _runner = new(tipActor, sameSlot: true);
    private readonly PathBundleSimulator _simulator = new();

    /// <summary>Bundles included with every leg.</summary>
    public long Included { get; private set; }

    /// <summary>Bundles dropped before inclusion because a leg would fail.</summary>
    public long Dropped { get; private set; }

    /// <summary>The tips of the legs included, in wei.</summary>
    public UInt128 Tips => _runner.Tips;

    /// <summary>Lands <paramref name="bundle"/> in the blocks open at <paramref name="now"/>.</summary>
    public void Include(PathBundle bundle, SimDuration now)
    {
        var statistics = bundle.Statistics;
        if (checksLegs && _simulator.Check(bundle, now) is { } wouldFail)
        {
            Dropped++;
            statistics.OnDropped(wouldFail);
            if (bundle.Carries)
            {
                bundle.Chains[0].CrossChain!.Hub.Metrics.Dropped++;
            }

            bundle.OnDropped?.Invoke(wouldFail);
            return;
        }

        var failed = false;
        for (var leg = 0; leg < bundle.Legs; leg++)
        {
            if (_runner.Run(bundle, leg, now, out var locked) is { } failure)
            {
                statistics.OnLegFailed(leg, failure, locked);
                failed = true;

                // Independent legs are included together but revert apart: the next still runs.
                if (bundle.Carries)
                {
                    return;
                }
            }
        }

        if (failed)
        {
            return;
        }

        Included++;
        statistics.OnIncluded(now - bundle.SubmitTime);
    }
}
