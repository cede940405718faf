using System.Collections.Immutable;

namespace ProtoScript.Grid.Tests;

/// <summary>
/// A deterministic pairwise covering array (AETG-style greedy): rows of levels, one per factor,
/// such that every pair of levels of two factors that is allowed together appears in some row.
/// Each new row is the best of a few candidates, each grown from one uncovered pair by giving
/// every other factor, in a random order, the level that covers the most uncovered pairs.
/// </summary>
internal static class CoveringArray
{
    /// <param name="levels">How many levels each factor has.</param>
    /// <param name="allowed">Whether level <c>la</c> of factor <c>fa</c> may be in a row with level <c>lb</c> of factor <c>fb</c>.</param>
    /// <param name="seed">The seed of every choice: the same seed gives the same rows.</param>
    /// <param name="candidates">Candidate rows tried per row kept.</param>
    public static ImmutableArray<ImmutableArray<int>> Pairwise(IReadOnlyList<int> levels, Func<int, int, int, int, bool> allowed, int seed, int candidates = 30)
    {
        var factors = levels.Count;
        var uncovered = new HashSet<(int Fa, int La, int Fb, int Lb)>();
        for (var fa = 0; fa < factors; fa++)
        {
            for (var fb = fa + 1; fb < factors; fb++)
            {
                for (var la = 0; la < levels[fa]; la++)
                {
                    for (var lb = 0; lb < levels[fb]; lb++)
                    {
                        if (allowed(fa, la, fb, lb))
                        {
                            uncovered.Add((fa, la, fb, lb));
                        }
                    }
                }
            }
        }

        var random = new Random(seed);
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<int>>();
        while (uncovered.Count > 0)
        {
            // Sorted, so the pair a candidate starts from does not depend on the set's order.
            var open = uncovered.Order().ToArray();
            int[]? best = null;
            var bestGain = 0;
            for (var c = 0; c < candidates; c++)
            {
                var start = open[random.Next(open.Length)];
                if (Grow(start, levels, allowed, uncovered, random) is { } row && Gain(row, uncovered) is var gain && gain > bestGain)
                {
                    (best, bestGain) = (row, gain);
                }
            }

            if (best is null)
            {
                // No row through these pairs satisfies every conflict: they cannot be covered.
                throw new InvalidOperationException($"{open.Length} allowed pairs cannot be completed into a row, e.g. {open[0]}");
            }

            rows.Add([.. best]);
            foreach (var pair in PairsOf(best))
            {
                uncovered.Remove(pair);
            }
        }

        return rows.ToImmutable();
    }

    /// <summary>Every pair of (factor, level) in a row, lower factor first.</summary>
    public static IEnumerable<(int Fa, int La, int Fb, int Lb)> PairsOf(IReadOnlyList<int> row)
    {
        for (var fa = 0; fa < row.Count; fa++)
        {
            for (var fb = fa + 1; fb < row.Count; fb++)
            {
                yield return (fa, row[fa], fb, row[fb]);
            }
        }
    }

    private static int[]? Grow((int Fa, int La, int Fb, int Lb) start, IReadOnlyList<int> levels, Func<int, int, int, int, bool> allowed, HashSet<(int, int, int, int)> uncovered, Random random)
    {
        var row = Enumerable.Repeat(-1, levels.Count).ToArray();
        row[start.Fa] = start.La;
        row[start.Fb] = start.Lb;
        var order = Enumerable.Range(0, levels.Count).Where(f => row[f] < 0).ToArray();
        random.Shuffle(order);
        foreach (var f in order)
        {
            var bestLevel = -1;
            var bestScore = -1;
            var first = random.Next(levels[f]);
            for (var i = 0; i < levels[f]; i++)
            {
                // Start at a random level so ties do not always favour the first one.
                var l = (first + i) % levels[f];
                var fits = true;
                var score = 0;
                for (var g = 0; g < row.Length && fits; g++)
                {
                    if (row[g] < 0)
                    {
                        continue;
                    }

                    var pair = g < f ? (g, row[g], f, l) : (f, l, g, row[g]);
                    fits = allowed(pair.Item1, pair.Item2, pair.Item3, pair.Item4);
                    score += uncovered.Contains(pair) ? 1 : 0;
                }

                if (fits && score > bestScore)
                {
                    (bestLevel, bestScore) = (l, score);
                }
            }

            if (bestLevel < 0)
            {
                return null;
            }

            row[f] = bestLevel;
        }

        return row;
    }

    private static int Gain(int[] row, HashSet<(int, int, int, int)> uncovered) => PairsOf(row).Count(uncovered.Contains);
}
