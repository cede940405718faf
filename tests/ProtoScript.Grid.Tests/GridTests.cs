namespace ProtoScript.Grid.Tests;

/// <summary>
/// Issue 12's combination grid: features built apart stay correct together. Each case is a
/// scenario of the covering array or of the sampled triples, run at every seed of
/// <see cref="Grid.Seeds"/>. CI runs <see cref="Grid.CiSlice"/>; <c>PROTOSCRIPT_GRID=full</c> runs all.
/// </summary>
public class GridTests
{
    public static TheoryData<string> Cases => [.. (Grid.RunFull ? Grid.Full : Grid.CiSlice).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_combination_derives_conserves_supply_and_prints_the_same_report_on_both_engines(string name)
    {
        var gridCase = Grid.Full.Single(c => c.Name == name);
        var failures = GridRunner.Run(gridCase);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
