using System.Numerics;

namespace ProtoScript.Engine.Mempool;

/// <summary>
/// Proof of work per transaction, as a pool that asks for it checks it: the work hash of the
/// transaction's fields and its <see cref="Transaction.PowNonce"/> must start with at least the
/// difficulty's zero bits. A sender finds such a nonce by trying 0, 1, 2, … in turn, so the
/// number of tries (and the sender's time, at its hash rate) is geometric with mean 2^difficulty.
/// </summary>
/// <remarks>
/// The hash is a 64-bit mix (SplitMix64's finalizer over each field), not a cryptographic hash:
/// the simulation needs the search's cost and the check's verdict to be those of a real scheme,
/// and no simulated sender tries to break it. It binds the work to the sender, recipient, value,
/// fee and account nonce, so the work of one transaction does not stamp another.
/// </remarks>
public static class PowStamp
{
    /// <summary>The work hash of <paramref name="transaction"/> with the nonce <paramref name="powNonce"/>.</summary>
    public static ulong Hash(in Transaction transaction, ulong powNonce) => Mix(Prefix(in transaction) ^ powNonce);

    /// <summary>Whether <paramref name="transaction"/>'s own <see cref="Transaction.PowNonce"/> meets <paramref name="difficulty"/> (always, at difficulty 0).</summary>
    public static bool IsValid(in Transaction transaction, int difficulty) =>
        difficulty <= 0 || BitOperations.LeadingZeroCount(Hash(in transaction, transaction.PowNonce)) >= difficulty;

    /// <summary>Searches for the first nonce from 0 that meets <paramref name="difficulty"/>.</summary>
    /// <param name="transaction">The transaction to stamp; its own <see cref="Transaction.PowNonce"/> is ignored.</param>
    /// <param name="difficulty">The leading zero bits asked for.</param>
    /// <param name="tries">How many nonces were hashed, the found one included: the sender's work.</param>
    /// <returns>The nonce.</returns>
    public static ulong Solve(in Transaction transaction, int difficulty, out ulong tries)
    {
        var prefix = Prefix(in transaction);
        ulong nonce = 0;
        while (difficulty > 0 && BitOperations.LeadingZeroCount(Mix(prefix ^ nonce)) < difficulty)
        {
            nonce++;
        }

        tries = nonce + 1;
        return nonce;
    }

    private static ulong Prefix(in Transaction tx)
    {
        var h = Mix(0x9E3779B97F4A7C15UL ^ (ulong)(uint)tx.From);
        h = Mix(h ^ (ulong)(uint)tx.To);
        h = Mix(h ^ tx.Nonce);
        h = Mix(h ^ (ulong)tx.Value);
        h = Mix(h ^ (ulong)(tx.Value >> 64));
        h = Mix(h ^ (ulong)tx.PriorityFeePerGas);
        h = Mix(h ^ (ulong)(tx.PriorityFeePerGas >> 64));
        return Mix(h ^ tx.Gas);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
