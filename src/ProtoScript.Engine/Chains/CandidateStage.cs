using System.Collections.Immutable;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// The block-builder stage of a rollup with competing builders (<see cref="RollupParts.Builders"/>):
/// each builder's proposal is executed into a <see cref="BlockCandidate"/> on a snapshot of the
/// world state, the proposer picks one, the others are restored, and the block processor
/// includes the chosen one in the open block; the mempool stage then fills what gas is left.
/// </summary>
/// <remarks>
/// Only a slot with more than one candidate pays for snapshots. With one builder its candidate
/// is built in place and included as it is (each transaction executed once, nothing journaled).
/// With several, candidate <c>k</c> is built on a snapshot and restored before candidate
/// <c>k+1</c>; the last is still applied when the proposer chooses, so choosing it commits its
/// snapshot, and choosing another restores it and replays the winner: one more execution of the
/// winner's transactions, on exactly the state it was built on, so its outcomes are the same.
/// The rollup's default path (no builders) has no such stage and takes no snapshot.
/// </remarks>
internal sealed class CandidateStage : IBlockBuildStage
{
    private readonly ImmutableArray<IBlockBuilder> _builders;
    private readonly Func<IReadOnlyList<BlockCandidate>, int> _choose;

    public CandidateStage(ImmutableArray<IBlockBuilder> builders, Func<IReadOnlyList<BlockCandidate>, int> choose)
    {
        _builders = builders;
        _choose = choose;
    }

    public ulong Fill(RollupChain chain, SimDuration blockTime, ulong gasLeft)
    {
        var processor = chain.Processor;
        if (_builders.Length == 1)
        {
            var only = processor.Build(_builders[0], blockTime, gasLeft);
            processor.Include(only);
            return only.GasUsed;
        }

        // The settlement's block counter of L1 data fees is the one thing execution writes
        // outside the journal; it is put back with the state.
        var settlement = chain.Settlement;
        var l1DataFees = settlement?.BlockL1DataFees ?? 0;
        var candidates = new BlockCandidate[_builders.Length];
        var open = chain.World.TakeSnapshot();
        for (var i = 0; i < _builders.Length; i++)
        {
            if (i > 0)
            {
                Restore(chain, open, l1DataFees);
                open = chain.World.TakeSnapshot();
            }

            candidates[i] = processor.Build(_builders[i], blockTime, gasLeft);
        }

        var chosen = _choose(candidates);
        if (chosen < 0 || chosen >= candidates.Length)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The proposer chose candidate {chosen} of {candidates.Length}."));
        }

        if (chosen == candidates.Length - 1)
        {
            chain.World.Commit(open);
        }
        else
        {
            Restore(chain, open, l1DataFees);
            processor.Replay(candidates[chosen]);
        }

        processor.Include(candidates[chosen]);
        return candidates[chosen].GasUsed;
    }

    private static void Restore(RollupChain chain, State.StateSnapshot snapshot, UInt128 l1DataFees)
    {
        chain.World.Restore(snapshot);
        if (chain.Settlement is { } settlement)
        {
            settlement.BlockL1DataFees = l1DataFees;
        }
    }
}
