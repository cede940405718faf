namespace ProtoScript.Grid.Tests;

/// <summary>The grid's conflicts of the auto batcher are refusals of the language, each a located diagnostic.</summary>
public class AutoDaConflictTests
{
    public static TheoryData<string, string, string> AutoDaConflicts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var conflict in Features.Conflicts.Where(c => c.FactorA == "da" && c.LevelA is "auto" or "auto_hooked"))
        {
            data.Add(conflict.LevelA, conflict.FactorB, conflict.LevelB);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AutoDaConflicts))]
    public void Each_declared_auto_conflict_is_a_PS3005_at_the_scenario_s_fees_block(string auto, string factor, string level)
    {
        var levels = Features.All.Select(f => f.Name == "da" ? Level(f, auto) : f.Name == factor ? Level(f, level) : 0).ToArray();
        var gridCase = new GridCase("auto-da-conflict", [.. levels]);

        var compiled = GridRunner.Compile(gridCase, Grid.Seeds[0]);

        // One per rollup the scenario's fees block applies to (A and B), each at the block's head.
        var refusals = compiled.Diagnostics.Where(d => d.Code == "PS3005" && d.Message.StartsWith("the scenario's `fees` block applies to rollup", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, r => Assert.Equal("fees", r.Source!.GetText(r.Span)));
        Assert.Null(compiled.Model);
    }

    private static int Level(Factor factor, string id) => factor.Levels.Select((l, i) => (l, i)).Single(x => x.l.Id == id).i;
}
