using System.Collections.Immutable;
using System.Globalization;

namespace ProtoScript.Grid.Tests;

/// <summary>One generated scenario: a level of every feature.</summary>
/// <param name="Name">Its place in the grid, e.g. <c>pair-07</c> or <c>triple-12</c>: the failing file's name.</param>
/// <param name="Levels">The level of each factor of <see cref="Features.All"/>, in order.</param>
internal sealed record GridCase(string Name, ImmutableArray<int> Levels)
{
    /// <summary>The features it turns on, e.g. <c>distribute=split, cross_chain=l1_finality, ordering=auction</c>.</summary>
    public string FeatureSet
    {
        get
        {
            var on = Features.All.Select((f, i) => (f, l: Levels[i])).Where(x => x.l != 0).Select(x => $"{x.f.Name}={x.f.Levels[x.l].Id}").ToArray();
            return on.Length == 0 ? "(defaults only)" : string.Join(", ", on);
        }
    }

    /// <summary>The scenario's text at <paramref name="seed"/>.</summary>
    public string Text(ulong seed)
    {
        var text = new ScenarioText();
        for (var i = 0; i < Levels.Length; i++)
        {
            Features.All[i].Levels[Levels[i]].Apply(text);
        }

        return text.Render($"{Name}: {FeatureSet}", seed);
    }

    public override string ToString() => Name;
}

/// <summary>
/// Issue 12's combination grid: every allowed pair of feature levels (a covering array) and a
/// seeded random sample of triples, each a scenario run at <see cref="Seeds"/>. The whole grid
/// runs when <c>PROTOSCRIPT_GRID=full</c>; otherwise the fixed CI slice.
/// </summary>
internal static class Grid
{
    /// <summary>The seeds every scenario runs at.</summary>
    public static ImmutableArray<ulong> Seeds { get; } = [1, 2, 3];

    /// <summary>The seed of the covering array's and the triples' choices: changing it changes the grid.</summary>
    public const int GeneratorSeed = 12;

    /// <summary>How many random triples the full grid samples.</summary>
    public const int TripleCount = 40;

    /// <summary>The environment variable that selects the whole grid.</summary>
    public const string Variable = "PROTOSCRIPT_GRID";

    /// <summary>Every n-th case of the full grid is in the CI slice.</summary>
    public const int CiStride = 3;

    public static bool Allowed(int fa, int la, int fb, int lb)
    {
        var a = (Features.All[fa].Name, Features.All[fa].Levels[la].Id);
        var b = (Features.All[fb].Name, Features.All[fb].Levels[lb].Id);
        return !Features.Conflicts.Any(c =>
            (c.FactorA, c.LevelA) == a && (c.FactorB, c.LevelB) == b ||
            (c.FactorA, c.LevelA) == b && (c.FactorB, c.LevelB) == a);
    }

    public static ImmutableArray<GridCase> Pairs { get; } =
    [
        .. CoveringArray.Pairwise([.. Features.All.Select(f => f.Levels.Length)], Allowed, GeneratorSeed)
            .Select((row, i) => new GridCase(string.Create(CultureInfo.InvariantCulture, $"pair-{i + 1:D2}"), row)),
    ];

    /// <summary>
    /// Triples of features turned on together with every other feature left out: smaller
    /// scenarios than the pairwise rows, so a failure among them points at few features.
    /// </summary>
    public static ImmutableArray<GridCase> Triples { get; } = SampleTriples();

    public static ImmutableArray<GridCase> Full { get; } = [.. Pairs, .. Triples];

    /// <summary>A fixed slice of <see cref="Full"/> that CI runs within its time budget.</summary>
    public static ImmutableArray<GridCase> CiSlice { get; } = [.. Full.Where((_, i) => i % CiStride == 0)];

    public static bool RunFull => string.Equals(Environment.GetEnvironmentVariable(Variable), "full", StringComparison.OrdinalIgnoreCase);

    private static ImmutableArray<GridCase> SampleTriples()
    {
        var random = new Random(GeneratorSeed + 1);
        var factors = Features.All.Length;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cases = ImmutableArray.CreateBuilder<GridCase>();
        while (cases.Count < TripleCount)
        {
            var row = new int[factors];
            var chosen = Enumerable.Range(0, factors).ToArray();
            random.Shuffle(chosen);
            foreach (var f in chosen.Take(3))
            {
                row[f] = 1 + random.Next(Features.All[f].Levels.Length - 1);
            }

            var key = string.Join(',', row);
            if (CoveringArray.PairsOf(row).All(p => Allowed(p.Fa, p.La, p.Fb, p.Lb)) && seen.Add(key))
            {
                cases.Add(new GridCase(string.Create(CultureInfo.InvariantCulture, $"triple-{cases.Count + 1:D2}"), [.. row]));
            }
        }

        return cases.ToImmutable();
    }
}
