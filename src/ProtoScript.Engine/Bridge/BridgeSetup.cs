using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bridge;

/// <summary>Wires a scenario's deposits and withdrawals to its rollups.</summary>
internal static class BridgeSetup
{
    /// <summary>
    /// Gives every rollup that receives deposits its inbox, marks the rollups with deposits or
    /// withdrawals as bridged (they get a report section), and returns one deposit stream per
    /// target rollup, each drawing from <c>deposits/STREAM/rollup/NAME</c>.
    /// </summary>
    public static ImmutableArray<DepositStream> Create(ScenarioModel model, ImmutableArray<RollupChain> rollups, L1Chain l1, RandomTree random)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rollups.Length; i++)
        {
            index[rollups[i].Model.Name] = i;
        }

        foreach (var stream in model.Workload.Streams.Where(s => s.WithdrawalShare > 0))
        {
            foreach (var target in stream.Rollups)
            {
                rollups[index[target]].Bridge.Active = true;
            }
        }

        var streams = ImmutableArray.CreateBuilder<DepositStream>();
        for (var s = 0; s < model.Workload.Deposits.Length; s++)
        {
            var deposits = model.Workload.Deposits[s];
            foreach (var target in deposits.Rollups)
            {
                var i = index[target];
                var chain = rollups[i];
                chain.Bridge.Active = true;
                chain.Deposits ??= new DepositInbox(l1, i);
                streams.Add(new DepositStream(deposits, chain, chain.Deposits, random, FormattableString.Invariant($"deposits/{s}/rollup/{target}")));
            }
        }

        return streams.ToImmutable();
    }
}
