using ProtoScript.Engine.Chains;
using ProtoScript.Engine.FeeMarket;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;
using ProtoScript.Language.Text;

namespace ProtoScript.Engine.Tests;

/// <summary>
/// A rollup's base fee priced by a rule, as a <c>base_fee_market = csharp ...</c> hook prices it:
/// asked once per block as it opens, with a view of the block before it. Gas limit 60 transfers
/// (1_260_000 gas), so "more than half the limit" is 31 transfers or more.
/// </summary>
public class BaseFeeHookTests
{
    private const ulong SixtyTransfers = 60 * Transaction.TransferGas;

    private static readonly HookModel PriceHook = new(HookKind.BaseFeeMarket, "rollup A fees base_fee_market", "rule", true, new SourceText("test.proto-script", "rule"), new TextSpan(0, 4));

    private static RollupChain Chain(IBaseFeeRule rule)
    {
        var fees = new FeesModel(false, Role.Burned, FeesModel.SequencerTakesAll)
        {
            BaseFeeMarket = new BaseFeeMarketModel(BaseFeeMarketKind.Hooked, 0) { Hook = PriceHook },
        };
        var rollup = TestScenarios.Rollup("A", OrderingRule.Fcfs, accounts: 100, gasLimit: SixtyTransfers, baseFee: Wei.PerGwei) with { Fees = fees };
        return new RollupChain(rollup, new FcfsOrdering(), null, RollupParts.None with { BaseFeeRule = rule }) { CheckSupplyEachBlock = true };
    }

    private static void Send(RollupChain chain, int senders)
    {
        for (var from = 0; from < senders; from++)
        {
            chain.Submit(new Transaction(from, from + 1, 1, chain.PendingNonce(from), 0, Transaction.TransferGas, SimDuration.Zero));
        }
    }

    private static UInt128 BurnedIn(RollupChain chain, Action block)
    {
        var before = chain.Burned;
        block();
        return chain.Burned - before;
    }

    [Fact]
    public void A_constant_2_gwei_hook_prices_every_block_at_2_gwei_whatever_the_rollups_base_fee()
    {
        var chain = Chain(new Rule(_ => BaseFeeParentView.Gwei(2)));
        Send(chain, 10);
        Assert.Equal((UInt128)210_000 * 2 * Wei.PerGwei, BurnedIn(chain, () => chain.ProduceBlock(SimDuration.FromSeconds(2))));
        Send(chain, 3);
        Assert.Equal((UInt128)63_000 * 2 * Wei.PerGwei, BurnedIn(chain, () => chain.ProduceBlock(SimDuration.FromSeconds(4))));

        // Both blocks are above the rollup's 1 gwei base_fee.
        var statistics = chain.BaseFeeMarket!.Statistics;
        Assert.Equal((2L, 2L), (statistics.Blocks, statistics.AboveTarget));
        Assert.Null(chain.FirstUnconservedBlock);
    }

    [Fact]
    public void A_hook_that_doubles_the_fee_when_the_parent_used_more_than_half_the_limit_doubles_it_once_per_full_block()
    {
        var seen = new List<BaseFeeParentView>();
        var chain = Chain(new Rule(p =>
        {
            seen.Add(p);
            return p.GasUsed * 2 > p.GasLimit ? p.BaseFee * 2 : p.BaseFee;
        }));

        // Block 1 (genesis parent: the rollup's 1 gwei): 40 transfers, more than half.
        Send(chain, 40);
        Assert.Equal((UInt128)840_000 * Wei.PerGwei, BurnedIn(chain, () => chain.ProduceBlock(SimDuration.FromSeconds(2))));

        // Block 2: doubled to 2 gwei; 30 transfers, exactly half, so block 3 keeps 2 gwei.
        Send(chain, 30);
        Assert.Equal((UInt128)630_000 * 2 * Wei.PerGwei, BurnedIn(chain, () => chain.ProduceBlock(SimDuration.FromSeconds(4))));
        Send(chain, 31);
        Assert.Equal((UInt128)651_000 * 2 * Wei.PerGwei, BurnedIn(chain, () => chain.ProduceBlock(SimDuration.FromSeconds(7))));

        // Block 4: its parent took 31 transfers, so 4 gwei.
        chain.ProduceBlock(SimDuration.FromSeconds(9));
        Assert.Equal(4 * Wei.PerGwei, chain.BaseFee);

        Assert.Equal(
            [
                new BaseFeeParentView(0, 0, 0, SixtyTransfers, Wei.PerGwei, 2_000_000),
                new BaseFeeParentView(1, 2_000_000, 840_000, SixtyTransfers, Wei.PerGwei, 2_000_000),
                new BaseFeeParentView(2, 4_000_000, 630_000, SixtyTransfers, 2 * Wei.PerGwei, 3_000_000),
                new BaseFeeParentView(3, 7_000_000, 651_000, SixtyTransfers, 2 * Wei.PerGwei, 2_000_000),
            ],
            seen);
        Assert.True(seen[0].IsGenesis);
        Assert.Null(chain.FirstUnconservedBlock);
    }

    [Fact]
    public void A_hooked_market_without_its_compiled_rule_is_refused_rather_than_priced_by_a_built_in_rule()
    {
        var model = new BaseFeeMarketModel(BaseFeeMarketKind.Hooked, 0) { Hook = PriceHook };
        Assert.Throws<ArgumentException>(() => new L2BaseFeeMarket(model, SixtyTransfers, Wei.PerGwei));
    }

    private sealed class Rule(Func<BaseFeeParentView, UInt128> price) : IBaseFeeRule
    {
        public UInt128 BaseFee(in BaseFeeParentView parent) => price(parent);
    }
}
