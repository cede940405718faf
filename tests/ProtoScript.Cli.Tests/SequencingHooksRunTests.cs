using System.Text.Json;

namespace ProtoScript.Cli.Tests;

/// <summary>
/// The aggregation's cost split (<c>cost_split</c>), an external network's fee (<c>fee = csharp</c>)
/// and the batcher's auto choice (<c>choose</c>) as C# hooks, run from the CLI on both engines.
/// </summary>
public class SequencingHooksRunTests
{
    // Three rollups under one external sequencer that aggregates their data; SPLIT, FEE and G's CHOOSE are each test's.
    private const string Scenario = """
        scenario "sequencing hooks" {
          seed 2
          duration 5 min
          l1 ethereum {
            slot_time = 12 s
            blobs {
              base_fee = 30 gwei
              background = 5
            }
          }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth
            batch {
              every = 1 min
              to = ethereum.blobs
            }
          }
          rollup B like A { }
          rollup C like A { }
          rollup G like A {
            batch {
              every = 1 min
              to = ethereum.auto
              CHOOSE
            }
          }
          shared_sequencer S for A, B, C {
            kind = external
            FEE
            aggregate_data = true
            SPLIT
          }
          workload {
            users = poisson(3 / s) on A, B, C, G
            priority_fee = constant(0.01 gwei)
            value = constant(0.001 eth)
          }
          expect {
            derivable
            conserved total_supply
          }
        }
        """;

    private static string With(string split = "", string fee = "", string choose = "") =>
        Scenario.Replace("SPLIT", split, StringComparison.Ordinal).Replace("FEE", fee, StringComparison.Ordinal).Replace("CHOOSE", choose, StringComparison.Ordinal);

    private static JsonElement Sequencer(JsonDocument report) => report.RootElement.GetProperty("sequencers").EnumerateArray().Single();

