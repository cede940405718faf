namespace ProtoScript.Engine.State;

/// <summary>
/// The size of a rollup's state as a node would store it: only what exists, in a fixed
/// encoding (see <see cref="Measure(AccountState, int)"/>). The engine keeps every account in dense arrays, but a
/// real chain stores no entry for an account that was never touched, so the measure counts
/// an account only once it holds something and grows as accounts come into use.
/// </summary>
/// <param name="Accounts">Accounts that exist: balance, nonce or some token balance is non-zero.</param>
/// <param name="TokenBalances">Non-zero token balances, over all accounts and tokens.</param>
/// <param name="Pools">AMM pools.</param>
/// <param name="StorageSlots">Contract-storage slots holding a non-zero word.</param>
public readonly record struct StateSize(long Accounts, long TokenBalances, long Pools, long StorageSlots = 0)
{
    /// <summary>Bytes per storage slot: index u64, word u128, 8 zero bytes (the slot's Merkle leaf, as an account's).</summary>
    public const int StorageSlotBytes = 32;

    /// <summary>Bytes per account: index u64, ether balance u128, nonce u64 (the Merkle leaf's 32-byte preimage).</summary>
    public const int AccountBytes = 8 + 16 + 8;

    /// <summary>Bytes per non-zero token balance: token index u8, balance u128.</summary>
    public const int TokenBalanceBytes = 1 + 16;

    /// <summary>
    /// Bytes per pool: its reserve account u64, the two assets u8 each, the fee in parts per
    /// million u32, the two reserves u128 each.
    /// </summary>
    public const int PoolBytes = 8 + 1 + 1 + 4 + 16 + 16;

    /// <summary>The encoded size in bytes.</summary>
    public long Bytes => (Accounts * AccountBytes) + (TokenBalances * TokenBalanceBytes) + (Pools * PoolBytes) + (StorageSlots * StorageSlotBytes);

    /// <summary>Measures a state with <paramref name="pools"/> pools (one pass over every account and token).</summary>
    public static StateSize Measure(AccountState state, int pools)
    {
        ArgumentNullException.ThrowIfNull(state);
        long accounts = 0, tokenBalances = 0;
        for (var a = 0; a < state.Count; a++)
        {
            var tokens = 0;
            for (var t = 0; t < state.TokenCount; t++)
            {
                if (state.TokenBalance(t, a) != UInt128.Zero)
                {
                    tokens++;
                }
            }

            tokenBalances += tokens;
            if (tokens > 0 || state.Balance(a) != UInt128.Zero || state.Nonce(a) != 0)
            {
                accounts++;
            }
        }

        return new StateSize(accounts, tokenBalances, pools);
    }

    /// <summary>Measures a state with <paramref name="pools"/> pools and the contract storage <paramref name="storage"/> (null for none).</summary>
    public static StateSize Measure(AccountState state, int pools, AccountState? storage)
    {
        var size = Measure(state, pools);
        if (storage is null)
        {
            return size;
        }

        long slots = 0;
        for (var s = 0; s < storage.Count; s++)
        {
            if (storage.Balance(s) != UInt128.Zero)
            {
                slots++;
            }
        }

        return size with { StorageSlots = slots };
    }
}
