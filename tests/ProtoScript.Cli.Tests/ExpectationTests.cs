namespace ProtoScript.Cli.Tests;

public class ExpectationTests
{
    private static string Scenario(string expect) =>
        File.ReadAllText(Repository.Example("quickstart.proto-script")).TrimEnd().TrimEnd('}') + "\n  expect {\n" + expect + "\n  }\n}\n";

    private static string WriteScenario(string content) => TempFiles.Write("expect.proto-script", content);

    [Fact]
    public void Expectations_that_hold_are_listed_as_passed_and_the_run_exits_0()
    {
        var outcome = Cli.Run("run", WriteScenario(Scenario("    conserved total_supply\n    report.A.blocks == 300\n    report.l1.blocks >= 50")));
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("conserved total_supply", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("passed (300)", outcome.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_expectation_prints_the_full_report_then_a_located_error_and_exits_1()
    {
        var path = WriteScenario(Scenario("    report.A.latency.p99 < 1 s"));
        var outcome = Cli.Run("run", path);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("state root", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAILED", outcome.Stdout, StringComparison.Ordinal);
        var line = File.ReadAllLines(path).ToList().FindIndex(l => l.Contains("report.A.latency.p99", StringComparison.Ordinal)) + 1;
        Assert.StartsWith($"{path}:{line}:5: error PS5001: expectation failed: report.A.latency.p99 < 1 s (actual: ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_on_the_left_is_compared_the_other_way_round()
    {
        var outcome = Cli.Run("run", WriteScenario(Scenario("    299 < report.A.blocks")));
        Assert.Equal(0, outcome.ExitCode);
    }

    [Theory]
    [InlineData("    report.A.latency.p99 < 5 gwei", "PS3003")]
    [InlineData("    report.A.latency.p90 < 5 s", "PS3001")]
    [InlineData("    report.Z.blocks > 1", "PS3007")]
    [InlineData("    conserved gas", "PS3005")]
    [InlineData("    report.A.blocks", "PS3005")]
    public void Invalid_expectations_are_binding_errors_with_exit_2(string expect, string code)
    {
        var outcome = Cli.Run("run", WriteScenario(Scenario(expect)));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error " + code, outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void Derivable_holds_for_a_normal_run_and_is_listed_as_passed()
    {
        var outcome = Cli.Run("run", WriteScenario(Scenario("    derivable")));
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("derivable", outcome.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Derivable_fails_when_batches_cannot_land_within_the_sequencing_window()
    {
        var source = Scenario("    derivable").Replace("rollup A {", "rollup A {\n    derivation = standard { sequencing_window = 1 }", StringComparison.Ordinal);
        var path = WriteScenario(source);

        var outcome = Cli.Run("run", path);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error PS5001: expectation failed: derivable (actual: A: block 1 did not derive from L1 data", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_prints_per_rollup_agreement_and_exits_0()
    {
        var outcome = Cli.Run("verify", Repository.Example("quickstart.proto-script"));

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith(
            "A: derived 270 blocks from L1 data; roots match for all 270; blocks 271–300 not yet on L1\n"
            + "B: derived 270 blocks from L1 data; roots match for all 270; blocks 271–300 not yet on L1\n"
            + "re-execution on this machine (wall clock, varies from run to run; not part of any report):\n",
            outcome.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_prints_the_measured_re_execution_speed_and_sync_estimate_of_each_rollup()
    {
        var outcome = Cli.Run("verify", Repository.Example("quickstart.proto-script"));

        // The counts are the derivation's and fixed; the time and speed are measured and vary.
        var lines = outcome.Stdout.Split('\n');
        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"^  A: 270 blocks, \d+ transactions, \d+ gas in \d+\.\d{3} s(: too fast to time|: [\d.]+ Mgas/s, \d+ tx/s; to sync the whole run \(300 blocks, \d+ gas\) about .+, a day at this load \(\d+ gas\) about .+)$", lines[3]);
        Assert.StartsWith("  B: 270 blocks, ", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_reports_the_first_missing_block_and_why_then_exits_1()
    {
        // B inherits A's settings; only B gets a window no batch can land within.
        var source = File.ReadAllText(Repository.Example("quickstart.proto-script"))
            .Replace("rollup B like A {", "rollup B like A {\n    derivation = standard { sequencing_window = 1 }", StringComparison.Ordinal);

        var outcome = Cli.Run("verify", WriteScenario(source));

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("A: derived 270 blocks from L1 data; roots match for all 270", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nB: block 1 did not derive from L1 data though later blocks were posted; the 0 blocks before it match\n", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("outside the sequencing window [", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_derives_a_rollup_that_charges_l1_data_fees_and_pays_posting_and_proving_back()
    {
        // A `fees` block that charges the L1 data fee, pays the batcher and the provers back and
        // splits the rest: every block's batch carries the L1 attributes its settlement read.
        var source = File.ReadAllText(Repository.Example("quickstart.proto-script"))
            .Replace("    accounts 1_000 funded 10 eth\n  }", "    accounts 1_000 funded 10 eth\n    fees {\n      l1_data_fee = true\n      distribute = split {\n        sequencer = 30 %\n        prover = 20 %\n        treasury = 50 %\n      }\n    }\n  }", StringComparison.Ordinal)
            .Replace("  workload {", "  provers for A, B {\n    count = 2\n    selection = round_robin\n    proof_time = constant(10 s) per block\n    cost = 0.00001 eth per block\n  }\n\n  workload {", StringComparison.Ordinal);
        Assert.Contains("l1_data_fee", source, StringComparison.Ordinal);
        Assert.Contains("provers for", source, StringComparison.Ordinal);

        var outcome = Cli.Run("verify", WriteScenario(source));

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            "A: derived 270 blocks from L1 data; roots match for all 270; blocks 271–300 not yet on L1\n"
            + "B: derived 270 blocks from L1 data; roots match for all 270; blocks 271–300 not yet on L1\n",
            outcome.Agreement);
    }

    /// <summary>
    /// Issue 12's scenarios: two rollups with a <c>fees</c> block whose blocks a cross-chain
    /// builder or a shared sequencer produces with same-slot bundles.
    /// </summary>
    [Theory]
    [InlineData("distribute = split {\n        sequencer = 100 %\n      }", "builder b1 for A, B {\n    simulate = cross_chain\n  }")]
    [InlineData("l1_data_fee = true", "shared_sequencer espresso for A, B {\n    executes = false\n  }")]
    [InlineData("l1_data_fee = true\n      distribute = csharp {\n        var pot = block.PriorityFees + block.L1DataFees;\n        var da = pot < block.DaOwed ? pot : block.DaOwed;\n        Pay(Role.DataAvailability, da);\n        Pay(Role.Builder, pot - da);\n        Pay(Role.Treasury, block.BaseFees);\n      }", "builder b1 for A, B {\n    simulate = cross_chain\n  }")]
    public void Verify_derives_rollups_with_fees_whose_blocks_carry_cross_chain_bundles(string fees, string producer)
    {
        var source = $$"""
            scenario "fees and bundles" {
              seed 3
              duration 5 min

              rollup A {
                block_time = 2 s
                gas_limit = 30_000_000
                ordering = fcfs
                accounts 1_000 funded 10 eth
                batch {
                  every = 1 min
                  to = ethereum.blobs
                }
                fees {
                  {{fees}}
                }
              }

              rollup B like A { }

              {{producer}}

              workload {
                users = poisson(5 / s) on A, B
                priority_fee = exponential(0.01 gwei)
                value = uniform(0.001 eth, 0.1 eth)
                cross_chain = 10 %
              }
            }

            """;

        var outcome = Cli.Run("verify", WriteScenario(source));

        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Agreement.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var (line, rollup) in lines.Zip(["A", "B"]))
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, $"^{rollup}: derived ([0-9]+) blocks from L1 data; roots match for all ([0-9]+); blocks ([0-9]+)–150 not yet on L1$");
            Assert.True(match.Success, line);
            Assert.Equal(match.Groups[1].Value, match.Groups[2].Value);
            Assert.True(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 100, line);
        }
    }

    [Fact]
    public void Verify_derives_a_rollup_whose_fee_hook_reads_the_blocks_gas_used_and_transaction_count()
    {
        // Derivation counted neither: the hook saw 0 gas and 0 transactions and paid the treasury
        // where the sequencer had paid itself, so block 1 already differed.
        const string source = """
            scenario "hook gas" {
              seed 1
              duration 2 min
              rollup A {
                block_time = 2 s
                accounts 100 funded 10 eth
                batch { every = 30 s }
                fees {
                  distribute = csharp {
                    var pot = block.PriorityFees + block.L1DataFees;
                    Pay(Role.Sequencer, block.Transactions > 3 && block.GasUsed > 80_000 ? pot : 0);
                    Pay(Role.Treasury, block.Transactions > 3 && block.GasUsed > 80_000 ? 0 : pot);
                  }
                }
              }
              workload {
                users = poisson(2 / s) on A
                priority_fee = exponential(0.01 gwei)
                value = constant(0.01 eth)
              }
            }
            """;

        var outcome = Cli.Run("verify", WriteScenario(source));

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("A: derived 45 blocks from L1 data; roots match for all 45; blocks 46–60 not yet on L1\n", outcome.Agreement);
    }

    [Fact]
    public void Derivable_fails_with_nothing_posted_when_the_sequencer_withholds_every_batch_instead_of_passing_with_0_blocks()
    {
        var source = Scenario("    derivable").Replace("rollup B like A {", "rollup B like A {\n    sequencer {\n      withhold = 0 s for 10 min\n    }", StringComparison.Ordinal);
        var path = WriteScenario(source);

        var outcome = Cli.Run("run", path);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("derivable (actual: B: derived 0 blocks: nothing was posted (the sequencer sealed 300 blocks and no batch of them reached L1))", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("actual: A:", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_derives_the_withholding_example_to_the_sequencers_roots_after_its_reorgs()
    {
        var outcome = Cli.Run("verify", Repository.Example("withholding.proto-script"));

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            "A: derived 986 blocks from L1 data; roots match for all 986; blocks 987–1016 not yet on L1\n"
            + "B: derived 901 blocks from L1 data; roots match for all 901; blocks 902–931 not yet on L1\n"
            + "C: derived 1770 blocks from L1 data; roots match for all 1770; blocks 1771–1800 not yet on L1\n",
            outcome.Agreement);
    }
}
