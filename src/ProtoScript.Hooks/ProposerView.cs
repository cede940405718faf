namespace ProtoScript.Hooks;

/// <summary>
/// One round of a BFT sequencer set, as its <c>proposer</c> hook sees it: the height and round
/// being started, the set's size and stakes, who proposed the height before, and which nodes are
/// crashed now. Nodes are numbered 1 … <see cref="Nodes"/>, as in the scenario; the hook returns one.
/// </summary>
public sealed class ProposerView
{
    private readonly ulong[] _stakes;
    private readonly bool[] _crashed;

    /// <summary>Copies what the hook sees, so it cannot change the set.</summary>
    /// <param name="height">The height being decided (1-based).</param>
    /// <param name="round">The round within it (0-based: 0 is the first try).</param>
    /// <param name="timeMicroseconds">When the round starts, in simulated microseconds since genesis.</param>
    /// <param name="previousProposer">The node whose block decided the height before (0 for the first height).</param>
    /// <param name="stakes">Each node's stake, in node order (all 1 when the scenario gives none).</param>
    /// <param name="crashed">Whether each node is crashed when the round starts, in node order.</param>
    public ProposerView(long height, int round, long timeMicroseconds, int previousProposer, IEnumerable<ulong> stakes, IEnumerable<bool> crashed)
    {
        Height = height;
        Round = round;
        TimeMicroseconds = timeMicroseconds;
        PreviousProposer = previousProposer;
        _stakes = [.. stakes];
        _crashed = [.. crashed];
        if (_stakes.Length != _crashed.Length)
        {
            throw new ArgumentException("One stake and one crash flag per node.", nameof(crashed));
        }
    }

    /// <summary>The height being decided (1-based).</summary>
    public long Height { get; }

    /// <summary>The round within the height (0-based): above 0 after failed rounds.</summary>
    public int Round { get; }

    /// <summary>When the round starts, in simulated microseconds since genesis.</summary>
    public long TimeMicroseconds { get; }

    /// <summary>When the round starts, as a time span since genesis (simulated time).</summary>
    public TimeSpan Time => TimeSpan.FromMicroseconds(TimeMicroseconds);

    /// <summary>The number of nodes in the set: the hook returns 1 … <see cref="Nodes"/>.</summary>
    public int Nodes => _stakes.Length;

    /// <summary>The node whose block decided the previous height (1 … <see cref="Nodes"/>), or 0 for the first height.</summary>
    public int PreviousProposer { get; }

    /// <summary>The sum of the nodes' stakes.</summary>
    public ulong TotalStake => _stakes.Aggregate(0UL, (sum, stake) => sum + stake);

    /// <summary>The built-in <c>round_robin</c> choice for this height and round: node ((height − 1 + round) mod n) + 1.</summary>
    public int RoundRobin => (int)(((Height - 1) + Round) % Nodes) + 1;

    /// <summary>The stake of <paramref name="node"/> (1 … <see cref="Nodes"/>); 1 for every node when the scenario gives no stakes.</summary>
    public ulong Stake(int node) => _stakes[Index(node)];

    /// <summary>True when <paramref name="node"/> (1 … <see cref="Nodes"/>) is crashed as the round starts (a crashed proposer costs the round's timeout).</summary>
    public bool IsCrashed(int node) => _crashed[Index(node)];

    private int Index(int node)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(node, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(node, Nodes);
        return node - 1;
    }
}