    private static JsonElement RollupDa(JsonDocument report, string rollup) =>
        report.RootElement.GetProperty("rollups").EnumerateArray().Single(r => r.GetProperty("name").GetString() == rollup).GetProperty("dataAvailability");

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void The_sequencing_hooks_example_prints_the_same_report_on_the_scripted_and_the_compiled_engine(string format)
    {
        var path = Path.Combine(Repository.Examples, "sequencing-hooks.proto-script");

        var scripted = Cli.Run("run", path, "--engine", "scripted", "--format", format);
        var compiled = Cli.Run("run", path, "--engine", "compiled", "--format", format);

        Assert.Equal(0, scripted.ExitCode);
        Assert.Equal(scripted, compiled);
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_cost_split_hook_returning_shares_by_bytes_of_each_fee_prints_the_built_in_split_to_the_wei(string engine)
    {
        // The built-in splits the blob fee and the execution fee each by bytes; this hook does the same and adds them.
        const string hook = """
            cost_split = csharp {
              var bytes = Enumerable.Range(0, posting.Parts).Select(posting.Bytes).ToArray();
              var blob = CostSplitView.Proportional(posting.BlobFee, bytes);
              var execution = CostSplitView.Proportional(posting.ExecutionFee, bytes);
              return blob.Zip(execution, (b, e) => b + e).ToArray();
            }
            """;
        var builtIn = Cli.Run("run", TempFiles.Write("split-built-in.proto-script", With(split: "cost_split = by_bytes")), "--format", "json");
        var hooked = Cli.Run("run", TempFiles.Write("split-hooked.proto-script", With(split: hook)), "--engine", engine, "--format", "json");

        Assert.Equal(0, builtIn.ExitCode);
        Assert.Equal(0, hooked.ExitCode);
        using var expected = JsonDocument.Parse(builtIn.Stdout);
        using var actual = JsonDocument.Parse(hooked.Stdout);
        var paid = (JsonDocument d) => Sequencer(d).GetProperty("aggregation").GetProperty("rollups").EnumerateArray().Select(r => r.GetProperty("paidWei").ToString()).ToList();
        Assert.Equal(paid(expected), paid(actual));
        Assert.Equal("csharp", Sequencer(actual).GetProperty("aggregation").GetProperty("split").GetString());
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void An_equal_split_charges_the_three_rollups_within_one_wei_per_posting_of_each_other_and_sums_to_the_shared_cost(string engine)
    {
        var run = Cli.Run("run", TempFiles.Write("split-equal.proto-script", With(split: "cost_split = equal")), "--engine", engine, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        var aggregation = Sequencer(report).GetProperty("aggregation");
        var postings = aggregation.GetProperty("postings").GetInt64();
        var paid = aggregation.GetProperty("rollups").EnumerateArray().Select(r => UInt128.Parse(r.GetProperty("paidWei").ToString(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, paid.Count);
        Assert.True(postings > 0);

        // Each posting gives A the remainder's first wei of each of its two fees, B at most the second, C none.
        Assert.InRange(paid[0] - paid[2], UInt128.Zero, (UInt128)(2 * postings));
        Assert.InRange(paid[1] - paid[2], UInt128.Zero, (UInt128)(2 * postings));
        Assert.Equal(UInt128.Parse(aggregation.GetProperty("paidWei").ToString(), System.Globalization.CultureInfo.InvariantCulture), paid[0] + paid[1] + paid[2]);
        Assert.Equal("equal", aggregation.GetProperty("split").GetString());
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_fee_hook_of_one_wei_per_gas_charges_exactly_what_fee_1_wei_per_gas_charges(string engine)
    {
        var builtIn = Cli.Run("run", TempFiles.Write("fee-built-in.proto-script", With(fee: "fee = 1 wei")), "--format", "json");
        var hooked = Cli.Run("run", TempFiles.Write("fee-hooked.proto-script", With(fee: "fee = csharp => (UInt128)block.Gas")), "--engine", engine, "--format", "json");

        Assert.Equal(0, builtIn.ExitCode);
        Assert.Equal(0, hooked.ExitCode);
        using var expected = JsonDocument.Parse(builtIn.Stdout);
        using var actual = JsonDocument.Parse(hooked.Stdout);
        var layer = Sequencer(actual).GetProperty("layerFee");
        Assert.Equal(Sequencer(expected).GetProperty("layerFee").GetProperty("rollupsWei").ToString(), layer.GetProperty("rollupsWei").ToString());
        Assert.Equal("csharp (per block)", layer.GetProperty("rule").GetString());
        Assert.False(layer.TryGetProperty("perGasWei", out _));
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_fee_hook_of_10_percent_of_the_priority_fees_charges_a_tenth_of_each_rollups_tips(string engine)
    {
        var run = Cli.Run("run", TempFiles.Write("fee-tips.proto-script", With(fee: "fee = csharp => SequencerFeeView.Percent(block.PriorityFees, 10)")), "--engine", engine, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        var fees = Sequencer(report).GetProperty("layerFee").GetProperty("rollupsWei");
        foreach (var rollup in new[] { "A", "B", "C" })
        {
            // Every transaction tips 0.01 gwei × 21000 gas = 210000 gwei, a multiple of 10 wei: the tenth is exact.
            var included = report.RootElement.GetProperty("rollups").EnumerateArray().Single(r => r.GetProperty("name").GetString() == rollup).GetProperty("transactions").GetProperty("included").GetInt64();
            Assert.True(included > 0);
            Assert.Equal((UInt128)included * 21_000UL * 10_000_000UL / 10, UInt128.Parse(fees.GetProperty(rollup).ToString(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_choose_hook_that_always_returns_calldata_posts_every_batch_as_calldata_and_no_blob(string engine)
    {
        var run = Cli.Run("run", TempFiles.Write("choose-calldata.proto-script", With(choose: "choose = csharp => DaChoice.Calldata")), "--engine", engine, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        var da = RollupDa(report, "G");
        var auto = da.GetProperty("auto");
        Assert.True(da.GetProperty("batches").GetInt64() > 0);
        Assert.Equal(0, auto.GetProperty("blobBatches").GetInt64());
        Assert.Equal(da.GetProperty("batches").GetInt64(), auto.GetProperty("calldataBatches").GetInt64());
        Assert.Equal(0, da.GetProperty("blobs").GetInt64());
        Assert.Equal("csharp", auto.GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("compiled")]
    public void A_choose_hook_returning_the_built_in_choice_prints_exactly_the_built_in_auto_batchers_numbers(string engine)
    {
        var builtIn = Cli.Run("run", TempFiles.Write("choose-built-in.proto-script", With()), "--format", "json");
        var hooked = Cli.Run("run", TempFiles.Write("choose-cheaper.proto-script", With(choose: "choose = csharp => batch.Cheaper")), "--engine", engine, "--format", "json");

        Assert.Equal(0, builtIn.ExitCode);
        Assert.Equal(0, hooked.ExitCode);
        using var expected = JsonDocument.Parse(builtIn.Stdout);
        using var actual = JsonDocument.Parse(hooked.Stdout);
        var counts = (JsonDocument d) => RollupDa(d, "G").GetProperty("auto") is var a ? (a.GetProperty("blobBatches").GetInt64(), a.GetProperty("calldataBatches").GetInt64(), a.GetProperty("chosenCostWei").ToString()) : default;
        Assert.Equal(counts(expected), counts(actual));
    }
}
