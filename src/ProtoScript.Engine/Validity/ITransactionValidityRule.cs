using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Validity;

/// <summary>
/// What a rollup's sequencer knows of a sender when it checks the sender's next transaction:
/// the sender's history on this rollup so far, never the future.
/// </summary>
/// <param name="Account">The sender's account index.</param>
/// <param name="Included">Transactions of the sender included in earlier blocks and in this block so far.</param>
/// <param name="IncludedThisBlock">Of those, the ones in the block being built.</param>
/// <param name="LastIncluded">When the block that last included one of its transactions was sealed (this block's time if it is in this block), or null.</param>
public readonly record struct SenderRecord(int Account, long Included, long IncludedThisBlock, SimDuration? LastIncluded);

/// <summary>
/// Decides, before execution, whether the sequencer may include a transaction: spam rules
/// such as a minimum fee, a rate limit per sender or an allow list. A refused transaction
/// is dropped (<c>rejected_by_validity_rule</c>) with its sender's later ones.
/// </summary>
public interface ITransactionValidityRule
{
    /// <summary>True to let <paramref name="tx"/> execute.</summary>
    /// <param name="tx">The transaction about to execute.</param>
    /// <param name="sender">Its sender's history.</param>
    /// <param name="block">The number of the block being built.</param>
    /// <param name="now">The simulated time of that block.</param>
    bool Accepts(in Transaction tx, in SenderRecord sender, long block, SimDuration now);
}
