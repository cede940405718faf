using ProtoScript.Engine.Proving;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Proof-gated finality: a block's proof is verified on L1 in the first slot at or after both
/// its proof being ready and its batch having landed, in block order; withdrawals
/// (<c>withdrawal_delay = proof</c>) and cross-chain trust (<c>validity_proof</c>) wait for it.
/// </summary>
public class ProofFinalityTests
{
    private static readonly SimDuration Slot = SimDuration.FromSeconds(12);

    private static SimDuration S(long seconds) => SimDuration.FromSeconds(seconds);

    private static ProversModel Provers(int count, double proofSeconds, params string[] rollups) =>
        new([.. rollups], count, new ProverSelectionModel(ProverSelectionKind.RoundRobin), new DistributionModel(DistributionKind.Constant, proofSeconds * 1e6, 0), ProvingScope.Block);

    [Fact]
    public void A_proof_is_verified_in_the_first_slot_at_or_after_its_proof_and_its_batch_and_never_before_the_block_before_it()
    {
        // One prover, constant 30 s proofs, blocks sealed at 2, 4 and 6 s: proofs ready at 32,
        // 62 and 92 s (the prover queues them). Blocks 1 and 2 land at 24 s: block 1 is verified
        // at 36 s (first slot at or after 32 s), block 2 at 72 s (after 62 s). Block 3 lands at
        // 96 s with its proof ready at 92 s: verified at 96 s, the landing slot itself.
        var pool = new ProverPool(Provers(1, 30, "A"), 0, new RandomTree(1));
        var proving = new RollupProving(pool, TestScenarios.Rollup("A"), Slot);
        for (ulong b = 1; b <= 3; b++)
        {
            proving.ProveSealedBlock(b, S(2 * (long)b), []);
        }

        proving.OnBatchLanded(2, S(24));
        Assert.Equal(S(36), proving.VerifiedAt(1));
        Assert.Equal(S(72), proving.VerifiedAt(2));
        Assert.Null(proving.VerifiedAt(3));

        proving.OnBatchLanded(3, S(96));
        Assert.Equal(S(96), proving.VerifiedAt(3));
    }

    [Fact]
    public void A_fast_proof_of_a_later_block_waits_for_the_verification_of_the_block_before_it()
    {
        // 60 s proofs; blocks sealed at 2, 4, 6 s go to provers 0, 0, 1: block 1 is ready at
        // 62 s, block 2 queues behind it (122 s), block 3 is ready first of the later ones (66 s).
        // All land at 24 s: block 1 is verified at 72 s, block 2 at 132 s, and block 3, whose own
        // slot would be 72 s, not before block 2: 132 s.
        var hooked = Provers(2, 60, "A") with { Selection = new ProverSelectionModel(ProverSelectionKind.Hook) };
        var pool = new ProverPool(hooked, 0, new RandomTree(1), new ByBlock(0, 0, 1));
        var proving = new RollupProving(pool, TestScenarios.Rollup("A"), Slot);
        for (ulong b = 1; b <= 3; b++)
        {
            proving.ProveSealedBlock(b, S(2 * (long)b), []);
        }

        Assert.Equal(S(66), proving.ProofReadyAt(3));
        proving.OnBatchLanded(3, S(24));
        Assert.Equal([S(72), S(132), S(132)], Enumerable.Range(1, 3).Select(b => proving.VerifiedAt((ulong)b)!.Value).ToArray());
    }

    /// <summary>Gives block n (1-based) to prover <c>provers[n − 1]</c>.</summary>
    private sealed class ByBlock(params int[] provers) : IProverChooser
    {
        public int Choose(in ProofJob job, IReadOnlyList<ProverState> states) => provers[(int)job.Block - 1];
    }

