using ProtoScript.Engine.Ordering;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// Supplies a run's ordering rules that are not built in, such as a rollup's C# ordering
/// hook compiled by ProtoScript.Scripting. The engine asks it once per rollup at genesis,
/// so the engine never needs to know how a rule was produced.
/// </summary>
public interface IOrderingRuleResolver
{
    /// <summary>The rule for <paramref name="rollup"/>, or null to use its built-in <see cref="RollupModel.Ordering"/>.</summary>
    IOrderingRule? Resolve(RollupModel rollup);
}
