using ProtoScript.Engine.Chains;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Simulation;

/// <summary>
/// Checks the assumptions the engine makes about a bound model. The binder reports
/// these to users with source positions; this is the engine's own guard for models
/// built in code.
/// </summary>
public static class ScenarioValidator
{
    /// <summary>The most accounts <paramref name="rollup"/>'s state can hold at genesis: users, sequencer, arbitrageurs, pools, cross-rollup searchers, back-runners and fee roles.</summary>
    private static long StateAccounts(ScenarioModel model, RollupModel rollup) =>
        (long)rollup.Accounts + 1 + model.Workload.Trading.Arbitrageurs + rollup.Amms.Length + (rollup.Fees is null ? 0 : Fees.FeeSettlement.ExtraAccounts)
        + model.Workload.CrossArbitrage.Where(p => p.Path.Contains(rollup.Name)).Sum(p => (long)p.Searchers)
        + (rollup.Amms.Length > 0 ? model.Workload.Trading.BackRunners : 0);

    /// <summary>Returns every problem found, or an empty list.</summary>
    public static IReadOnlyList<string> Validate(ScenarioModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new List<string>();
        if (model.Duration <= SimDuration.Zero)
        {
            errors.Add("The duration must be positive.");
        }

        if (model.L1.SlotTime <= SimDuration.Zero)
        {
            errors.Add(Invariant($"L1 '{model.L1.Name}': slot_time must be positive."));
        }

        errors.AddRange(L1Chain.Problems(model.L1));

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rollup in model.Rollups)
        {
            if (!names.Add(rollup.Name))
            {
                errors.Add(Invariant($"Rollup '{rollup.Name}' is declared twice."));
            }

            if (rollup.BlockTime <= SimDuration.Zero)
            {
                errors.Add(Invariant($"Rollup '{rollup.Name}': block_time must be positive."));
            }

            if (rollup.Batch.Every <= SimDuration.Zero)
            {
                errors.Add(Invariant($"Rollup '{rollup.Name}': batch every must be positive."));
            }

            if (rollup.Accounts < 1 || rollup.Accounts == int.MaxValue)
            {
                errors.Add(Invariant($"Rollup '{rollup.Name}': accounts must be between 1 and {int.MaxValue - 1}."));
            }
            else if (StateAccounts(model, rollup) > State.MerkleStateTree.MaxAccounts)
            {
                // Besides its users a rollup's state holds its sequencer, pools, arbitrageurs and fee roles.
                errors.Add(Invariant($"Rollup '{rollup.Name}': {rollup.Accounts} user accounts and the {StateAccounts(model, rollup) - rollup.Accounts} accounts of its sequencer, pools, arbitrageurs and fee roles are more than the {State.MerkleStateTree.MaxAccounts} accounts a state holds."));
            }

            Trading.TradingValidator.ValidateRollup(model, rollup, errors);
        }

        Trading.TradingValidator.ValidateScenario(model, errors);

        for (var i = 0; i < model.Workload.Streams.Length; i++)
        {
            var stream = model.Workload.Streams[i];
            if (!double.IsFinite(stream.RatePerSecond) || stream.RatePerSecond < 0)
            {
                errors.Add(Invariant($"Workload stream {i}: the rate must be a finite, non-negative number."));
            }

            foreach (var target in stream.Rollups)
            {
                if (!names.Contains(target))
                {
                    errors.Add(Invariant($"Workload stream {i}: unknown rollup '{target}'."));
                }
            }

            CheckDistribution(errors, i, "priority fee", stream.PriorityFee);
            CheckDistribution(errors, i, "value", stream.Value);
        }

        return errors;
    }

    /// <summary>Throws if the model has any problem.</summary>
    /// <exception cref="ArgumentException">The model is not runnable; the message lists why.</exception>
    public static void EnsureValid(ScenarioModel model)
    {
        var errors = Validate(model);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The scenario cannot run:\n" + string.Join('\n', errors), nameof(model));
        }
    }

    private static void CheckDistribution(List<string> errors, int stream, string what, DistributionModel d)
    {
        var ok = double.IsFinite(d.A) && double.IsFinite(d.B) && d.Kind switch
        {
            DistributionKind.Uniform => d.B >= d.A,
            DistributionKind.Exponential => d.A >= 0,
            DistributionKind.Normal => d.B >= 0,
            DistributionKind.LogNormal => d.A > 0 && d.B >= 0,
            _ => true,
        };
        if (!ok)
        {
            errors.Add(Invariant($"Workload stream {stream}: invalid {what} distribution {d}."));
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
