namespace ProtoScript.Engine.State;

/// <summary>
/// The accounts of one chain in dense arrays indexed by account number, with the set
/// of accounts changed since the last state root so the root can be updated
/// incrementally. While a <see cref="WorldState"/> snapshot is open every write records the
/// value it overwrites in the world state's journal, so the snapshot can be restored.
/// </summary>
public sealed class AccountState
{
    private readonly UInt128[] _balances;
    private readonly UInt128[][] _tokenBalances;
    private readonly ulong[] _nonces;
    private readonly bool[] _isDirty;
    private readonly int[] _dirty;
    private int _dirtyCount;

    // The journal of the world state this belongs to, set only while a snapshot is open.
    private StateJournal? _recording;

    // What a balance write records as: Balance for accounts, Storage for contract storage held here.
    private JournalTarget _balanceTarget = JournalTarget.Balance;

    /// <summary>Creates <paramref name="count"/> accounts with zero balance and nonce.</summary>
    public AccountState(int count)
        : this(count, 0)
    {
    }

    /// <summary>
    /// Creates <paramref name="count"/> accounts with zero balance and nonce, each also able
    /// to hold <paramref name="tokens"/> declared tokens (token <c>t</c> is the scenario's
    /// <c>t</c>-th declared token), all zero.
    /// </summary>
    public AccountState(int count, int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        _balances = new UInt128[count];
        _tokenBalances = new UInt128[tokens][];
        for (var t = 0; t < tokens; t++)
        {
            _tokenBalances[t] = new UInt128[count];
        }

        _nonces = new ulong[count];
        _isDirty = new bool[count];
        _dirty = new int[count];
    }

    /// <summary>The number of accounts.</summary>
    public int Count => _balances.Length;

    /// <summary>The number of declared tokens each account can hold besides ether.</summary>
    public int TokenCount => _tokenBalances.Length;

    /// <summary>The accounts changed since the last <see cref="ClearDirty"/>, in the order first changed.</summary>
    public ReadOnlySpan<int> DirtyAccounts => _dirty.AsSpan(0, _dirtyCount);

    /// <summary>The balance of an account, in wei.</summary>
    public UInt128 Balance(int account) => _balances[account];

    /// <summary>The number of transactions the account has sent.</summary>
    public ulong Nonce(int account) => _nonces[account];

    /// <summary>The sum of all balances (the supply held by accounts).</summary>
    public UInt128 TotalBalance()
    {
        UInt128 total = 0;
        foreach (var balance in _balances)
        {
            total = checked(total + balance);
        }

        return total;
    }

    /// <summary>An account's balance of declared token <paramref name="token"/>, in its smallest unit.</summary>
    public UInt128 TokenBalance(int token, int account) => _tokenBalances[token][account];

    /// <summary>The sum of all accounts' balances of declared token <paramref name="token"/>.</summary>
    public UInt128 TotalTokenBalance(int token)
    {
        UInt128 total = 0;
        foreach (var balance in _tokenBalances[token])
        {
            total = checked(total + balance);
        }

        return total;
    }

    /// <summary>Sets an account's balance of a declared token (genesis allocation and tests).</summary>
    public void SetTokenBalance(int token, int account, UInt128 balance)
    {
        _recording?.Record(JournalTarget.Token, account, token, _tokenBalances[token][account]);
        _tokenBalances[token][account] = balance;
        MarkDirty(account);
    }

    /// <summary>Adds to an account's balance of a declared token.</summary>
    public void CreditToken(int token, int account, UInt128 amount)
    {
        _recording?.Record(JournalTarget.Token, account, token, _tokenBalances[token][account]);
        _tokenBalances[token][account] = checked(_tokenBalances[token][account] + amount);
        MarkDirty(account);
    }

    /// <summary>Subtracts from an account's balance of a declared token; the caller has checked it is sufficient.</summary>
    /// <exception cref="OverflowException">The balance is smaller than <paramref name="amount"/>.</exception>
    public void DebitToken(int token, int account, UInt128 amount)
    {
        _recording?.Record(JournalTarget.Token, account, token, _tokenBalances[token][account]);
        _tokenBalances[token][account] = checked(_tokenBalances[token][account] - amount);
        MarkDirty(account);
    }

    /// <summary>Sets an account's balance (genesis allocation and tests).</summary>
    public void SetBalance(int account, UInt128 balance)
    {
        _recording?.Record(_balanceTarget, account, 0, _balances[account]);
        _balances[account] = balance;
        MarkDirty(account);
    }

    /// <summary>Adds to an account's balance.</summary>
    public void Credit(int account, UInt128 amount)
    {
        _recording?.Record(_balanceTarget, account, 0, _balances[account]);
        _balances[account] = checked(_balances[account] + amount);
        MarkDirty(account);
    }

    /// <summary>Subtracts from an account's balance; the caller has checked it is sufficient.</summary>
    /// <exception cref="OverflowException">The balance is smaller than <paramref name="amount"/>.</exception>
    public void Debit(int account, UInt128 amount)
    {
        _recording?.Record(_balanceTarget, account, 0, _balances[account]);
        _balances[account] = checked(_balances[account] - amount);
        MarkDirty(account);
    }

    /// <summary>Counts one more transaction sent by the account.</summary>
    public void IncrementNonce(int account)
    {
        _recording?.Record(JournalTarget.Nonce, account, 0, _nonces[account]);
        _nonces[account]++;
        MarkDirty(account);
    }

    /// <summary>Starts or stops recording undo entries into <paramref name="journal"/> (null: no snapshot is open).</summary>
    internal void RecordInto(StateJournal? journal) => _recording = journal;

    /// <summary>Holds contract storage (a slot's word as its balance): balance writes are journaled as <see cref="JournalTarget.Storage"/>.</summary>
    internal void HoldStorage() => _balanceTarget = JournalTarget.Storage;

    /// <summary>Puts back a value an undo entry saved, marking the account dirty so the state root follows; nothing is recorded.</summary>
    internal void Undo(in JournalEntry entry)
    {
        switch (entry.Target)
        {
            case JournalTarget.Balance or JournalTarget.Storage:
                _balances[entry.Index] = entry.Old;
                break;
            case JournalTarget.Nonce:
                _nonces[entry.Index] = (ulong)entry.Old;
                break;
            default:
                _tokenBalances[entry.Token][entry.Index] = entry.Old;
                break;
        }

        MarkDirty(entry.Index);
    }

    /// <summary>Forgets which accounts changed, once a state root covers them.</summary>
    public void ClearDirty()
    {
        foreach (var account in DirtyAccounts)
        {
            _isDirty[account] = false;
        }

        _dirtyCount = 0;
    }

    private void MarkDirty(int account)
    {
        if (!_isDirty[account])
        {
            _isDirty[account] = true;
            _dirty[_dirtyCount++] = account;
        }
    }
}
