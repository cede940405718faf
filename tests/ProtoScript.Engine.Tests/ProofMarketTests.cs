using ProtoScript.Engine.Proving;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Results;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class ProofMarketTests
{
    private static readonly RollupModel RollupA = TestScenarios.Rollup("A");

    private static MarketProverModel CostPlus(string name, ulong costGwei, int marginBp, int capacity = 1, double speed = 1.0) =>
        new(name, capacity, speed, costGwei * Wei.PerGwei, ProvingScope.Block, ProverBidKind.CostPlus) { MarginBasisPoints = marginBp };

    private static ProversModel Market(double proofSeconds, int queue, params MarketProverModel[] provers) =>
        new(["A"], provers.Length, new ProverSelectionModel(ProverSelectionKind.Market) { MarketProvers = [.. provers], QueueLimit = queue }, new DistributionModel(DistributionKind.Constant, proofSeconds * 1e6, 0), ProvingScope.Block);

    /// <summary>Seals blocks 1 … <paramref name="blocks"/> every <paramref name="everySeconds"/> seconds (no transactions) and collects at <paramref name="endSeconds"/>.</summary>
    private static (ProvingResult Result, RollupProving Proving) Run(ProversModel model, int blocks, long everySeconds, long endSeconds, IReadOnlyList<IProverBidRule?>? hooks = null)
    {
        var pool = new ProverPool(model, 0, new RandomTree(1), bidHooks: hooks);
        var proving = new RollupProving(pool, RollupA);
        for (ulong b = 1; b <= (ulong)blocks; b++)
        {
            proving.ProveSealedBlock(b, SimDuration.FromSeconds(everySeconds * (long)b), []);
        }

        return (proving.Collect(SimDuration.FromSeconds(endSeconds)), proving);
    }

    [Fact]
    public void The_cheapest_unsaturated_prover_wins_every_job_at_its_cost_plus_margin()
    {
        // Proofs take 1 s and blocks come every 2 s: the cheap prover (1 000 gwei + 10 %) is always free.
        var (result, proving) = Run(Market(1, 0, CostPlus("dear", 3_000, 1_000), CostPlus("cheap", 1_000, 1_000)), 5, 2, 60);
        var market = result.Market!;
        Assert.Equal([0L, 5L], result.ProofsWon.ToArray());
        Assert.Equal(1_100 * Wei.PerGwei, proving.CostOf(3));
        Assert.Equal(1_100 * Wei.PerGwei, market.PriceMedian);
        Assert.Equal(5 * 1_100 * Wei.PerGwei, market.Paid);
        Assert.Equal(5 * 1_000 * Wei.PerGwei, market.Provers[1].Cost);
        Assert.Equal(5 * 1_100 * Wei.PerGwei, market.Provers[1].Revenue);
        Assert.Equal(0, market.Saturated);
        Assert.Equal(10_000, market.HerfindahlPoints);
    }

    [Fact]
    public void When_the_cheapest_prover_is_saturated_the_next_wins_at_its_higher_price()
    {
        // Proofs take 3 s, blocks every 2 s: cheap proves blocks 1 (2-5 s) and 3 (6-9 s); at 4 s and 8 s it is
        // busy, so dear (no margin, 2 000 gwei) wins blocks 2 and 4: the price rises from 1 000 to 2 000 gwei.
        var (result, proving) = Run(Market(3, 0, CostPlus("cheap", 1_000, 0), CostPlus("dear", 2_000, 0)), 4, 2, 60);
        Assert.Equal([2L, 2L], result.ProofsWon.ToArray());
        Assert.Equal(1_000 * Wei.PerGwei, proving.CostOf(1));
        Assert.Equal(2_000 * Wei.PerGwei, proving.CostOf(2));
        Assert.Equal(1_000 * Wei.PerGwei, proving.CostOf(3));
        Assert.Equal(2_000 * Wei.PerGwei, proving.CostOf(4));
        Assert.Equal(1_000 * Wei.PerGwei, result.Market!.PriceMedian);
        Assert.Equal(SimDuration.FromSeconds(3), result.Latency.P99);
        Assert.Equal(5_000, result.Market.HerfindahlPoints);
    }

    [Fact]
    public void A_job_that_finds_every_prover_saturated_waits_for_the_first_free_slot_and_the_wait_is_reported()
    {
        // One prover, 3 s proofs, blocks every 2 s, no queue: block n is ready at 2n s but the prover frees at 2 + 3n s,
        // so block 2 waits 1 s (5 s), block 3 waits 2 s (8 s): waits 1 + 2 = 3 s, the longest 2 s.
        var (result, _) = Run(Market(3, 0, CostPlus("only", 1_000, 0)), 3, 2, 60);
        var market = result.Market!;
        Assert.Equal(2, market.Saturated);
        Assert.Equal(SimDuration.FromSeconds(3), market.SaturatedWait);
        Assert.Equal(SimDuration.FromSeconds(2), market.SaturatedWaitMax);
        Assert.Equal(0, market.Queued);
        Assert.Equal(SimDuration.FromSeconds(5), result.Latency.P99);
    }

    [Fact]
    public void A_prover_with_a_queue_wins_a_job_while_busy_and_the_job_waits_in_its_queue()
    {
        // Queue 1: at 4 s cheap is busy (2-5 s) but holds nothing waiting, so its 1 000 gwei beats dear's 2 000; block 2 waits 1 s.
        var (result, _) = Run(Market(3, 1, CostPlus("cheap", 1_000, 0), CostPlus("dear", 2_000, 0)), 2, 2, 60);
        Assert.Equal([2L, 0L], result.ProofsWon.ToArray());
        Assert.Equal(1, result.Market!.Queued);
        Assert.Equal(SimDuration.FromSeconds(1), result.Market.QueueWait);
        Assert.Equal(0, result.Market.Saturated);
    }

    [Fact]
    public void Capacity_is_jobs_proven_at_once_and_speed_divides_the_proof_time()
    {
        // Two slots at speed 2: 4 s proofs take 2 s; blocks every 1 s each find a free slot.
        var (result, _) = Run(Market(4, 0, CostPlus("wide", 1_000, 0, capacity: 2, speed: 2.0)), 6, 1, 60);
        Assert.Equal(SimDuration.FromSeconds(2), result.Latency.P99);
        Assert.Equal(0, result.Market!.Saturated);
    }

    [Fact]
    public void A_load_bid_adds_its_per_job_margin_for_every_job_it_holds()
    {
        // 10 s proofs, two slots, blocks every 1 s: block 1 with nothing held (5 %), block 2 holding one (5 % + 20 %).
        var load = new MarketProverModel("load", 2, 1.0, 1_000 * Wei.PerGwei, ProvingScope.Block, ProverBidKind.Load) { MarginBasisPoints = 500, PerJobBasisPoints = 2_000 };
        var (_, proving) = Run(Market(10, 0, load), 2, 1, 60);
        Assert.Equal(1_050 * Wei.PerGwei, proving.CostOf(1));
        Assert.Equal(1_250 * Wei.PerGwei, proving.CostOf(2));
    }

    [Fact]
    public void A_bid_hook_that_returns_a_constant_below_every_cost_wins_everything_it_can_take()
    {
        var hooked = new MarketProverModel("hooked", 1, 1.0, 5_000 * Wei.PerGwei, ProvingScope.Block, ProverBidKind.Hook);
        var (result, proving) = Run(Market(1, 0, CostPlus("cheap", 1_000, 0), hooked), 5, 2, 60, [null, new ConstantBid(7)]);
        Assert.Equal([0L, 5L], result.ProofsWon.ToArray());
        Assert.Equal((UInt128)7, proving.CostOf(5));
        Assert.True(result.Market!.Provers[1].Cost > result.Market.Provers[1].Revenue);
    }

    [Fact]
    public void The_herfindahl_index_of_n_provers_winning_equally_is_ten_thousand_over_n()
    {
        var equal = new ProofMarketResult([new("a", "cost_plus", 4, 0, 0), new("b", "cost_plus", 4, 0, 0), new("c", "cost_plus", 4, 0, 0), new("d", "cost_plus", 4, 0, 0)], 16, 0, 0, [], 0, SimDuration.Zero, SimDuration.Zero, 0, SimDuration.Zero);
        Assert.Equal(2_500, equal.HerfindahlPoints);
        var one = equal with { Provers = [new("a", "cost_plus", 9, 0, 0)] };
        Assert.Equal(10_000, one.HerfindahlPoints);
    }

    [Fact]
    public void Ties_go_to_the_prover_that_starts_sooner_then_to_the_one_written_first()
    {
        // Both bid 1 000 gwei and both are free: the first written wins. Queue 1 and the first busy: the free one starts sooner.
        var (first, _) = Run(Market(1, 0, CostPlus("a", 1_000, 0), CostPlus("b", 1_000, 0)), 1, 2, 60);
        Assert.Equal([1L, 0L], first.ProofsWon.ToArray());
        var (sooner, _) = Run(Market(3, 1, CostPlus("a", 1_000, 0), CostPlus("b", 1_000, 0)), 2, 2, 60);
        Assert.Equal([1L, 1L], sooner.ProofsWon.ToArray());
        Assert.Equal(0, sooner.Market!.Queued);
    }

    private sealed class ConstantBid(ulong wei) : IProverBidRule
    {
        public UInt128 Bid(ProverBidView auction) => wei;
    }
}
