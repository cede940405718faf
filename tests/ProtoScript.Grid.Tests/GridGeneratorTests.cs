using System.Text.Json.Nodes;
using ProtoScript.Application;
using ProtoScript.Reporting;

namespace ProtoScript.Grid.Tests;

/// <summary>The grid itself: it covers what it claims, every scenario it writes binds, and its conservation check can fail.</summary>
public class GridGeneratorTests
{
    [Fact]
    public void The_covering_array_holds_every_allowed_pair_of_levels_and_no_conflicting_one()
    {
        var covered = Grid.Pairs.SelectMany(c => CoveringArray.PairsOf(c.Levels)).ToHashSet();
        var factors = Features.All;
        for (var fa = 0; fa < factors.Length; fa++)
        {
            for (var fb = fa + 1; fb < factors.Length; fb++)
            {
                for (var la = 0; la < factors[fa].Levels.Length; la++)
                {
                    for (var lb = 0; lb < factors[fb].Levels.Length; lb++)
                    {
                        var pair = (fa, la, fb, lb);
                        var what = $"{factors[fa].Name}={factors[fa].Levels[la].Id} with {factors[fb].Name}={factors[fb].Levels[lb].Id}";
                        Assert.True(covered.Contains(pair) == Grid.Allowed(fa, la, fb, lb), what);
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_feature_level_a_scenario_turns_on_has_a_sign_to_look_for_in_the_report()
    {
        var unseen = Features.All.SelectMany(f => f.Levels.Skip(1).Where(l => l.Evidence is null).Select(l => $"{f.Name}={l.Id}"));
        Assert.Empty(unseen);
    }

    [Fact]
    public void The_grid_is_the_same_on_every_build()
    {
        // The covering array and the triples come from a fixed seed: a failure's name must mean the same scenario tomorrow.
        var again = CoveringArray.Pairwise([.. Features.All.Select(f => f.Levels.Length)], Grid.Allowed, Grid.GeneratorSeed);
        Assert.Equal(Grid.Pairs.Select(c => string.Join(',', c.Levels)), again.Select(r => string.Join(',', r)));
        Assert.Equal(Grid.TripleCount, Grid.Triples.Length);
        Assert.All(Grid.Triples, t => Assert.Equal(3, t.Levels.Count(l => l != 0)));
    }

    [Fact]
    public void Every_scenario_of_the_grid_binds_without_a_diagnostic_and_the_engine_accepts_it()
    {
        var problems = new List<string>();
        foreach (var gridCase in Grid.Full)
        {
            var file = GridRunner.Compile(gridCase, Grid.Seeds[0]);
            if (file.Diagnostics.Count > 0 || file.Model is null)
            {
                problems.Add($"{gridCase.Name} [{gridCase.FeatureSet}]: {string.Join("; ", file.Diagnostics.Select(d => $"{d.Code} {d.Message}"))}");
            }
            else if (Engine.Simulation.ScenarioValidator.Validate(file.Model) is { Count: > 0 } refused)
            {
                problems.Add($"{gridCase.Name} [{gridCase.FeatureSet}]: {string.Join("; ", refused)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_independent_conservation_check_finds_one_wei_out_of_place_in_a_report()
    {
        // Deposits, withdrawals and cross-chain value, so every term of the identity is non-zero.
        var gridCase = new GridCase("identity", [.. Features.All.Select(f => f.Name switch
        {
            "deposits" or "withdrawals" => 1,
            "cross_chain" => 1,
            "issuance" => 1,
            _ => 0,
        })]);
        var json = ScenarioRunner.Report(GridRunner.Compile(gridCase, 1), null, ReportFormatKind.Json).Text;
        Assert.Empty(SupplyIdentity.Check(json));
        var report = JsonNode.Parse(json)!;
        var a = report["rollups"]![0]!;
        Assert.NotEqual("0", (string?)a["bridge"]!["deposits"]!["valueWei"]);
        Assert.NotEqual("0", (string?)a["bridge"]!["withdrawals"]!["valueWei"]);
        Assert.NotEqual("0", (string?)a["supply"]!["sentCrossChainWei"]);

        var accounts = a["supply"]!["inAccountsWei"]!;
        accounts.ReplaceWith((System.Numerics.BigInteger.Parse((string)accounts!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var problems = SupplyIdentity.Check(report.ToJsonString());

        Assert.Contains(problems, p => p.StartsWith("rollup A:", StringComparison.Ordinal) && p.EndsWith("(off by 1 wei)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("all rollups:", StringComparison.Ordinal) && p.EndsWith("(off by 1 wei)", StringComparison.Ordinal));
    }
}
