using ProtoScript.Engine.Bridge;
using ProtoScript.Engine.L1;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.DataAvailability;

/// <summary>
/// One L1 transaction that carried rollup data: where it landed and its bytes exactly as
/// posted (the derivation version byte, then one channel frame; see <see cref="ChannelFrames"/>).
/// </summary>
/// <param name="L1Block">The number of the L1 block that included it.</param>
/// <param name="Time">That block's time.</param>
/// <param name="Rollup">The index of the posting rollup, in declaration order.</param>
/// <param name="RollupName">The posting rollup's name.</param>
/// <param name="Target">Whether the bytes were in blobs or in calldata.</param>
/// <param name="Data">The transaction's data: blob contents (before the field-element encoding) or calldata.</param>
public sealed record L1DataTransaction(ulong L1Block, SimDuration Time, int Rollup, string RollupName, DaTarget Target, ReadOnlyMemory<byte> Data)
{
    /// <summary>
    /// For data a shared sequencer aggregated (<c>aggregate_data</c>): the indexes of every rollup
    /// whose frames it carries (a frame's channel id holds its rollup's index + 1 in its upper 64
    /// bits); default when it is one rollup's own posting.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<int> SharedBy { get; init; }

    /// <summary>Whether a derivation of rollup <paramref name="rollup"/> reads this transaction.</summary>
    public bool Carries(int rollup) => SharedBy.IsDefault ? Rollup == rollup : SharedBy.Contains(rollup);

    /// <summary>The rollup index a frame of <paramref name="channel"/> belongs to in aggregated data.</summary>
    public static int RollupOf(ChannelId channel) => (int)(uint)(channel.Value >> 64) - 1;
}

/// <summary>One sealed L1 block: when, and at what fees and usage.</summary>
/// <param name="Time">The block's time.</param>
/// <param name="Fees">Its number, fees, gas and blobs.</param>
public readonly record struct L1BlockRecord(SimDuration Time, L1BlockFees Fees);

/// <summary>
/// Everything a run put on L1, in inclusion order: every block and every rollup data
/// transaction. This is the input of a verifier that re-derives the rollups from L1 data
/// alone. A run keeps it only when asked to (it holds every posted byte).
/// </summary>
public sealed class L1DataLog
{
    private readonly List<L1BlockRecord> _blocks = [];
    private readonly List<L1DataTransaction> _transactions = [];
    private readonly List<L1Deposit> _deposits = [];
    private readonly List<L1Deposit> _delayed = [];

    /// <summary>Every sealed L1 block, oldest first (genesis, block 0, is not sealed and not listed).</summary>
    public IReadOnlyList<L1BlockRecord> Blocks => _blocks;

    /// <summary>Every rollup data transaction, by L1 block, then in the order the block included them.</summary>
    public IReadOnlyList<L1DataTransaction> Transactions => _transactions;

    /// <summary>Every deposit transaction to a rollup, in L1 order (by block, then as sent).</summary>
    public IReadOnlyList<L1Deposit> Deposits => _deposits;

    /// <summary>Every message sent to a rollup's delayed inbox (Arbitrum style), in L1 order; a rollup's messages are numbered from 0 in this order.</summary>
    public IReadOnlyList<L1Deposit> DelayedMessages => _delayed;

    /// <summary>The data transactions of one L1 block, in inclusion order.</summary>
    public IEnumerable<L1DataTransaction> InBlock(ulong number) => _transactions.Where(t => t.L1Block == number);

    /// <summary>
    /// A copy with every data transaction passed through <paramref name="map"/>, which returns it,
    /// a replacement, or null to leave it out; the blocks stay. This is how a verifier is shown
    /// tampered or withheld data.
    /// </summary>
    public L1DataLog Rewrite(Func<L1DataTransaction, L1DataTransaction?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var copy = new L1DataLog();
        copy._blocks.AddRange(_blocks);
        copy._deposits.AddRange(_deposits);
        copy._delayed.AddRange(_delayed);
        foreach (var transaction in _transactions)
        {
            if (map(transaction) is { } kept)
            {
                copy._transactions.Add(kept);
            }
        }

        return copy;
    }

    /// <summary>
    /// A copy with every deposit passed through <paramref name="map"/>, which returns it, a
    /// replacement, or null to leave it out; blocks and data transactions stay. This is how a
    /// verifier is shown a log that hides or alters deposits.
    /// </summary>
    public L1DataLog RewriteDeposits(Func<L1Deposit, L1Deposit?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var copy = new L1DataLog();
        copy._blocks.AddRange(_blocks);
        copy._transactions.AddRange(_transactions);
        copy._delayed.AddRange(_delayed);
        foreach (var deposit in _deposits)
        {
            if (map(deposit) is { } kept)
            {
                copy._deposits.Add(kept);
            }
        }

        return copy;
    }

    internal void AddBlock(L1BlockRecord block) => _blocks.Add(block);

    internal void AddTransaction(L1DataTransaction transaction) => _transactions.Add(transaction);

    internal void AddDeposit(L1Deposit deposit) => _deposits.Add(deposit);

    internal void AddDelayedMessage(L1Deposit message) => _delayed.Add(message);
}
