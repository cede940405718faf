namespace ProtoScript.Grid.Tests;

/// <summary>The grid's PBS conflicts are refusals of the language, each a located diagnostic.</summary>
public class PbsConflictTests
{
    public static TheoryData<string, string, string> PbsConflicts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var conflict in Features.Conflicts.Where(c => c.FactorA == "pbs"))
        {
            data.Add(conflict.LevelA, conflict.FactorB, conflict.LevelB);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PbsConflicts))]
    public void Each_declared_PBS_conflict_is_a_PS3005_at_the_builder_s_rollup(string pbs, string factor, string level)
    {
        var levels = Features.All.Select(f => f.Name == "pbs" ? Level(f, pbs) : f.Name == factor ? Level(f, level) : 0).ToArray();
        var gridCase = new GridCase("pbs-conflict", [.. levels]);

        var compiled = GridRunner.Compile(gridCase, Grid.Seeds[0]);

        // One per rollup with PBS builders (A and B), each at the rollup its builder names.
        var refusals = compiled.Diagnostics.Where(d => d.Code == "PS3005" && d.Message.StartsWith("a builder for a rollup that another PBS rule excludes", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.True(r.IsError));
        Assert.Contains(refusals, r => r.Source!.GetText(r.Span) == "A" && r.Message.Contains("rollup `A`", StringComparison.Ordinal));
        Assert.Null(compiled.Model);
    }

    private static int Level(Factor factor, string id) => factor.Levels.Select((l, i) => (l, i)).Single(x => x.l.Id == id).i;
}
