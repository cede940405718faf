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
    private readonly Pbs.ProposerBuilderSeparation? _pbs;

    // What the candidates write outside the journal; made at the first slot, once the chain's parts exist.
    private CandidateParticipants? _participants;

    public CandidateStage(ImmutableArray<IBlockBuilder> builders, Func<IReadOnlyList<BlockCandidate>, int> choose)
    {
        _builders = builders;
        _choose = choose;
    }

    /// <summary>
    /// The stage of a rollup with proposer–builder separation: the candidates' priority fees are
    /// booked to their builders, the proposer's auction chooses (or chooses none, and the mempool
    /// stage then builds the proposer's own block), and a winner's block is the whole block.
    /// </summary>
    public CandidateStage(Pbs.ProposerBuilderSeparation pbs)
        : this(pbs.Builders, BlockCandidate.MostValuable)
    {
        _pbs = pbs;
    }

    public ulong Fill(RollupChain chain, SimDuration blockTime, ulong gasLeft)
    {
        var processor = chain.Processor;
        if (_pbs is not null)
        {
            return FillByAuction(chain, _pbs, blockTime, gasLeft);
        }

        if (_builders.Length == 1)
        {
            var only = processor.Build(_builders[0], blockTime, gasLeft);
            processor.Include(only);
            return only.GasUsed;
        }

        // The settlement's block counters of L1 data fees and operator fees are the one thing
        // execution writes outside the journal; they are put back with the state.
        var settlement = chain.Settlement;
        var l1DataFees = settlement?.BlockL1DataFees ?? 0;
        var operatorFees = settlement?.BlockOperatorFees ?? 0;
        var candidates = new BlockCandidate[_builders.Length];
        var open = TakeSnapshot(chain);
        for (var i = 0; i < _builders.Length; i++)
        {
            if (i > 0)
            {
                Restore(chain, open, l1DataFees, operatorFees);
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
            Restore(chain, open, l1DataFees, operatorFees);
            processor.Replay(candidates[chosen]);
        }

        processor.Include(candidates[chosen]);
        return candidates[chosen].GasUsed;
    }

    private ulong FillByAuction(RollupChain chain, Pbs.ProposerBuilderSeparation pbs, SimDuration blockTime, ulong gasLeft)
    {
        // Every candidate is built on a snapshot, even a lone builder's: its bid may be late, and
        // the proposer's own block is then built on the state the slot started from.
        var processor = chain.Processor;
        pbs.BeginSlot();
        var candidates = new BlockCandidate[_builders.Length];
        var open = TakeSnapshot(chain);
        for (var i = 0; i < _builders.Length; i++)
        {
            if (i > 0)
            {
                Restore(chain, open, 0, 0);
                open = chain.World.TakeSnapshot();
            }

            candidates[i] = pbs.WithBuilderTips(i, () => processor.Build(_builders[i], blockTime, gasLeft, Pbs.ProposerBuilderSeparation.TipActor(i)));
        }

        var (chosen, price) = pbs.Choose(candidates, blockTime);
        if (chosen < 0)
        {
            Restore(chain, open, 0, 0);
            return 0;
        }

        if (chosen == candidates.Length - 1)
        {
            chain.World.Commit(open);
        }
        else
        {
            Restore(chain, open, 0, 0);
            pbs.WithBuilderTips(chosen, () =>
            {
                processor.Replay(candidates[chosen], Pbs.ProposerBuilderSeparation.TipActor(chosen));
                return candidates[chosen];
            });
        }

        processor.Include(candidates[chosen]);
        pbs.Settle(chosen, candidates[chosen], price, blockTime);

        // The winner's block is the whole block: the mempool stage adds nothing after it.
        return gasLeft;
    }

    /// <summary>Marks the world state and what candidates write outside it, at the state the slot started from.</summary>
    private State.StateSnapshot TakeSnapshot(RollupChain chain)
    {
        _participants ??= CandidateParticipants.Of(chain);
        _participants.Mark();
        return chain.World.TakeSnapshot();
    }

    private void Restore(RollupChain chain, State.StateSnapshot snapshot, UInt128 l1DataFees, UInt128 operatorFees)
    {
        chain.World.Restore(snapshot);
        _participants!.Restore();
        if (chain.Settlement is { } settlement)
        {
            settlement.BlockL1DataFees = l1DataFees;
            settlement.BlockOperatorFees = operatorFees;
        }
    }
}