    [Fact]
    public void Proof_final_latency_counts_only_the_transactions_whose_proof_was_verified_by_the_end()
    {
        // Block 1 (sealed 2 s, proof 30 s) is verified at 36 s; block 2 (sealed 4 s, ready 34 s
        // on the second prover) at 36 s too; a transaction sent at 1 s in block 1 and two at 3 s
        // in block 2: latencies 35 s, 33 s, 33 s. At 30 s none is verified yet.
        var pool = new ProverPool(Provers(2, 30, "A"), 0, new RandomTree(1));
        var proving = new RollupProving(pool, TestScenarios.Rollup("A"), Slot);
        proving.ProveSealedBlock(1, S(2), []);
        proving.ProveSealedBlock(2, S(4), []);
        proving.OnBatchLanded(2, S(24));
        proving.OnTransactionsLanded([S(1).Microseconds, S(3).Microseconds, S(3).Microseconds], [(1UL, 1), (2UL, 2)], S(24));

        var summary = proving.ProofFinalLatency(S(36));
        Assert.Equal(3, summary.Samples);
        Assert.Equal(S(33), summary.P50);
        Assert.Equal(S(35), summary.P99);
    }

    /// <summary>
    /// One rollup of 12 s blocks (the L1 slot), batched every 12 s: the batch of the block sealed
    /// at s is posted at s and lands at s + 12 s. Users send only withdrawals.
    /// </summary>
    private static ScenarioModel Withdrawing(BridgeModel bridge, double? proofSeconds, ulong seed = 5)
    {
        var rollup = TestScenarios.Rollup("A", OrderingRule.Fcfs, blockTimeMs: 12_000) with
        {
            Batch = BatchModel.Default with { Every = Slot },
            Bridge = bridge,
        };
        var users = TestScenarios.Users(2, "A") with { WithdrawalShare = 1 };
        var scenario = TestScenarios.Single(rollup, users, 1_200, seed);
        return proofSeconds is { } p ? scenario with { Provers = [Provers(16, p, "A")] } : scenario;
    }

    [Fact]
    public void A_proof_gated_withdrawal_is_final_a_whole_number_of_slots_after_its_block_as_computed_by_hand()
    {
        // Proofs take 100 s (16 provers, no queue): the block sealed at s (a multiple of 12 s) is
        // proven at s + 100 s, after its batch landed (s + 12 s), so it is verified in the slot at
        // ⌈(s + 100) / 12⌉ · 12 = s + 108 s: 96 s after its batch landed. Every withdrawal is then
        // final exactly when a 96 s challenge period would end it.
        var proofGated = Simulator.Run(Withdrawing(BridgeModel.Default with { FinalizesOnProof = true }, 100)).Rollups[0];
        var challenged = Simulator.Run(Withdrawing(new BridgeModel(S(96)), 100)).Rollups[0];

        var gated = proofGated.Bridge!;
        Assert.True(gated.FinalizesOnProof);
        Assert.True(gated.WithdrawalsFinalized > 1_000);
        Assert.Equal(challenged.Bridge!.WithdrawalsFinalized, gated.WithdrawalsFinalized);
        Assert.Equal(challenged.Bridge.WithdrawalLatency, gated.WithdrawalLatency);
        Assert.NotEqual(Simulator.Run(Withdrawing(new BridgeModel(S(84)), 100)).Rollups[0].Bridge!.WithdrawalLatency, gated.WithdrawalLatency);

        // Every transaction is a withdrawal: proof-final latency is the withdrawals' latency.
        Assert.Equal(gated.WithdrawalLatency, proofGated.ProofFinalLatency);
        Assert.False(challenged.Bridge.FinalizesOnProof);
    }

    [Fact]
    public void With_a_proof_faster_than_the_batch_a_withdrawal_is_final_when_its_batch_lands_and_proof_final_is_hard_confirmation()
    {
        // A 1 ms proof is ready long before the batch lands 12 s after the seal: verified in the landing slot.
        var proofGated = Simulator.Run(Withdrawing(BridgeModel.Default with { FinalizesOnProof = true }, 0.001)).Rollups[0];
        var immediate = Simulator.Run(Withdrawing(new BridgeModel(SimDuration.Zero), 0.001)).Rollups[0];

        Assert.Equal(immediate.Bridge!.WithdrawalLatency, proofGated.Bridge!.WithdrawalLatency);
        Assert.Equal(proofGated.HardLatency, proofGated.ProofFinalLatency);
    }

