using System.Collections.Immutable;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Bundles;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Derivation;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.Trading;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// Bundles over paths of rollups: a common block producer lands every leg in one slot, simulating
/// the whole bundle first or only ordering it; without one the legs go hop by hop. Balances are
/// checked to the wei against hand-computed fees (base fee 1 gwei, tip 1 gwei per gas).
/// </summary>
public class PathBundleTests
{
    private static readonly UInt128 Gwei = Wei.PerGwei;
    private static readonly UInt128 Eth = Wei.PerEther;

    // A leg's fee at 1 gwei base fee + 1 gwei tip.
    private static readonly UInt128 MessageFee = Transaction.CrossChainGas * 2 * Gwei;
    private static readonly UInt128 SwapFee = Transaction.SwapGas * 2 * Gwei;

    private static string Text(string bFunds = "100 eth, 10_000 usdc", string extra = "", string workload = "") => $$"""
        scenario "paths" {
          seed 1
          duration 2 min
          token usdc { decimals = 6 }
          l1 ethereum { slot_time = 12 s }
          rollup A {
            block_time = 2 s
            ordering = fcfs
            base_fee = 1 gwei
            accounts 10 funded 100 eth, 10_000 usdc
            amm "ETH/USDC" { reserves = (1_000 eth, 3_000_000 usdc) }
            batch { every = 12 s  to = ethereum.blobs  compression = none }
          }
          rollup B like A { accounts 10 funded {{bFunds}} }
          rollup C like A { }
          {{extra}}
          workload {
            users = poisson(1 / s) on A, B, C
            {{workload}}
          }
        }
        """;

    /// <summary>Three rollups with pools whose blocks one coordinator seals; batchers post to an L1 that keeps its data.</summary>
    private sealed class Run
    {
        public Run(bool checksLegs, string bFunds = "100 eth, 10_000 usdc")
        {
            Model = TestScenarios.Bind(Text(bFunds));
            L1 = new L1Chain(Model.L1, new L1DataLog());
            var market = new MarketSetup(Model.Tokens, Model.Workload.Trading, null);
            Hub = new CrossChainHub(Model.Rollups.Length, SimDuration.Zero);
            Chains = [.. Model.Rollups.Select((r, i) => new RollupChain(r, new FcfsOrdering(), market, new RollupParts { Batcher = Batcher.Part(i, L1), CrossChain = Hub.Connect(i) }))];
            foreach (var chain in Chains)
            {
                chain.RecordBlockRoots();
            }

            Batchers = [.. Chains.Select(c => c.Batcher!)];
            Coordinator = checksLegs
                ? new SlotCoordinator("b1", CoordinatorKind.Builder, Chains, new SingleSequencerAgreement(), Role.Builder, checksLegs: true)
                : new SlotCoordinator("s1", CoordinatorKind.EnshrinedSharedSequencer, Chains, new SingleSequencerAgreement(), Role.Sequencer, checksLegs: false);
            Statistics = new PathStatistics(new BundleStreamModel(["A", "B", "A"], 1, BundleLegKind.Swap, Eth), checksLegs ? BundleMode.AtomicExecution : BundleMode.AtomicInclusion);
        }

        public ScenarioModel Model { get; }

        public Scheduler Scheduler { get; } = new();

        public L1Chain L1 { get; }

        public ImmutableArray<RollupChain> Chains { get; }

        public RollupChain A => Chains[0];

        public RollupChain B => Chains[1];

        public RollupChain C => Chains[2];

        public CrossChainHub Hub { get; }

        public ImmutableArray<Batcher> Batchers { get; }

        public SlotCoordinator Coordinator { get; }

        public PathStatistics Statistics { get; }

        /// <summary>Sends a bundle from account 0 over <paramref name="path"/> (rollup indexes) at time 0.</summary>
        public void Send(int[] path, UInt128 value, params SwapPlan?[] swaps)
        {
            var chains = path.Select(i => Chains[i]).ToImmutableArray();
            var bundle = new PathBundle(Statistics, chains, [.. path], 0, value, Gwei, [.. swaps], SimDuration.Zero);
            Coordinator.Submit(new Bundle([.. chains.Select(c => new SlotSection(c, []))], SimDuration.Zero) { Path = bundle });
        }

