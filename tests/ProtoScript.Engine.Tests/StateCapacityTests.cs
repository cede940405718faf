using ProtoScript.Engine.Simulation;
using ProtoScript.Engine.State;
using ProtoScript.Language.Model;
using static ProtoScript.Engine.Tests.TestScenarios;

namespace ProtoScript.Engine.Tests;

public class StateCapacityTests
{
    [Fact]
    public void The_most_user_accounts_the_language_accepts_leave_room_for_every_other_account_of_the_state()
    {
        // A sequencer, the most arbitrageurs (1_000), fee roles and room for many pools.
        Assert.True(RollupModel.MaxAccounts + 1 + 1_000 + 4 + 10_000 <= MerkleStateTree.MaxAccounts);
    }

    [Fact]
    public void A_model_whose_state_would_outgrow_the_tree_is_refused_by_the_validator_not_crashed_on()
    {
        var fits = Single(Rollup("A", accounts: MerkleStateTree.MaxAccounts - 1), Users(1, "A"), 10);
        var over = Single(Rollup("A", accounts: MerkleStateTree.MaxAccounts), Users(1, "A"), 10);

        Assert.DoesNotContain(ScenarioValidator.Validate(fits), e => e.Contains("accounts", StringComparison.Ordinal));
        var error = Assert.Single(ScenarioValidator.Validate(over), e => e.Contains("accounts", StringComparison.Ordinal));
        Assert.Equal("Rollup 'A': 16777216 user accounts and the 1 accounts of its sequencer, pools, arbitrageurs and fee roles are more than the 16777216 accounts a state holds.", error);
    }
}
