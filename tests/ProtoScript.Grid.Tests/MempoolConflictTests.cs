namespace ProtoScript.Grid.Tests;

/// <summary>The grid's pool-defence conflicts are refusals of the language, each a located error.</summary>
public class MempoolConflictTests
{
    public static TheoryData<string, string, string> MempoolConflicts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var conflict in Features.Conflicts.Where(c => c.FactorA == "mempool"))
        {
            data.Add(conflict.LevelA, conflict.FactorB, conflict.LevelB);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MempoolConflicts))]
    public void Each_declared_pool_defence_conflict_is_a_located_refusal(string mempool, string factor, string level)
    {
        // The other feature with what it needs itself, so the refusal left is the pool's.
        var needs = new Dictionary<string, string>(StringComparer.Ordinal) { ["mempool"] = mempool, [factor] = level };
        if (factor is "back_running" or "cross_arbitrage")
        {
            needs["amm"] = "arbitrageurs";
        }

        if (factor == "back_running")
        {
            needs["ordering"] = "priority_fee";
        }

        var levels = Features.All.Select(f => needs.TryGetValue(f.Name, out var id) ? Level(f, id) : 0).ToArray();
        var compiled = GridRunner.Compile(new GridCase("mempool-conflict", [.. levels]), Grid.Seeds[0]);

        var errors = compiled.Diagnostics.Where(d => d.IsError).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Position.Line > 0, e.ToString()));

        // The refusal is the pool's own (directly, or through the pool the other feature needs).
        Assert.Contains(errors, e => e.Code == "PS3005" && (e.Message.Contains("mempool", StringComparison.Ordinal) || e.Message.Contains("proof of work", StringComparison.Ordinal)));
        Assert.Null(compiled.Model);
    }

    private static int Level(Factor factor, string id) => factor.Levels.Select((l, i) => (l, i)).Single(x => x.l.Id == id).i;
}