        public void RunToEnd()
        {
            L1.Start(Scheduler);
            Coordinator.Start(Scheduler);
            foreach (var batcher in Batchers)
            {
                batcher.Start(Scheduler);
            }

            Scheduler.RunUntil(Model.Duration);
        }

        public void AssertEveryRollupDerives()
        {
            for (var i = 0; i < Chains.Length; i++)
            {
                var verification = Verifier.Compare(Chains[i].BlockRoots!, StandardDerivation.Derive(Model, i, L1.DataLog!));
                Assert.True(verification.Matches, verification.Describe());
            }
        }
    }

    // A swap on B whose limit no pool can meet: it reverts on slippage whenever it runs.
    private static readonly SwapPlan Impossible = new(SwapDirection.ZeroForOne, Eth, UInt128.MaxValue / 2);

    [Fact]
    public void A_callback_bundle_whose_B_leg_would_revert_is_dropped_whole_by_a_simulating_builder()
    {
        var run = new Run(checksLegs: true);
        run.Send([0, 1, 0], 5 * Eth, null, Impossible, null);

        run.RunToEnd();

        Assert.Equal(100 * Eth, run.A.State.Balance(0));
        Assert.Equal(100 * Eth, run.B.State.Balance(0));
        Assert.Equal(0UL, run.A.State.Nonce(0));
        var result = run.Statistics.Collect();
        Assert.Equal((1L, 0L, 0L, 0L), (result.Dropped, result.Included, result.LegsReverted, result.AtomicFailures));
        Assert.Equal(1, result.FailedSlippage);
        Assert.Equal(0, run.Hub.Collect().Sent);
        Assert.Equal(1, run.Coordinator.Collect().BundlesDropped);
        run.AssertEveryRollupDerives();
    }

    [Fact]
    public void Under_an_ordering_only_shared_sequencer_the_B_leg_reverts_and_A_s_first_leg_stays_executed()
    {
        var run = new Run(checksLegs: false);
        run.Send([0, 1, 0], 5 * Eth, null, Impossible, null);

        run.RunToEnd();

        // A: the value left with the first leg's message; no callback came back.
        Assert.Equal(100 * Eth - (5 * Eth) - MessageFee, run.A.State.Balance(0));
        Assert.Equal(1UL, run.A.State.Nonce(0));

        // B: the delivery credited the value and its payer paid its gas; the swap reverted, its gas paid.
        Assert.Equal(100 * Eth + (5 * Eth) - MessageFee - SwapFee, run.B.State.Balance(0));
        Assert.Equal(1UL, run.B.State.Nonce(0));
        Assert.Equal(10_000_000_000UL, (ulong)run.B.State.TokenBalance(0, 0)); // 10_000 usdc untouched
        var result = run.Statistics.Collect();
        Assert.Equal((0L, 0L, 1L, 1L), (result.Dropped, result.Included, result.LegsReverted, result.AtomicFailures));
        Assert.Equal(1, result.FailedSlippage);
        Assert.Equal(UInt128.Zero, result.ValueLocked); // the value arrived on B; only the answer is missing
        var crossChain = run.Hub.Collect();
        Assert.Equal((1L, 1L), (crossChain.Sent, crossChain.Delivered));
        Assert.True(crossChain.Conserved);
        run.AssertEveryRollupDerives();
    }

    [Fact]
    public void Under_an_ordering_only_sequencer_a_leg_whose_payer_cannot_pay_locks_the_value_that_left_A()
    {
        var run = new Run(checksLegs: false, bFunds: "0 eth");
        run.Send([0, 1, 0], 5 * Eth);

        run.RunToEnd();

        Assert.Equal(100 * Eth - (5 * Eth) - MessageFee, run.A.State.Balance(0));
        Assert.Equal(UInt128.Zero, run.B.State.Balance(0));
        var result = run.Statistics.Collect();
        Assert.Equal((1L, 1L, 1L), (result.LegsReverted, result.AtomicFailures, result.FailedBalance));
        Assert.Equal(5 * Eth, result.ValueLocked);
        var crossChain = run.Hub.Collect();
        Assert.Equal(5 * Eth, crossChain.ValueFailed);
        Assert.True(crossChain.Conserved);
        run.AssertEveryRollupDerives();
    }

