namespace ProtoScript.Grid.Tests;

/// <summary>The grid's proving-deadline levels run with their evidence, and its conflicts are located refusals.</summary>
public class ProvingDeadlineConflictTests
{
    public static TheoryData<string, string, string> DeadlineConflicts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var conflict in Features.Conflicts.Where(c => c.FactorA == "proving_deadline"))
        {
            data.Add(conflict.LevelA, conflict.FactorB, conflict.LevelB);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeadlineConflicts))]
    public void Each_declared_proving_deadline_conflict_is_a_located_refusal(string deadline, string factor, string level)
    {
        var needs = new Dictionary<string, string>(StringComparer.Ordinal) { ["proving_deadline"] = deadline, [factor] = level };
        var levels = Features.All.Select(f => needs.TryGetValue(f.Name, out var id) ? Level(f, id) : 0).ToArray();
        var compiled = GridRunner.Compile(new GridCase("deadline-conflict", [.. levels]), Grid.Seeds[0]);

        var errors = compiled.Diagnostics.Where(d => d.IsError).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Position.Line > 0, e.ToString()));
        Assert.Contains(errors, e => e.Code is "PS3004" or "PS3005");
        Assert.Null(compiled.Model);
    }

    private static int Level(Factor factor, string id) => factor.Levels.Select((l, i) => (l, i)).Single(x => x.l.Id == id).i;
}
