using ProtoScript.Engine.Proving;
using ProtoScript.Engine.Randomness;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class ProofDeadlineTests
{
    private static readonly RollupModel RollupA = TestScenarios.Rollup("A");

    private static readonly UInt128 Eth = 1_000_000_000_000_000_000;

    private static ProversModel Provers(int count, double proofSeconds, ProvingDeadlineModel deadline, params ProverOutage[] offline) =>
        new(["A"], count, new ProverSelectionModel(ProverSelectionKind.RoundRobin), new DistributionModel(DistributionKind.Constant, proofSeconds * 1e6, 0), ProvingScope.Block)
        {
            Deadline = deadline,
            Offline = [.. offline],
        };

    private static RollupProving Run(ProversModel model, int blocks, out ProverPool pool)
    {
        pool = new ProverPool(model, 0, new RandomTree(1));
        var proving = new RollupProving(pool, RollupA);
        for (ulong b = 1; b <= (ulong)blocks; b++)
        {
            // One user transaction per block, a block every 2 s.
            proving.ProveSealedBlock(b, SimDuration.FromSeconds(2 * (long)b), [(0, 21_000)]);
        }

        return proving;
    }

    [Fact]
    public void A_prover_that_misses_its_window_loses_its_bond_and_the_chain_is_pruned_to_the_proven_tip()
    {
        // Epochs of 2 blocks, a 4 s window, 5 s proofs: an epoch needs 10 s of proving, so every
        // window is missed. Epoch 0 (blocks 1, 2 at 2 and 4 s) ends at 4 s, its deadline is 8 s:
        // the pending chain (blocks 1..3) is pruned then and re-proposed at 8 s, whose epoch 0
        // misses again at 12 s (blocks 1..5), then 16 s (1..7) and 20 s (1..9): 4 misses, 24 blocks.
        var model = Provers(2, 5, new ProvingDeadlineModel(2, SimDuration.FromSeconds(4), Eth, 5_000, Fallback: false));
        var result = Run(model, 10, out _).Collect(SimDuration.FromSeconds(20)).Deadline!;

        Assert.Equal(5, result.Epochs);
        Assert.Equal(0, result.OnTime);
        Assert.Equal(4, result.Missed);
        Assert.Equal(4, result.Prunes);
        Assert.Equal(3 + 5 + 7 + 9, result.PrunedBlocks);
        Assert.Equal(24, result.PrunedTransactions);
        Assert.Equal(24, result.ReproofJobs);
        Assert.Equal(0UL, result.ProvenTip);

        // Claims: e0 (2 s), e1 (6 s), 2 again at 8 s, e2 (10 s), 3 at 12 s, e3 (14 s), 4 at 16 s, e4 (18 s), 5 at 20 s.
        Assert.Equal(19, result.Claims);
        Assert.Equal(19 * Eth, result.BondsPosted);

        // Half of each missed bond burned; the other half back, and the 1 + 2 + 3 + 4 claims dropped by the prunes back whole.
        Assert.Equal(2 * Eth, result.Slashed);
        Assert.Equal((2 * Eth) + (10 * Eth), result.BondsReturned);
        Assert.Equal(5 * Eth, result.Escrowed);
        Assert.Equal(result.BondsPosted, result.BondsReturned + result.Slashed + result.Escrowed);
        Assert.Equal(5, result.Pending);

        // Round robin: the claims alternate, so the missed epoch 0 was claimed by prover 0, 0 (third claim), 0 and 1.
        Assert.Equal(result.Slashed, result.SlashedByProver[0] + result.SlashedByProver[1]);
    }

    [Fact]
    public void A_prover_offline_for_a_known_interval_misses_exactly_the_epoch_it_held_and_the_fallback_proves_it()
    {
        // Four provers in turn, 1 s proofs, epochs of 2 blocks, a 4 s window: every epoch is proven
        // 1 s after its end, except epoch 1 (blocks 3, 4 at 6 and 8 s), claimed by prover 1, which is
        // offline from 5 s to 20 s: its proofs would be ready at 22 s, past the 12 s deadline. At 12 s
        // prover 1 loses its whole bond and blocks 3..5 are pruned; prover 3 (free soonest, the
        // fallback) proves epoch 1 again by 14 s, and every epoch after is on time (prover 1 claims
        // epoch 4 at 18 s, starts at 20 s and is still in time for its 24 s deadline).
        var model = Provers(4, 1, new ProvingDeadlineModel(2, SimDuration.FromSeconds(4), Eth, 10_000, Fallback: true), new ProverOutage(1, new TimeWindow(SimDuration.FromSeconds(5), SimDuration.FromSeconds(15))));
        var proving = Run(model, 10, out var pool);
        var result = proving.Collect(SimDuration.FromSeconds(30)).Deadline!;

        Assert.Equal(5, result.Epochs);
        Assert.Equal(5, result.OnTime);
        Assert.Equal(1, result.Missed);
        Assert.Equal(3, result.PrunedBlocks);
        Assert.Equal(1, result.FallbackClaims);
        Assert.Equal(7, result.Claims);
        Assert.Equal(Eth, result.Slashed);
        Assert.Equal([0, Eth, 0, 0], result.SlashedByProver.ToArray());
        Assert.Equal(6 * Eth, result.BondsReturned);
        Assert.Equal(UInt128.Zero, result.Escrowed);
        Assert.Equal(10UL, result.ProvenTip);

        // Block 3's proof is the fallback's, at 13 s; block 6's lands at 16 s, its epoch's deadline.
        Assert.Equal(SimDuration.FromSeconds(13), proving.ProofReadyAt(3));
        Assert.Equal(SimDuration.FromSeconds(16), proving.ProofReadyAt(6));
        Assert.Equal(22_000_000, pool.Provers[1].BusyUntilMicroseconds);
    }

    [Fact]
    public void Work_pauses_while_the_prover_is_offline_and_resumes_where_it_stopped()
    {
        // One prover, 3 s proofs, offline from 3 to 10 s: block 1 (ready 2 s) works 2..3 s, then 10..12 s.
        var model = Provers(1, 3, new ProvingDeadlineModel(100, SimDuration.FromSeconds(60), Eth, 10_000, Fallback: false), new ProverOutage(0, new TimeWindow(SimDuration.FromSeconds(3), SimDuration.FromSeconds(7))));
        var proving = Run(model, 1, out _);
        Assert.Equal(SimDuration.FromSeconds(12), proving.ProofReadyAt(1));
        var result = proving.Collect(SimDuration.FromSeconds(20));
        Assert.Equal(SimDuration.FromSeconds(3), result.Work);
        Assert.Equal(0, result.Deadline!.Epochs);
    }

    [Fact]
    public void Without_a_deadline_the_proving_report_has_no_deadline_section()
    {
        var model = Provers(1, 1, new ProvingDeadlineModel(1, SimDuration.Zero, 0, 0, false)) with { Deadline = null };
        Assert.Null(Run(model, 3, out _).Collect(SimDuration.FromSeconds(20)).Deadline);
    }
}
