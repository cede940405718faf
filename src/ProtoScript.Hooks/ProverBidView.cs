namespace ProtoScript.Hooks;

/// <summary>
/// One market prover deciding its bid for one proof job, as its <c>bid</c> hook sees it: the job,
/// the prover's own cost and load when the auction clears, and the clearing prices of the
/// market's latest jobs. The hook returns its bid in wei; the lowest valid bid wins and is paid.
/// </summary>
public sealed class ProverBidView
{
    private readonly UInt128[] _recent;

    /// <summary>Copies what the hook sees, so it cannot change the market.</summary>
    /// <param name="job">The job being auctioned.</param>
    /// <param name="prover">The prover's name, as written in the scenario.</param>
    /// <param name="index">The prover's position in its market (0-based).</param>
    /// <param name="cost">The prover's own cost for this job, in wei.</param>
    /// <param name="capacity">How many jobs it proves at once.</param>
    /// <param name="proving">How many jobs it is proving when the auction clears.</param>
    /// <param name="waiting">How many jobs it has won that wait for a free slot when the auction clears.</param>
    /// <param name="proofsWon">Jobs it has won so far, over every rollup of its market.</param>
    /// <param name="recentPrices">The clearing prices of the market's latest jobs, oldest first.</param>
    public ProverBidView(ProofBlockView job, string prover, int index, UInt128 cost, int capacity, int proving, int waiting, long proofsWon, IEnumerable<UInt128> recentPrices)
    {
        ArgumentNullException.ThrowIfNull(prover);
        ArgumentNullException.ThrowIfNull(recentPrices);
        Job = job;
        Prover = prover;
        Index = index;
        Cost = cost;
        Capacity = capacity;
        Proving = proving;
        Waiting = waiting;
        ProofsWon = proofsWon;
        _recent = [.. recentPrices];
    }

    /// <summary>The job: rollup, block, transactions, gas, kind and when its input was ready.</summary>
    public ProofBlockView Job { get; }

    /// <summary>The prover's name, as written in the scenario.</summary>
    public string Prover { get; }

    /// <summary>The prover's position in its market (0-based).</summary>
    public int Index { get; }

    /// <summary>The prover's own cost for this job, in wei (its <c>cost</c> per block, or per transaction times the job's transactions).</summary>
    public UInt128 Cost { get; }

    /// <summary>How many jobs it proves at once.</summary>
    public int Capacity { get; }

    /// <summary>How many jobs it is proving when the auction clears.</summary>
    public int Proving { get; }

    /// <summary>How many jobs it has won that wait for a free slot when the auction clears.</summary>
    public int Waiting { get; }

    /// <summary>Jobs it holds when the auction clears: <see cref="Proving"/> + <see cref="Waiting"/>.</summary>
    public int Held => Proving + Waiting;

    /// <summary>Jobs it has won so far, over every rollup of its market.</summary>
    public long ProofsWon { get; }

    /// <summary>How many recent clearing prices the view holds (at most 16; fewer early in the run).</summary>
    public int RecentPriceCount => _recent.Length;

    /// <summary>Recent clearing price <paramref name="index"/>, in wei: 0 is the oldest held, <see cref="RecentPriceCount"/> − 1 the latest.</summary>
    public UInt128 RecentPrice(int index) => _recent[index];

    /// <summary>The latest clearing price in wei, or 0 before the first job has cleared.</summary>
    public UInt128 LastPrice => _recent.Length == 0 ? UInt128.Zero : _recent[^1];
}
