using ProtoScript.Engine.Fees;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class FeeRoleTests
{
    [Fact]
    public void The_language_the_engine_and_the_hooks_api_share_one_role_type()
    {
        Assert.Equal(typeof(Role), typeof(Role));
        Assert.Equal(typeof(Role), typeof(FeeShareModel).GetProperty(nameof(FeeShareModel.Role))!.PropertyType);
        Assert.Equal(typeof(Role), typeof(FeePayment).GetProperty(nameof(FeePayment.Role))!.PropertyType);
    }

    [Fact]
    public void Every_role_a_fees_block_names_reaches_the_settlement_as_itself()
    {
        var model = TestScenarios.Bind("""
            scenario "roles" {
              seed 1
              duration 10 s
              l1 ethereum {
                slot_time = 12 s
              }
              rollup A {
                block_time = 2 s
                gas_limit = 30_000_000
                ordering = fcfs
                accounts 10 funded 1 eth
                fees {
                  base_fee = data_availability
                  issuance = 1 gwei per block
                  issuance_to = prover
                  distribute = split {
                    treasury = 40 %
                    builder = 30 %
                    prover = 20 %
                    sequencer = 10 %
                  }
                }
              }
            }
            """);
        var fees = model.Rollups[0].Fees!;

        Assert.Equal(Role.DataAvailability, fees.BaseFee);
        Assert.Equal(Role.Prover, fees.IssuanceTo);
        Assert.Equal([Role.Treasury, Role.Builder, Role.Prover, Role.Sequencer], fees.Shares.Select(s => s.Role));
        Assert.Equal([Role.Treasury, Role.Builder, Role.Prover, Role.Sequencer], FeeSettlement.SplitShares(1_000_000, fees.Shares).Select(p => p.Role));
    }
}
