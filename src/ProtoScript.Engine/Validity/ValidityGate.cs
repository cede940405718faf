using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Validity;

/// <summary>
/// A rollup's validity rule with the sender history it reads: per account, transactions
/// included, those in the current block, and the time of the last inclusion. Updated as
/// the block builder includes transactions, so the rule sees exactly the past.
/// </summary>
public sealed class ValidityGate
{
    private readonly ITransactionValidityRule _rule;
    private readonly string _rollup;
    private readonly long[] _included;
    private readonly long[] _includedThisBlock;
    private readonly long[] _lastBlock;
    private readonly long[] _lastMicroseconds;

    /// <summary>Creates the gate of a rollup with <paramref name="accounts"/> accounts.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="accounts">The number of accounts in the rollup's state.</param>
    /// <param name="rollup">The rollup's name, for failures.</param>
    /// <param name="wrapFailures">True for a rule from outside the engine (a hook): its exceptions then say when and where in the run they happened.</param>
    public ValidityGate(ITransactionValidityRule rule, int accounts, string rollup, bool wrapFailures)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rule = rule;
        _rollup = rollup;
        WrapFailures = wrapFailures;
        _included = new long[accounts];
        _includedThisBlock = new long[accounts];
        _lastBlock = new long[accounts];
        _lastMicroseconds = new long[accounts];
    }

    /// <summary>Whether the rule's exceptions are wrapped in <see cref="RuleFailedException"/>.</summary>
    public bool WrapFailures { get; }

    /// <summary>Transactions the rule refused.</summary>
    public long Refused { get; private set; }

    /// <summary>What the gate knows of <paramref name="account"/> while block <paramref name="block"/> is built.</summary>
    public SenderRecord Sender(int account, long block) => new(
        account,
        _included[account],
        _lastBlock[account] == block ? _includedThisBlock[account] : 0,
        _included[account] == 0 ? null : new SimDuration(_lastMicroseconds[account]));

    /// <summary>Asks the rule about <paramref name="tx"/>, in block <paramref name="block"/> at <paramref name="now"/>.</summary>
    public bool Accepts(in Transaction tx, SimDuration now, long block)
    {
        var sender = Sender(tx.From, block);
        bool accepted;
        if (!WrapFailures)
        {
            accepted = _rule.Accepts(in tx, in sender, block, now);
        }
        else
        {
            try
            {
                accepted = _rule.Accepts(in tx, in sender, block, now);
            }
            catch (Exception e) when (e is not (RuleFailedException or OutOfMemoryException))
            {
                throw new RuleFailedException(_rollup, now, block, e);
            }
        }

        if (!accepted)
        {
            Refused++;
        }

        return accepted;
    }

    /// <summary>Records that a transaction of <paramref name="account"/> was included in block <paramref name="block"/> at <paramref name="now"/>.</summary>
    public void Included(int account, SimDuration now, long block)
    {
        if (_lastBlock[account] != block)
        {
            _lastBlock[account] = block;
            _includedThisBlock[account] = 0;
        }

        _included[account]++;
        _includedThisBlock[account]++;
        _lastMicroseconds[account] = now.Microseconds;
    }
}
