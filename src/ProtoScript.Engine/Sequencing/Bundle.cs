using System.Collections.Immutable;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// A run of transactions on one rollup inside a slot: the unit a <see cref="SlotCoordinator"/>
/// executes, in order, into the blocks it has open, so a slot may go A, B, A.
/// </summary>
/// <param name="Rollup">The rollup whose open block the transactions go into.</param>
/// <param name="Transactions">The transactions, in order; each is one leg of its bundle.</param>
public readonly record struct SlotSection(RollupChain Rollup, ImmutableArray<Transaction> Transactions);

/// <summary>
/// Legs on any of a coordinator's rollups, included together in one slot, in order: a same-slot
/// cross-chain transfer is a source leg on one rollup then a destination leg on another, but a
/// bundle may have any number of sections on any members, one rollup several times.
/// </summary>
/// <remarks>
/// What a leg does follows from its kind: a <see cref="DataAvailability.TransactionKind.CrossChainMessage"/>
/// sends value out (and opens a message), a <see cref="DataAvailability.TransactionKind.CrossChainDelivery"/>
/// credits the last message sent before it, anything else is a transfer on its rollup. Nonces, message
/// ids and a delivery's time are stamped when the bundle is included.
/// </remarks>
/// <param name="Sections">The bundle's sections, in execution order.</param>
/// <param name="SubmitTime">When the user sent it, from which its latency is measured.</param>
public readonly record struct Bundle(ImmutableArray<SlotSection> Sections, SimDuration SubmitTime)
{
    /// <summary>
    /// A bundle over a path of rollups, whose legs are built and stamped leg by leg as they run
    /// (its sections then only name the rollups, with no transactions); null for a bundle of
    /// ready transactions.
    /// </summary>
    public Bundles.PathBundle? Path { get; init; }

    /// <summary>Whether a leg of the bundle is on <paramref name="rollup"/>.</summary>
    public bool Touches(RollupChain rollup)
    {
        foreach (var section in Sections)
        {
            if (section.Rollup == rollup)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of legs over all sections.</summary>
    public int LegCount
    {
        get
        {
            var count = 0;
            foreach (var section in Sections)
            {
                count += section.Transactions.Length;
            }

            return count;
        }
    }
}
