using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Validity;

/// <summary>Finds the validity rule of a rollup for a run.</summary>
internal static class ValidityRules
{
    /// <summary>The rollup's gate, or null when it has no validity hook.</summary>
    /// <exception cref="ArgumentException">The rollup has a hook but the run was given no compiled rule for it.</exception>
    public static ValidityGate? Gate(RollupModel rollup, IRuleProvider? rules, int accounts)
    {
        if (RuleRegistry.TransactionValidity.Resolve(rollup, rules) is not { } rule)
        {
            return null;
        }

        return new ValidityGate(rule, accounts, rollup.Name, wrapFailures: true);
    }
}
