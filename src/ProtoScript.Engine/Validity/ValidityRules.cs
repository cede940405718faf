using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Validity;

/// <summary>Finds the validity rule of a rollup for a run.</summary>
internal static class ValidityRules
{
    /// <summary>The rollup's gate, or null when it has no validity hook.</summary>
    /// <exception cref="ArgumentException">The rollup has a hook but the run was given no compiled rule for it.</exception>
    public static ValidityGate? Gate(RollupModel rollup, SimulationOptions options, int accounts)
    {
        if (rollup.ValidityHook is not { } hook)
        {
            return null;
        }

        var resolver = options.ValidityRules ?? options.OrderingRules as IValidityRuleResolver;

        // Running without the rule would silently simulate a rollup that accepts everything.
        var rule = resolver?.ResolveValidity(rollup)
            ?? throw new ArgumentException($"Rollup {rollup.Name} has a C# validity hook ({hook.Owner}) but the run was given no compiled rule for it.", nameof(options));
        return new ValidityGate(rule, accounts, rollup.Name, wrapFailures: true);
    }
}
