using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Workload;

/// <summary>
/// The contract storage a rollup keeps for its users' storage writes (<c>storage_writes</c>), and
/// the gas a write costs.
/// </summary>
/// <remarks>
/// As with <see cref="FreshAccounts"/>, the storage tree's shape is fixed at genesis, so the sequencer
/// and every deriving node keep the same slots: enough for every write to create slots (a write
/// meant to overwrite creates them while no slot exists yet), a thinned Poisson count with mean at
/// most rate × duration × storage share, taken at its mean plus ten standard deviations plus 64,
/// times the slots per write.
/// </remarks>
public static class StorageReserve
{
    /// <summary>A transaction's base cost, as a transfer's.</summary>
    public const ulong BaseGas = 21_000;

    /// <summary>The first access to a slot in a transaction (EIP-2929's COLD_SLOAD_COST).</summary>
    public const ulong ColdSlotGas = 2_100;

    /// <summary>Writing a non-zero word to a slot that held zero (EIP-2200's SSTORE_SET_GAS).</summary>
    public const ulong NewSlotGas = 20_000;

    /// <summary>Writing a slot that held a non-zero word (EIP-2929's SSTORE_RESET_GAS: 5 000 − COLD_SLOAD_COST).</summary>
    public const ulong OverwriteGas = 2_900;

    /// <summary>How many slots rollup <paramref name="rollup"/> keeps: 0 when no stream on it writes storage.</summary>
    public static int Slots(ScenarioModel scenario, string rollup)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(rollup);
        var slots = 0.0;
        var any = false;
        foreach (var stream in scenario.Workload.Streams)
        {
            if (stream.StorageWriteShare > 0 && stream.Rollups.Contains(rollup))
            {
                any = true;
                var mean = stream.RatePerSecond * scenario.Duration.TotalSeconds * stream.StorageWriteShare;
                slots += Math.Ceiling(mean + (10 * Math.Sqrt(mean)) + 64) * stream.SlotsPerWrite;
            }
        }

        return !any ? 0 : slots >= State.MerkleStateTree.MaxAccounts ? State.MerkleStateTree.MaxAccounts : (int)slots;
    }

    /// <summary>
    /// The gas of a write of <paramref name="slots"/> slots, all new or all overwritten: 21 000, plus
    /// per slot its cold access (2 100) and the write (20 000 for a new slot, 2 900 for an overwrite),
    /// Ethereum's costs since Berlin (EIP-2929) with EIP-2200's net metering; the call's own code and
    /// calldata are not priced.
    /// </summary>
    public static ulong Gas(int slots, bool fresh) =>
        BaseGas + ((ulong)slots * (ColdSlotGas + (fresh ? NewSlotGas : OverwriteGas)));
}
