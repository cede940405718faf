using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// The settlement chain. For now it only keeps the slot rhythm; blob fees, DA batches
/// and derivation will hang off its blocks.
/// </summary>
public sealed class L1Chain : ISimProcess
{
    /// <summary>Creates the L1 of a scenario.</summary>
    public L1Chain(L1Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    /// <summary>The chain's description.</summary>
    public L1Model Model { get; }

    /// <summary>Blocks produced so far (genesis not counted).</summary>
    public long Blocks { get; private set; }

    /// <summary>The time of the latest block (zero at genesis).</summary>
    public SimDuration HeadTime { get; private set; }

    /// <summary>Schedules the first slot.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleAfter(Model.SlotTime, this);
    }

    /// <inheritdoc />
    public void OnEvent(Scheduler scheduler, int tag)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Blocks++;
        HeadTime = scheduler.Now;
        scheduler.ScheduleAfter(Model.SlotTime, this);
    }
}
