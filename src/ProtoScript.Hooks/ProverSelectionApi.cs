using System.Collections;

namespace ProtoScript.Hooks;

/// <summary>
/// A read-only copy of one prover's state, as a prover-selection hook sees it when a job is assigned.
/// </summary>
/// <param name="Index">Its index: what the hook returns to choose it.</param>
/// <param name="Stake">Its stake in wei (zero unless the scenario gives stakes).</param>
/// <param name="BusyUntilMicroseconds">When it finishes the proofs it already took, in simulated microseconds since genesis; a job given to it starts no earlier.</param>
/// <param name="ProofsWon">Jobs it has proven so far, over every rollup it proves.</param>
public readonly record struct ProverView(int Index, UInt128 Stake, long BusyUntilMicroseconds, long ProofsWon)
{
    /// <summary>Whether it is free at <paramref name="microseconds"/> (simulated time).</summary>
    public bool IsFreeAt(long microseconds) => BusyUntilMicroseconds <= microseconds;
}

/// <summary>The provers a selection hook chooses among, by index.</summary>
public sealed class ProverList : IReadOnlyList<ProverView>
{
    private readonly ProverView[] _provers;

    /// <summary>Wraps the views (copied, so the hook cannot change the engine's provers).</summary>
    public ProverList(IEnumerable<ProverView> provers) => _provers = [.. provers];

    /// <inheritdoc />
    public int Count => _provers.Length;

    /// <inheritdoc />
    public ProverView this[int index] => _provers[index];

    /// <inheritdoc />
    public IEnumerator<ProverView> GetEnumerator() => ((IEnumerable<ProverView>)_provers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _provers.GetEnumerator();
}

/// <summary>The proof job a selection hook assigns.</summary>
/// <param name="Rollup">The rollup's name.</param>
/// <param name="Number">The L2 block number (1-based).</param>
/// <param name="Transactions">Transactions in the block.</param>
/// <param name="Gas">Gas the job covers: the block's, or one transaction's for a transaction proof.</param>
/// <param name="Job"><c>block</c>, <c>transaction</c> (pipeline <c>per_transaction</c>), <c>shard</c> (pipeline <c>per_shard</c>), <c>aggregation</c> or <c>wrap</c> (<c>aggregation { ... }</c>).</param>
/// <param name="ReadyMicroseconds">When the job's input exists, in simulated microseconds since genesis.</param>
public readonly record struct ProofBlockView(string Rollup, ulong Number, int Transactions, ulong Gas, string Job, long ReadyMicroseconds);

/// <summary>
/// The scenario's random stream for a hook: seeded from the run's seed (its own stream, so a
/// hook's draws never shift another component's), the same draws on every machine.
/// </summary>
public sealed class HookRandom
{
    private readonly Func<ulong> _next;

    /// <summary>Wraps a source of uniform 64-bit draws (the engine passes one of the run's streams).</summary>
    public HookRandom(Func<ulong> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _next = next;
    }

    /// <summary>64 uniform bits.</summary>
    public ulong NextUInt64() => _next();

    /// <summary>A uniform integer in <c>[0, bound)</c>, without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var b = (ulong)bound;
        var high = Math.BigMul(_next(), b, out var low);
        if (low < b)
        {
            var threshold = unchecked(0 - b) % b;
            while (low < threshold)
            {
                high = Math.BigMul(_next(), b, out low);
            }
        }

        return (int)high;
    }

    /// <summary>A uniform double in <c>[0, 1)</c> from the top 53 bits.</summary>
    public double NextDouble() => (_next() >> 11) * (1.0 / (1UL << 53));
}
