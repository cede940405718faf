using ProtoScript.Hooks;

namespace ProtoScript.Engine.Batching;

/// <summary>
/// How one shared L1 posting's fee is split among the rollups whose frames it carries: by
/// bytes or equally, exactly to the wei; and how a hook's shares of the whole cost are told
/// apart into blob and execution fees.
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

    /// <summary>
    /// Each of <paramref name="parts"/> gets ⌊<paramref name="fee"/> / parts⌋ and the first
    /// (fee mod parts) get one wei more: 10 wei among 3 parts is 4, 3, 3.
    /// </summary>
    public static UInt128[] Equal(UInt128 fee, int parts) => CostSplitView.Equal(fee, parts);

    /// <summary>
    /// Tells each share of a posting's whole cost apart into blob fee and execution fee, so that
    /// the blob parts sum to <paramref name="blobFee"/>, the execution parts to
    /// <paramref name="executionFee"/>, and each part's two sum to its share: each part's
    /// execution part is ⌊executionFee × share / total⌋, the rest of its share is blob fee, and
    /// the execution wei the rounding left over move from the first parts' blob fee.
    /// </summary>
    /// <param name="shares">Each part's share; they sum to <paramref name="blobFee"/> + <paramref name="executionFee"/>.</param>
    /// <param name="blobFee">The posting's blob fee.</param>
    /// <param name="executionFee">The posting's execution fee.</param>
    /// <exception cref="ArgumentException">The shares do not sum to the posting's cost.</exception>
    public static (UInt128[] Blob, UInt128[] Execution) Apportion(IReadOnlyList<UInt128> shares, UInt128 blobFee, UInt128 executionFee)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var total = checked(blobFee + executionFee);
        UInt128 sum = 0;
        foreach (var share in shares)
        {
            sum = checked(sum + share);
        }

        if (sum != total)
        {
            throw new ArgumentException("The shares must sum to the posting's cost.", nameof(shares));
        }

        var blob = new UInt128[shares.Count];
        var execution = new UInt128[shares.Count];
        UInt128 given = 0;
        for (var i = 0; i < shares.Count; i++)
        {
            // ⌊e × s / t⌋ ≤ s, so the blob part s − it is never negative.
            execution[i] = total == 0 ? UInt128.Zero : checked(executionFee * shares[i]) / total;
            blob[i] = shares[i] - execution[i];
            given += execution[i];
        }

        // The blob parts now hold the left-over wei too (they sum to blobFee + left); move them.
        var left = executionFee - given;
        for (var i = 0; i < blob.Length && left > 0; i++)
        {
            var move = UInt128.Min(left, blob[i]);
            blob[i] -= move;
            execution[i] += move;
            left -= move;
        }

        return (blob, execution);
    }
}
