using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Workload;

/// <summary>
/// The address space a rollup keeps for accounts its users create (<c>new_accounts = 20 %</c>).
/// </summary>
/// <remarks>
/// The state tree has a fixed shape, decided at genesis from the number of accounts, so the
/// sequencer and every node deriving the rollup from L1 data must agree on it before the first
/// block. The space is therefore reserved up front, from the scenario alone: fresh addresses
/// sent to in a run are a thinned Poisson count with mean at most rate × duration × share, and
/// the reserve is that mean plus ten standard deviations plus 64, so a run exhausting it has
/// a probability far below 10⁻²⁰. An address in the reserve that never receives anything holds
/// nothing and is not counted as state (<see cref="State.StateSize"/>).
/// </remarks>
public static class FreshAccounts
{
    /// <summary>How many fresh addresses rollup <paramref name="rollup"/> reserves: 0 when no stream on it creates accounts.</summary>
    public static int Reserve(ScenarioModel scenario, string rollup)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(rollup);
        var mean = 0.0;
        foreach (var stream in scenario.Workload.Streams)
        {
            if (stream.NewAccountShare > 0 && stream.Rollups.Contains(rollup))
            {
                mean += stream.RatePerSecond * scenario.Duration.TotalSeconds * stream.NewAccountShare;
            }
        }

        if (mean <= 0)
        {
            return 0;
        }

        var bound = Math.Ceiling(mean + (10 * Math.Sqrt(mean)) + 64);
        return bound >= State.MerkleStateTree.MaxAccounts ? State.MerkleStateTree.MaxAccounts : (int)bound;
    }
}
