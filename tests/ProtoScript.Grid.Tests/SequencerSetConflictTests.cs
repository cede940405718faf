namespace ProtoScript.Grid.Tests;

/// <summary>The grid's direct sequencer-set conflicts are refusals of the language, each a located diagnostic.</summary>
public class SequencerSetConflictTests
{
    public static TheoryData<string, string, string> Direct()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var conflict in Features.SequencerSetConflicts().Where(c => c.Why.EndsWith("(PS3005)", StringComparison.Ordinal)))
        {
            data.Add(conflict.LevelA, conflict.FactorB, conflict.LevelB);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Direct))]
    public void Each_declared_sequencer_set_conflict_is_a_PS3005_at_the_rollup_s_sequencer(string set, string factor, string level)
    {
        var levels = Features.All.Select(f => f.Name == "sequencer_set" ? Level(f, set) : f.Name == factor ? Level(f, level) : 0).ToArray();
        var compiled = GridRunner.Compile(new GridCase("set-conflict", [.. levels]), Grid.Seeds[0]);

        var refusal = Assert.Single(compiled.Diagnostics, d => d.Code == "PS3005" && d.Message.StartsWith("rollup `A` has a `consensus` set of sequencer nodes", StringComparison.Ordinal));
        Assert.True(refusal.IsError);
        Assert.StartsWith("sequencer {", refusal.Source!.GetText(refusal.Span), StringComparison.Ordinal);
        Assert.Null(compiled.Model);
    }

    private static int Level(Factor factor, string id) => factor.Levels.Select((l, i) => (l, i)).Single(x => x.l.Id == id).i;
}