    [Fact]
    public void A_three_rollup_path_lands_all_three_legs_in_the_first_slot()
    {
        var run = new Run(checksLegs: true);
        run.Send([0, 1, 2], 5 * Eth);

        run.RunToEnd();

        // A sends; B receives (paying its delivery) and sends on; C receives, paying its delivery.
        Assert.Equal(100 * Eth - (5 * Eth) - MessageFee, run.A.State.Balance(0));
        Assert.Equal(100 * Eth - (2 * MessageFee), run.B.State.Balance(0));
        Assert.Equal(100 * Eth + (5 * Eth) - MessageFee, run.C.State.Balance(0));
        var result = run.Statistics.Collect();
        Assert.Equal(1, result.Included);
        Assert.Equal(SimDuration.FromSeconds(2), result.Latency.P50); // sent at 0, the slot at 2 s
        Assert.Equal(SimDuration.FromSeconds(2), run.Hub.Collect().Latency.P99); // both deliveries in that slot
        Assert.Equal((UInt128)(4 * Transaction.CrossChainGas) * Gwei, run.Coordinator.Collect().BundleTips);
        Assert.True(run.Hub.Collect().Conserved);
        run.AssertEveryRollupDerives();
    }

    [Fact]
    public void A_simulating_builder_runs_each_leg_against_what_the_earlier_legs_left()
    {
        // B's user holds exactly the gas of its two transactions (0.0002 ETH): its message can send
        // 5 ETH on only out of the delivery just before it, which a check of each leg against the
        // state before the bundle would refuse.
        var run = new Run(checksLegs: true, bFunds: "0.0002 eth");
        run.Send([0, 1, 0], 5 * Eth);

        run.RunToEnd();

        Assert.Equal(100 * Eth - (2 * MessageFee), run.A.State.Balance(0)); // the value went out and came back
        Assert.Equal(UInt128.Zero, run.B.State.Balance(0));
        Assert.Equal(1, run.Statistics.Collect().Included);
        Assert.True(run.Hub.Collect().Conserved);
        run.AssertEveryRollupDerives();
    }

    [Fact]
    public void Without_a_common_builder_the_same_path_goes_hop_by_hop_each_hop_waiting_for_its_batch_on_L1()
    {
        const string Bundles = "bundles { path = [A, B, C]  rate = 0.2 / s  value = 0.01 eth  priority_fee = 1 gwei }";
        var together = new RunBuilder(TestScenarios.Bind(Text(extra: "builder b1 for A, B, C { }", workload: Bundles))).Verify();
        var hopByHop = new RunBuilder(TestScenarios.Bind(Text(workload: Bundles))).Verify();

        var slot = together.Result.CrossChain!.Bundles!.Paths.Single();
        Assert.Equal(BundleMode.AtomicExecution, slot.Mode);
        Assert.True(slot.Included > 10, slot.ToString());
        Assert.True(slot.Latency.P99 <= SimDuration.FromSeconds(2), slot.ToString()); // every leg in the next slot

        // A hop's message is trusted once the batch carrying it is on L1: batches every 12 s land
        // in the next 12 s L1 block, then the next rollup's block delivers it. Two hops take 24 s at least.
        var hops = hopByHop.Result.CrossChain!.Bundles!.Paths.Single();
        Assert.Equal(BundleMode.Asynchronous, hops.Mode);
        Assert.True(hops.Included > 10, hops.ToString());
        Assert.True(hops.Latency.P50 >= SimDuration.FromSeconds(24), hops.ToString());
        Assert.True(hops.Pending > 0, hops.ToString()); // those sent in the last half minute are still under way
        Assert.Equal(slot.Sent, hops.Sent); // the same stream of bundles either way

        foreach (var run in new[] { together, hopByHop })
        {
            Assert.True(run.AllMatch, string.Join("\n", run.Rollups.Select(r => r.Describe())));
            Assert.True(run.Result.CrossChain!.Conserved);
            Assert.Equal(0, run.Result.CrossChain.Bundles!.AtomicFailures);
        }
    }
}
