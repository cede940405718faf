using System.Collections.Immutable;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>What became of one transaction a builder proposed for its block candidate.</summary>
public enum CandidateOutcome : byte
{
    /// <summary>Executed into the candidate: the sender paid and the value moved.</summary>
    Included,

    /// <summary>Left out: it needed more gas than the candidate had left.</summary>
    OutOfGas,

    /// <summary>Left out: its nonce was not the sender's next one.</summary>
    NonceGap,

    /// <summary>Left out: its sender could not pay, or an account does not exist.</summary>
    InsufficientBalance,

    /// <summary>
    /// Left out: not a transaction a builder proposes (an L1 deposit or a cross-chain delivery,
    /// which the block takes when it opens), or a swap on a rollup without pools.
    /// </summary>
    Unsupported,

    /// <summary>In the candidate and paid its gas, but reverted: a swap whose slippage limit, liquidity or input balance failed.</summary>
    Reverted,
}

/// <summary>
/// One builder's block for a slot, built on a snapshot of the rollup's world state and then
/// restored, so several builders can each offer a block for the same slot and the proposer can
/// pick one (<see cref="RollupParts.Builders"/>). Immutable: it records what the builder
/// proposed, what became of each transaction, and what the block is worth to the proposer; only
/// the chosen candidate is applied to the chain, by the block processor.
/// </summary>
public sealed class BlockCandidate
{
    internal BlockCandidate(string builder, SimDuration time, ImmutableArray<Transaction> transactions, ImmutableArray<CandidateOutcome> outcomes, ulong gasUsed, UInt128 proposerValue, ImmutableArray<RejectReason> revertReasons = default)
    {
        RevertReasons = revertReasons;
        Builder = builder;
        Time = time;
        Transactions = transactions;
        Outcomes = outcomes;
        GasUsed = gasUsed;
        ProposerValue = proposerValue;
    }

    /// <summary>The builder's name (<see cref="IBlockBuilder.Name"/>).</summary>
    public string Builder { get; }

    /// <summary>The time of the block it is a candidate for.</summary>
    public SimDuration Time { get; }

    /// <summary>The transactions the builder proposed, in its order.</summary>
    public ImmutableArray<Transaction> Transactions { get; }

    /// <summary>What became of each of <see cref="Transactions"/>, at the same index.</summary>
    public ImmutableArray<CandidateOutcome> Outcomes { get; }

    /// <summary>Why each <see cref="CandidateOutcome.Reverted"/> transaction reverted, at the same index; default (empty) when none did.</summary>
    public ImmutableArray<RejectReason> RevertReasons { get; }

    /// <summary>Whether the transaction at <paramref name="index"/> is in the block (executed or reverted).</summary>
    public bool InBlock(int index) => Outcomes[index] is CandidateOutcome.Included or CandidateOutcome.Reverted;

    /// <summary>The gas of the included transactions.</summary>
    public ulong GasUsed { get; }

    /// <summary>What the block pays the proposer: the priority fees of its included transactions, in wei.</summary>
    public UInt128 ProposerValue { get; }

    /// <summary>
    /// The proposer's default choice: the candidate worth most to it, the first built on a tie
    /// (so the order the builders are listed in decides ties, deterministically).
    /// </summary>
    public static int MostValuable(IReadOnlyList<BlockCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var best = 0;
        for (var i = 1; i < candidates.Count; i++)
        {
            if (candidates[i].ProposerValue > candidates[best].ProposerValue)
            {
                best = i;
            }
        }

        return best;
    }
}

/// <summary>
/// A block builder competing for a rollup's slots: it proposes an ordered list of transactions
/// for each block, which the chain executes into a <see cref="BlockCandidate"/> on a snapshot.
/// </summary>
public interface IBlockBuilder
{
    /// <summary>The builder's name, recorded in its candidates.</summary>
    string Name { get; }

    /// <summary>
    /// The transactions it proposes for the block sealed at <paramref name="time"/>, in order,
    /// from its own order flow; it must not change the chain.
    /// </summary>
    IReadOnlyList<Transaction> Propose(RollupChain chain, SimDuration time, ulong gasLimit);
}
