namespace ProtoScript.Engine.Batching;

/// <summary>
/// How one shared L1 posting's fee is split among the rollups whose frames it carries: by
/// bytes, exactly to the wei.
/// </summary>
public static class DaCostSplit
{
    /// <summary>
    /// Each part gets ⌊<paramref name="fee"/> × its bytes / all bytes⌋; the remainder (fewer wei
    /// than parts) goes to the part with the most bytes, the first of them on a tie. The shares
    /// sum to <paramref name="fee"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No parts, or no bytes at all.</exception>
    public static UInt128[] ByBytes(UInt128 fee, ReadOnlySpan<ulong> bytes)
    {
        UInt128 total = 0;
        foreach (var b in bytes)
        {
            total += b;
        }

        if (bytes.IsEmpty || total == 0)
        {
            throw new ArgumentException("A posting's fee is split among parts with bytes.", nameof(bytes));
        }

        var shares = new UInt128[bytes.Length];
        UInt128 given = 0;
        var largest = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            shares[i] = checked(fee * bytes[i]) / total;
            given += shares[i];
            if (bytes[i] > bytes[largest])
            {
                largest = i;
            }
        }

        shares[largest] += fee - given;
        return shares;
    }
}
