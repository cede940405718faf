using ProtoScript.Engine.Randomness;

namespace ProtoScript.Engine.Proving;

/// <summary>
/// Proof of necessary work: a leaderless race. Every racing prover generates the proof and
/// grinds nonces inside it until one meets the difficulty, so its time is a proof-time draw
/// plus its attempts (geometric, p = 2^-difficulty) at the hash rate. The first to finish
/// wins; the others stop then, and the time they spent is wasted. A busy prover joins when it
/// is free, so a job never waits for all provers, only for the winner. Provers may grind at
/// different rates (hash-power skew); the attempt counts are drawn the same way whatever the
/// rates, so only the time each attempt takes differs.
/// </summary>
public sealed class ProofOfNecessaryWork : IProverSelection
{
    private readonly int _difficulty;
    private readonly double _microsecondsPerAttempt;
    private readonly double[] _microsecondsPerAttemptOf;
    private readonly int _racers;
    private readonly RandomStream _work;
    private int[] _order = [];

    /// <summary>Creates the race.</summary>
    /// <param name="difficultyBits">A nonce succeeds with probability 2^-difficultyBits.</param>
    /// <param name="hashRatePerSecond">Attempts per simulated second, per prover.</param>
    /// <param name="racers">How many provers race each job (those free soonest); 0 for all.</param>
    /// <param name="work">The stream the attempt counts are drawn from.</param>
    /// <param name="hashRatesPerSecond">Each prover's own attempts per simulated second, by prover index; empty when all grind at <paramref name="hashRatePerSecond"/>.</param>
    public ProofOfNecessaryWork(int difficultyBits, double hashRatePerSecond, int racers, RandomStream work, IReadOnlyList<double>? hashRatesPerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        _difficulty = difficultyBits;
        _microsecondsPerAttempt = 1_000_000.0 / hashRatePerSecond;
        _microsecondsPerAttemptOf = hashRatesPerSecond is null ? [] : hashRatesPerSecond.Select(rate => 1_000_000.0 / rate).ToArray();
        _racers = racers;
        _work = work;
    }

    /// <inheritdoc />
    public string Name => "proof_of_necessary_work";

    /// <inheritdoc />
    public ProofOutcome Prove(in ProofJob job, ProverPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var provers = pool.Provers;
        if (_order.Length != provers.Count)
        {
            _order = new int[provers.Count];
        }

        // The racers are the provers free soonest (ties: lower index), drawn for in that order.
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        Array.Sort(_order, (a, b) =>
        {
            var c = provers[a].BusyUntilMicroseconds.CompareTo(provers[b].BusyUntilMicroseconds);
            return c != 0 ? c : a.CompareTo(b);
        });
        var racers = _racers == 0 ? _order.Length : Math.Min(_racers, _order.Length);

        Span<long> starts = stackalloc long[racers];
        var winner = -1;
        long winnerFinish = long.MaxValue;
        long winnerAttempts = 0;
        for (var k = 0; k < racers; k++)
        {
            var p = provers[_order[k]];
            var start = Math.Max(job.ReadyMicroseconds, p.BusyUntilMicroseconds);
            starts[k] = start;
            var attempts = Geometric.Attempts(_difficulty, _work);
            var perAttempt = _microsecondsPerAttemptOf.Length == 0 ? _microsecondsPerAttempt : _microsecondsPerAttemptOf[_order[k]];
            var grind = Math.Min(Math.Ceiling(attempts * perAttempt), 1e15);
            var finish = checked(start + pool.DrawProofTime(job.Kind) + (long)grind);
            if (finish < winnerFinish)
            {
                (winner, winnerFinish, winnerAttempts) = (k, finish, attempts);
            }
        }

        long wasted = 0;
        var losers = System.Collections.Immutable.ImmutableArray.CreateBuilder<long>();
        for (var k = 0; k < racers; k++)
        {
            var p = provers[_order[k]];
            if (k == winner || starts[k] >= winnerFinish)
            {
                continue; // the winner's work is the proof; a prover not yet free when it lands never started
            }

            wasted += winnerFinish - starts[k];
            losers.Add(starts[k]);
            p.BusyUntilMicroseconds = winnerFinish;
        }

        var champion = provers[_order[winner]];
        champion.BusyUntilMicroseconds = winnerFinish;
        champion.ProofsWon++;
        return new ProofOutcome(champion.Index, starts[winner], winnerFinish, champion.Bid(job.Price), wasted, winnerAttempts) { LoserStarts = losers.ToImmutable() };
    }
}
