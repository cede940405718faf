using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bridge;

/// <summary>Wires a scenario's deposits and withdrawals to its rollups.</summary>
internal static class BridgeSetup
{
    /// <summary>Adds to <paramref name="parts"/> the sequencer runtime (faults and L1 routes) of rollup <paramref name="index"/>.</summary>
    public static RollupParts WithSequencing(RollupParts parts, L1Chain l1, int index) =>
        parts with { Sequencing = chain => new SequencerRuntime(chain, l1, index) };

    /// <summary>
    /// Marks the rollups with deposits or withdrawals as bridged (they get a report section), and
    /// returns one deposit stream per target rollup, each drawing from <c>deposits/STREAM/rollup/NAME</c>.
    /// </summary>
    public static ImmutableArray<DepositStream> Create(ScenarioModel model, ImmutableArray<RollupChain> rollups, RandomTree random)
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
                var chain = rollups[index[target]];
                chain.Bridge.Active = true;
                streams.Add(new DepositStream(deposits, chain, chain.Sequencing!, random, FormattableString.Invariant($"deposits/{s}/rollup/{target}")));
            }
        }

        return streams.ToImmutable();
    }
}
