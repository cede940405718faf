namespace ProtoScript.Engine.Proving;

/// <summary>
/// A selection with one leader per job (stake, market, round robin, a C# hook): the chosen
/// prover starts when the job is ready and it is free, and works for one proof-time draw.
/// Nobody else works on the job, so nothing is wasted, but a busy leader makes the job wait.
/// </summary>
public sealed class LeaderSelection : IProverSelection
{
    private readonly IProverChooser _chooser;

    /// <summary>Wraps a chooser under a report name.</summary>
    public LeaderSelection(string name, IProverChooser chooser)
    {
        ArgumentNullException.ThrowIfNull(chooser);
        Name = name;
        _chooser = chooser;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The index of the prover the rule chooses for <paramref name="job"/>, without assigning it (an epoch's claimant).</summary>
    public int Choose(in ProofJob job, ProverPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var index = _chooser.Choose(in job, pool.Provers);
        if ((uint)index >= (uint)pool.Provers.Count)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"the selection chose prover {index}, but the provers are numbered 0 to {pool.Provers.Count - 1}"));
        }

        return index;
    }

    /// <inheritdoc />
    public ProofOutcome Prove(in ProofJob job, ProverPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var index = _chooser.Choose(in job, pool.Provers);
        if ((uint)index >= (uint)pool.Provers.Count)
        {
            // Built-in choosers never do this; a hook's wrapper reports it as the hook's fault first.
            throw new InvalidOperationException(FormattableString.Invariant($"the selection chose prover {index}, but the provers are numbered 0 to {pool.Provers.Count - 1}"));
        }

        var prover = pool.Provers[index];
        var start = Math.Max(job.ReadyMicroseconds, prover.BusyUntilMicroseconds);
        var finish = checked(start + pool.DrawProofTime(job.Kind));
        prover.BusyUntilMicroseconds = finish;
        prover.ProofsWon++;
        return new ProofOutcome(index, start, finish, prover.Bid(job.Price), 0, 0);
    }
}

/// <summary>Provers take turns: job <c>n</c> (counted over every rollup the block proves) goes to prover <c>n mod count</c>.</summary>
public sealed class RoundRobinChooser : IProverChooser
{
    private long _next;

    /// <inheritdoc />
    public int Choose(in ProofJob job, IReadOnlyList<ProverState> provers)
    {
        ArgumentNullException.ThrowIfNull(provers);
        return (int)(_next++ % provers.Count);
    }
}

/// <summary>
/// A leader drawn with probability proportional to stake: a uniform integer <c>r</c> in
/// <c>[0, total stake)</c> from the selection's own stream, and the first prover whose
/// cumulative stake exceeds <c>r</c>. Exact in integers (wei), whatever the stakes.
/// </summary>
public sealed class StakeChooser(Randomness.RandomStream random) : IProverChooser
{
    /// <inheritdoc />
    public int Choose(in ProofJob job, IReadOnlyList<ProverState> provers)
    {
        ArgumentNullException.ThrowIfNull(provers);
        UInt128 total = 0;
        foreach (var p in provers)
        {
            total += p.Stake;
        }

        var r = UniformBelow(random, total);
        UInt128 cumulative = 0;
        for (var i = 0; i < provers.Count; i++)
        {
            cumulative += provers[i].Stake;
            if (r < cumulative)
            {
                return i;
            }
        }

        throw new InvalidOperationException("The provers' stakes add up to zero.");
    }

    /// <summary>
    /// A uniform integer in <c>[0, bound)</c>: 128 bits (high word drawn first) masked to the
    /// bit length of <c>bound - 1</c>, redrawn while not below <paramref name="bound"/>.
    /// </summary>
    public static UInt128 UniformBelow(Randomness.RandomStream random, UInt128 bound)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var bits = 128 - (int)UInt128.LeadingZeroCount(bound - 1);
        var mask = bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;
        while (true)
        {
            var high = random.NextUInt64();
            var low = random.NextUInt64();
            var r = new UInt128(high, low) & mask;
            if (r < bound)
            {
                return r;
            }
        }
    }
}

/// <summary>
/// A proof market. Bid model: each prover's own cost is the job's price times its cost factor
/// (drawn once per prover at genesis, within the <c>spread</c>), and it bids exactly that. Only
/// provers free when the job is ready bid, and the lowest bid wins (ties: lower index); when
/// every prover is busy, the one free soonest takes the job at its bid (ties: lower bid, index).
/// The winner is paid its bid.
/// </summary>
public sealed class MarketChooser : IProverChooser
{
    /// <inheritdoc />
    public int Choose(in ProofJob job, IReadOnlyList<ProverState> provers)
    {
        ArgumentNullException.ThrowIfNull(provers);
        var best = -1;
        for (var i = 0; i < provers.Count; i++)
        {
            var p = provers[i];
            if (p.BusyUntilMicroseconds <= job.ReadyMicroseconds
                && (best < 0 || p.CostFactorBasisPoints < provers[best].CostFactorBasisPoints))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            return best;
        }

        best = 0;
        for (var i = 1; i < provers.Count; i++)
        {
            var p = provers[i];
            var b = provers[best];
            if (p.BusyUntilMicroseconds < b.BusyUntilMicroseconds
                || (p.BusyUntilMicroseconds == b.BusyUntilMicroseconds && p.CostFactorBasisPoints < b.CostFactorBasisPoints))
            {
                best = i;
            }
        }

        return best;
    }
}
