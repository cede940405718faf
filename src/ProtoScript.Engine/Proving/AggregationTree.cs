namespace ProtoScript.Engine.Proving;

/// <summary>
/// Tree aggregation of proofs: consecutive proofs are combined <c>arity</c> at a time into one
/// node, level by level, until one root is left. A node is a job ready when its last child is
/// done. A group of one child (the last of a level) is a node too, as in a recursion whose every
/// level verifies proofs of one shape: so every leaf is under exactly ⌈log_arity(leaves)⌉ nodes
/// and the jobs are Σ over levels of ⌈proofs at the level / arity⌉.
/// </summary>
public static class AggregationTree
{
    /// <summary>
    /// Reduces <paramref name="finishes"/> (when each leaf proof is done, in leaf order) to one root.
    /// </summary>
    /// <param name="finishes">The leaves' finish times in microseconds; empty gives root 0, depth 0.</param>
    /// <param name="arity">Children per node, at least 2.</param>
    /// <param name="prove">Runs one node job ready at the given time and returns when it is done.</param>
    /// <returns>When the root is done, the number of levels above the leaves, and the node jobs run.</returns>
    public static (long Root, int Depth, long Jobs) Reduce(IReadOnlyList<long> finishes, int arity, Func<long, long> prove)
    {
        ArgumentNullException.ThrowIfNull(finishes);
        ArgumentNullException.ThrowIfNull(prove);
        ArgumentOutOfRangeException.ThrowIfLessThan(arity, 2);
        if (finishes.Count == 0)
        {
            return (0, 0, 0);
        }

        var level = new List<long>(finishes);
        var next = new List<long>((level.Count + arity - 1) / arity);
        var depth = 0;
        long jobs = 0;
        while (level.Count > 1)
        {
            next.Clear();
            for (var i = 0; i < level.Count; i += arity)
            {
                var end = Math.Min(i + arity, level.Count);
                var ready = level[i];
                for (var j = i + 1; j < end; j++)
                {
                    ready = Math.Max(ready, level[j]);
                }

                next.Add(prove(ready));
                jobs++;
            }

            (level, next) = (next, level);
            depth++;
        }

        return (level[0], depth, jobs);
    }
}
