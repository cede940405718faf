using ProtoScript.Language.Model;

namespace ProtoScript.Language.Binding;

/// <summary>
/// What the scenario-level pass learns (the L1's name and slot, the run's duration) and the
/// rollup binders need: the batch target <c>L1NAME.blobs</c>, the sequencing window in time,
/// fault windows that must end within the run. Passed explicitly, so that a rollup cannot be
/// bound before what it depends on is known.
/// </summary>
/// <param name="L1Name">The L1's name, against which <c>to = L1NAME.blobs</c> is checked.</param>
/// <param name="SlotTime">The L1 slot time, which turns a window in L1 blocks into a time.</param>
/// <param name="RunDuration">The run's duration, or null when it is unknown (fault windows are then not checked against it).</param>
internal sealed record ScenarioContext(string L1Name, SimDuration SlotTime, SimDuration? RunDuration)
{
    /// <summary>
    /// The context of an imported rollup template, bound before (and without) any scenario:
    /// the default L1 and no run. A scenario rollup that is <c>like</c> a template binds the
    /// template's fields again in its own context, where they are checked against the real ones.
    /// </summary>
    public static ScenarioContext Template { get; } = new("ethereum", SimDuration.FromSeconds(12), null);

    /// <summary>The context of a scenario's rollups, once its L1 and duration are bound.</summary>
    public static ScenarioContext Of(L1Model l1, SimDuration? duration) => new(l1.Name, l1.SlotTime, duration);
}