    [Fact]
    public void A_rollup_without_provers_has_no_proof_final_latency()
    {
        var result = Simulator.Run(Withdrawing(new BridgeModel(S(60)), null)).Rollups[0];
        Assert.Null(result.ProofFinalLatency);
        Assert.False(result.Bridge!.FinalizesOnProof);
    }

    /// <summary>Two rollups of 12 s blocks batched every 12 s, sending 30 % of their transfers to each other; 200 shared provers, so no proof queues.</summary>
    private static ScenarioModel Messaging(CrossChainModel trust, double proofSeconds, SimDuration? finality = null)
    {
        var a = TestScenarios.Rollup("A", OrderingRule.Fcfs, blockTimeMs: 12_000) with { Batch = BatchModel.Default with { Every = Slot } };
        var b = a with { Name = "B" };
        var l1 = new L1Model("ethereum", Slot);
        return new ScenarioModel("messages", 3, S(3_600), finality is { } f ? l1 with { Finality = f } : l1, [a, b], new WorkloadModel([TestScenarios.Users(1, "A", "B")]) { CrossChain = trust })
        {
            Provers = [Provers(200, proofSeconds, "A", "B")],
        };
    }

    private static CrossChainResult CrossChain(CrossChainModel trust, double proofSeconds, SimDuration? finality = null) =>
        Simulator.Run(Messaging(trust, proofSeconds, finality)).CrossChain!;

    [Fact]
    public void Validity_proof_trust_acts_exactly_when_an_l1_finality_of_the_proof_delay_would()
    {
        // A 100 s proof: a message's source block (sealed at s) is verified at s + 108 s, 96 s
        // after its batch landed, so the destination trusts it as it would trust a batch once
        // final under an L1 finality of 96 s.
        var proof = CrossChain(new CrossChainModel(0.3) { OnValidityProof = true }, 100);
        var finality96 = CrossChain(new CrossChainModel(0.3) { AfterFinality = true }, 100, S(96));

        Assert.True(proof.Delivered > 500);
        Assert.Equal(finality96.Delivered, proof.Delivered);
        Assert.Equal(finality96.Latency, proof.Latency);
        Assert.Equal(finality96.Pending, proof.Pending);
        Assert.True(proof.Conserved);
    }

    [Fact]
    public void Validity_proof_trust_is_later_than_l1_inclusion_and_earlier_than_l1_finality_when_the_proof_is_short()
    {
        // Proof 100 s: trusted 96 s after landing; L1 finality is 64 slots, 768 s after it.
        var inclusion = CrossChain(new CrossChainModel(0.3), 100);
        var proof = CrossChain(new CrossChainModel(0.3) { OnValidityProof = true }, 100);
        var finality = CrossChain(new CrossChainModel(0.3) { AfterFinality = true }, 100);

        Assert.True(inclusion.Latency.P50 < proof.Latency.P50);
        Assert.True(proof.Latency.P50 < finality.Latency.P50);
        Assert.True(inclusion.Latency.P99 < proof.Latency.P99);
        Assert.True(proof.Latency.P99 < finality.Latency.P99);
    }

    [Fact]
    public void Validity_proof_trust_is_later_than_l1_finality_when_the_proof_takes_longer_than_finality()
    {
        // Proof 1 000 s: trusted ⌈(s + 1000) / 12⌉ · 12 − (s + 12) = 996 s after landing, beyond 768 s.
        var proof = CrossChain(new CrossChainModel(0.3) { OnValidityProof = true }, 1_000);
        var finality = CrossChain(new CrossChainModel(0.3) { AfterFinality = true }, 1_000);

        Assert.True(proof.Delivered > 100);
        Assert.True(finality.Latency.P50 < proof.Latency.P50);
        Assert.True(finality.Latency.P99 < proof.Latency.P99);
        Assert.Equal(CrossChain(new CrossChainModel(0.3) { AfterFinality = true }, 1_000, S(996)).Latency, proof.Latency);
    }
}
