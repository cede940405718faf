using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Simulation;

namespace ProtoScript.Engine.Ordering;

/// <summary>
/// Wraps a rule supplied from outside the engine (a hook) so that an exception from it says
/// when and where in the simulation it happened. Built-in rules are not wrapped.
/// </summary>
internal sealed class FaultReportingOrderingRule(IOrderingRule inner, string rollup, SimClock clock, Func<long> block) : IOrderingRule
{
    public string Name => inner.Name;

    public int Compare(in Transaction x, in Transaction y)
    {
        try
        {
            return inner.Compare(x, y);
        }
        catch (Exception e) when (e is not (RuleFailedException or OutOfMemoryException))
        {
            throw new RuleFailedException(rollup, clock.Now, block(), e);
        }
    }
}
