using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

public class CrossChainBindingTests
{
    private const string TwoRollups = """
        scenario "x" {
          duration 1 min
          rollup A {
            block_time = 2 s
            gas_limit = 30_000_000
            accounts 10 funded 1 eth
          }
          rollup B like A {}
          workload {
            users = poisson(5 / s) on A, B
            cross_chain = 10 %
          }
          expect {
            report.cross_chain.atomic_failures == 0
            report.cross_chain.latency.p95 < 2 min
          }
        }
        """;

    [Fact]
    public void Cross_chain_share_and_cross_chain_metrics_bind()
    {
        var result = TestSources.Compile(TwoRollups);
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Equal(0.1, model.Workload.CrossChain.Share, 12);
        Assert.Equal(new MetricPath("cross_chain", "atomic_failures", MetricUnit.Count), model.Expectations[0].Metric);
        Assert.Equal(new MetricPath("cross_chain", "latency.p95", MetricUnit.Time), model.Expectations[1].Metric);
        Assert.Equal(120_000_000m, model.Expectations[1].Threshold);
    }

    [Fact]
    public void Without_cross_chain_the_share_is_zero()
    {
        var model = TestSources.Compile(TwoRollups.Replace("    cross_chain = 10 %\n", string.Empty, StringComparison.Ordinal)).Model!;
        Assert.Equal(CrossChainModel.None, model.Workload.CrossChain);
    }

    [Fact]
    public void Cross_chain_on_a_stream_of_one_rollup_is_an_error()
    {
        var text = TwoRollups.Replace("on A, B", "on A", StringComparison.Ordinal);
        Assert.Contains("PS3005 11:5 `cross_chain` sends from one rollup of the stream to another, but the stream is on one rollup", TestSources.Errors(text));
    }

    [Theory]
    [InlineData("cross_chain = 10 %", "cross_chain = 110 %", "PS3005 11:19 `cross_chain` must be a percentage between 0 % and 100 %, found a percentage")]
    [InlineData("report.cross_chain.atomic_failures", "report.cross_chain.atomic_failure", "PS3001 14:24 unknown report metric `atomic_failure`")]
    public void Cross_chain_errors_point_at_the_faulty_value(string original, string replacement, string expected)
    {
        var text = TwoRollups.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Contains(expected, TestSources.Errors(text));
    }

    private static string ValidityTrust(string provers) =>
        TwoRollups.Replace("cross_chain = 10 %", "cross_chain = 10 %\n    cross_chain_trust = validity_proof", StringComparison.Ordinal)
            .Replace("  expect {", provers + "\n  expect {", StringComparison.Ordinal);

    [Fact]
    public void Validity_proof_trust_binds_when_every_sending_rollup_is_proven()
    {
        var result = TestSources.Compile(ValidityTrust("  provers for A, B {\n    count = 2\n    selection = round_robin\n    proof_time = constant(30 s) per block\n  }"));
        Assert.Empty(result.Diagnostics);
        var crossChain = result.Model!.Workload.CrossChain;
        Assert.True(crossChain.OnValidityProof);
        Assert.False(crossChain.AfterFinality);
        Assert.False(crossChain.OnSoftConfirmation);
    }

    [Fact]
    public void Validity_proof_trust_with_an_unproven_source_is_refused_at_the_trust_naming_it()
    {
        var diagnostic = TestSources.Single(ValidityTrust("  provers for A {\n    count = 2\n    selection = round_robin\n    proof_time = constant(30 s) per block\n  }"));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.Equal("`cross_chain_trust = validity_proof` waits for the proof of the source block, but rollup `B` sends messages and is not proven: no `provers` block names it", diagnostic.Message);
        Assert.Equal("add `provers for B { ... }`, or trust the batch on L1: `cross_chain_trust = l1_inclusion`", diagnostic.Hint);
    }

    [Fact]
    public void Validity_proof_trust_without_any_provers_names_every_unproven_source()
    {
        var diagnostic = TestSources.Single(ValidityTrust(string.Empty));
        Assert.Equal("PS3005", diagnostic.Code);
        Assert.StartsWith("`cross_chain_trust = validity_proof` waits for the proof of the source block, but rollups `A`, `B` send messages and are not proven", diagnostic.Message, StringComparison.Ordinal);
    }
}
