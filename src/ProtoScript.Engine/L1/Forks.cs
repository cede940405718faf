using System.Diagnostics.CodeAnalysis;

namespace ProtoScript.Engine.L1;

/// <summary>
/// The L1 forks a scenario can name, oldest first, with the mainnet values of their
/// parameters. Lookups ignore case.
/// </summary>
public static class Forks
{
    /// <summary>
    /// Cancun (Dencun, <see href="https://eips.ethereum.org/EIPS/eip-7569">EIP-7569</see>):
    /// <see href="https://eips.ethereum.org/EIPS/eip-4844">EIP-4844</see> blobs, target 3, max 6,
    /// update fraction 3338477; 30M gas limit.
    /// </summary>
    public static ForkSpec Cancun { get; } = new()
    {
        Name = "cancun",
        GasLimit = 30_000_000,
        TargetBlobsPerBlock = 3,
        MaxBlobsPerBlock = 6,
        BlobBaseFeeUpdateFraction = 3_338_477,
        MaxBlobsPerTransaction = 6,
    };

    /// <summary>
    /// Prague (Pectra, <see href="https://eips.ethereum.org/EIPS/eip-7600">EIP-7600</see>):
    /// <see href="https://eips.ethereum.org/EIPS/eip-7691">EIP-7691</see> raises blobs to target 6,
    /// max 9, update fraction 5007716; <see href="https://eips.ethereum.org/EIPS/eip-7623">EIP-7623</see>
    /// adds the calldata floor of 10 gas per token; 36M gas limit.
    /// </summary>
    public static ForkSpec Prague { get; } = Cancun with
    {
        Name = "prague",
        GasLimit = 36_000_000,
        TargetBlobsPerBlock = 6,
        MaxBlobsPerBlock = 9,
        BlobBaseFeeUpdateFraction = 5_007_716,
        MaxBlobsPerTransaction = 9,
        CalldataFloorPerToken = 10,
    };

    /// <summary>
    /// Osaka (Fusaka, <see href="https://eips.ethereum.org/EIPS/eip-7607">EIP-7607</see>): blob
    /// parameters as Prague; <see href="https://eips.ethereum.org/EIPS/eip-7918">EIP-7918</see>'s
    /// blob reserve price (BLOB_BASE_COST 2^13); <see href="https://eips.ethereum.org/EIPS/eip-7594">EIP-7594</see>
    /// (PeerDAS) caps a transaction at 6 blobs; <see href="https://eips.ethereum.org/EIPS/eip-7825">EIP-7825</see>
    /// caps a transaction at 2^24 gas; 60M gas limit.
    /// </summary>
    public static ForkSpec Osaka { get; } = Prague with
    {
        Name = "osaka",
        GasLimit = 60_000_000,
        MaxBlobsPerTransaction = 6,
        BlobBaseCost = 1UL << 13,
        MaxTransactionGas = 1UL << 24,
    };

    /// <summary>
    /// The first blob-parameter-only fork after Osaka
    /// (<see href="https://eips.ethereum.org/EIPS/eip-7892">EIP-7892</see>): target 10, max 15,
    /// update fraction 8346193; otherwise as Osaka.
    /// </summary>
    public static ForkSpec Bpo1 { get; } = Osaka with
    {
        Name = "bpo1",
        TargetBlobsPerBlock = 10,
        MaxBlobsPerBlock = 15,
        BlobBaseFeeUpdateFraction = 8_346_193,
    };

    /// <summary>
    /// The second blob-parameter-only fork (<see href="https://eips.ethereum.org/EIPS/eip-7892">EIP-7892</see>):
    /// target 14, max 21, update fraction 11684671; otherwise as Osaka.
    /// </summary>
    public static ForkSpec Bpo2 { get; } = Osaka with
    {
        Name = "bpo2",
        TargetBlobsPerBlock = 14,
        MaxBlobsPerBlock = 21,
        BlobBaseFeeUpdateFraction = 11_684_671,
    };

    /// <summary>Every known fork, oldest first.</summary>
    public static IReadOnlyList<ForkSpec> All { get; } = [Cancun, Prague, Osaka, Bpo1, Bpo2];

    /// <summary>The names of the known forks, oldest first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>Finds a known fork by name, ignoring case.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out ForkSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var fork in All)
        {
            if (string.Equals(fork.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                spec = fork;
                return true;
            }
        }

        spec = null;
        return false;
    }

    /// <summary>Returns the known fork named <paramref name="name"/>, ignoring case.</summary>
    /// <exception cref="ArgumentException">No fork has that name; the message lists the known ones.</exception>
    public static ForkSpec Get(string name) =>
        TryGet(name, out var spec) ? spec : throw new ArgumentException(UnknownForkMessage(name), nameof(name));

    /// <summary>
    /// The error for an unknown fork name: what was written, the nearest known name when one is
    /// close, and the full list, e.g. <c>unknown L1 fork 'pragu' (did you mean 'prague'?); known
    /// forks: cancun, prague, osaka, bpo1, bpo2</c>.
    /// </summary>
    public static string UnknownForkMessage(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var known = string.Join(", ", Names);
        var nearest = Names
            .Select(n => (Name: n, Distance: EditDistance(name.ToLowerInvariant(), n)))
            .Where(c => c.Distance <= Math.Max(1, c.Name.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
        var hint = nearest is null ? string.Empty : $" (did you mean '{nearest}'?)";
        return $"unknown L1 fork '{name}'{hint}; known forks: {known}";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
