using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

public class FeeMetricTests
{
    private static decimal Read(SimulationResult result, string name) =>
        ExpectationChecker.Read(new MetricPath("A", name, MetricCatalog.Rollup[name]), result)!.Value;

    private static SimulationResult WithFees(FeeDistributionResult fees)
    {
        var small = SampleResults.Small();
        return small with { Rollups = [small.Rollups[0] with { FeeDistribution = fees }, .. small.Rollups.Skip(1)] };
    }

    [Fact]
    public void Without_a_fees_block_the_sequencer_metric_is_the_priority_fees_and_the_other_roles_are_zero()
    {
        var result = SampleResults.Small();
        Assert.Equal((decimal)result.Rollups[0].Fees.PriorityFeeToSequencer, Read(result, "fees.sequencer"));
        Assert.Equal(0m, Read(result, "fees.treasury"));
        Assert.Equal(0m, Read(result, "fees.deficit.data_availability"));
    }

    [Fact]
    public void With_a_fees_block_each_role_metric_reads_what_the_role_received_or_is_owed()
    {
        var fees = new FeeDistributionResult("split", true, 10, 20, 5, 7, 9, 0, [
            new RoleFees("burned", 10, 0),
            new RoleFees("sequencer", 3, 0),
            new RoleFees("builder", 0, 0),
            new RoleFees("prover", 0, 0),
            new RoleFees("data_availability", 9, 4),
            new RoleFees("treasury", 20, 0),
        ]);
        var result = WithFees(fees);

        Assert.Equal(20m, Read(result, "fees.treasury"));
        Assert.Equal(3m, Read(result, "fees.sequencer"));
        Assert.Equal(10m, Read(result, "fees.burned"));
        Assert.Equal(4m, Read(result, "fees.deficit.data_availability"));
        Assert.Equal(5m, Read(result, "fees.l1_data"));
        Assert.Equal(7m, Read(result, "fees.issued"));
    }
}
