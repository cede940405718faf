using System.Reflection;
using System.Runtime.CompilerServices;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.CrossChain;
using ProtoScript.Engine.Fees;
using ProtoScript.Engine.L1;
using ProtoScript.Engine.Ordering;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class RollupPartsTests
{
    private static L1Chain L1() => new(new L1Model("ethereum", SimDuration.FromSeconds(12)), null);

    [Fact]
    public void No_part_of_a_rollup_chain_can_be_set_after_it_is_built()
    {
        // Every property settable from outside the chain is init-only: what a chain is made of is
        // fixed by its constructor (a private setter is the chain's own observation, not a part).
        var settable = typeof(RollupChain)
            .GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPrivate: false } set && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name);
        Assert.Empty(settable);
    }

    [Fact]
    public void A_chain_makes_its_batcher_and_cross_chain_endpoint_from_its_parts_once_with_itself()
    {
        var hub = new CrossChainHub(2);
        var calls = 0;
        var batcher = Batcher.Part(1, L1());
        var parts = new RollupParts
        {
            Batcher = chain =>
            {
                calls++;
                return batcher(chain);
            },
            CrossChain = hub.Connect(1),
        };

        var chain = new RollupChain(TestScenarios.Rollup("B"), new FcfsOrdering(), null, parts);

        Assert.Equal(1, calls);
        Assert.NotNull(chain.Batcher);
        Assert.Equal(1, chain.Batcher.Index);
        Assert.Same(chain.CrossChain, hub.Endpoint(1));
        Assert.Same(chain, hub.Endpoint(1).Chain);
    }

    [Fact]
    public void A_rollup_cannot_be_connected_to_the_hub_twice()
    {
        var hub = new CrossChainHub(1);
        var connect = hub.Connect(0);
        _ = new RollupChain(TestScenarios.Rollup("A"), new FcfsOrdering(), null, new RollupParts { CrossChain = connect });

        Assert.Throws<InvalidOperationException>(() => new RollupChain(TestScenarios.Rollup("A"), new FcfsOrdering(), null, new RollupParts { CrossChain = connect }));
        Assert.Throws<ArgumentOutOfRangeException>(() => hub.Connect(1));
    }

    [Fact]
    public void A_chain_built_without_parts_has_no_batcher_provers_validity_rule_or_endpoint()
    {
        var chain = new RollupChain(TestScenarios.Rollup("A"), new FcfsOrdering());

        Assert.Null(chain.Batcher);
        Assert.Null(chain.Proving);
        Assert.Null(chain.Validity);
        Assert.Null(chain.CrossChain);
    }

    [Fact]
    public void The_settlement_gets_its_distribution_and_price_rule_from_the_parts()
    {
        var rollup = TestScenarios.Rollup("A") with { Fees = new FeesModel(true, Role.Burned, FeesModel.SequencerTakesAll) };
        var price = L1DataPriceRule.For(Forks.Prague, DataAvailability.DaTarget.Calldata);

        var chain = new RollupChain(rollup, new FcfsOrdering(), null, new RollupParts { FeePriceRule = price });

        Assert.NotNull(chain.Settlement);
        Assert.Equal(price, chain.Settlement.PriceRule);
        Assert.Null(chain.Settlement.Distributor);
    }

    [Fact]
    public void The_account_count_known_before_a_chain_is_built_is_its_state_size()
    {
        var rollup = TestScenarios.Rollup("A", accounts: 7) with { Fees = new FeesModel(false, Role.Burned, FeesModel.SequencerTakesAll) };

        var chain = new RollupChain(rollup, new FcfsOrdering());

        Assert.Equal(chain.State.Count, RollupChain.AccountCount(rollup, null));
        Assert.Equal(7 + 1 + FeeSettlement.ExtraAccounts, chain.State.Count);
    }
}
