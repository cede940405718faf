namespace ProtoScript.Cli.Tests;

/// <summary>
/// A hook of every site that throws, runs out of its budget or returns what its site refuses
/// stops <c>run --engine compiled</c> with exactly the diagnostic of <c>--engine scripted</c>:
/// PS4006 (threw, or returned what its site refuses) or PS4005 (ran out of budget) at the
/// hook's place, with the simulated time and block where it failed.
/// </summary>
public class CompiledEngineHookFailureTests
{
    private const string Boom = "throw new System.InvalidOperationException(\"boom\")";

    private static string Quickstart(string replace, string with) =>
        File.ReadAllText(Repository.Example("quickstart.proto-script")).Replace(replace, with, StringComparison.Ordinal);

    /// <summary>Quickstart's rollup B with <paramref name="lines"/> added to it.</summary>
    private static string InB(string lines) => Quickstart("rollup B like A {", "rollup B like A {\n    " + lines);

    private static string OrderingOfB(string rule) => Quickstart("rollup B like A {\n    ordering = priority_fee", "rollup B like A {\n    ordering = " + rule);

    private static string Provers(string selection) => Quickstart(
        "  workload {",
        "  provers for B {\n    count = 3\n    selection = " + selection + "\n    proof_time = normal(5 s, 1 s) per block\n    cost = 1 gwei per block\n  }\n\n  workload {");

    private static string MarketBid(string hook) => Quickstart(
        "  workload {",
        "  provers for B {\n    selection = market {\n      prover plain { cost = 1 gwei per block }\n      prover hooked { cost = 2 gwei per block  bid = " + hook + " }\n    }\n    proof_time = normal(5 s, 1 s) per block\n  }\n\n  workload {");

    private static string Derivation(string rule) => InB("derivation = " + rule)
        .Replace("  workload {", "  expect {\n    derivable\n  }\n\n  workload {", StringComparison.Ordinal);

    private static string Strategy(string firstStatement) =>
        File.ReadAllText(Repository.Example("arbitrage-strategy.proto-script"))
            .Replace("arbitrage_strategy = csharp {", "arbitrage_strategy = csharp {\n      " + firstStatement, StringComparison.Ordinal);

    private static string BuilderHooks(string replace, string with) =>
        File.ReadAllText(Repository.Example("builder-hooks.proto-script")).Replace(replace, with, StringComparison.Ordinal);

    private static string BuilderBid(string firstStatement) => BuilderHooks("bid = csharp {", "bid = csharp {\n      " + firstStatement);

    private static string BuilderStrategy(string firstStatement) => BuilderHooks("strategy = csharp {", "strategy = csharp {\n      " + firstStatement);

    /// <summary>Quickstart's rollup B run by a BFT set of 4 whose proposer is <paramref name="hook"/>.</summary>
    private static string Proposer(string hook) => InB("sequencer {\n      consensus = bft {\n        nodes = 4\n        proposer = " + hook + "\n      }\n    }");

    /// <summary>The sequencing-hooks example with its <c>cost_split</c>, <c>fee</c> or <c>choose</c> hook replaced.</summary>
    private static string SequencingHooks(string site, string hook)
    {
        var text = File.ReadAllText(Repository.Example("sequencing-hooks.proto-script"));
        var start = text.IndexOf("    " + site + " = csharp", StringComparison.Ordinal);
        var end = site == "cost_split" ? text.IndexOf("    }\n", start, StringComparison.Ordinal) + 6 : text.IndexOf('\n', start) + 1;
        return text[..start] + "    " + site + " = " + hook + "\n" + text[end..];
    }

    public static TheoryData<string, string, string> FailingHooks() => new()
    {
        { "cost-split-off-by-one", SequencingHooks("cost_split", "csharp => CostSplitView.Equal(posting.Total + 1, posting.Parts)"), "error PS4006: hook `shared sequencer espresso cost_split` returned shares [" },
        { "cost-split-one-share", SequencingHooks("cost_split", "csharp => new UInt128[] { posting.Total }"), "error PS4006: hook `shared sequencer espresso cost_split` returned 1 shares for a posting of 3 rollups (D, E, F) in L1 block " },
        { "cost-split-throws", SequencingHooks("cost_split", "csharp => posting.L1Block > 20 ? " + Boom + " : posting.ByBytes()"), "error PS4006: hook `shared sequencer espresso cost_split` threw InvalidOperationException: boom at " },
        { "layer-fee-throws", SequencingHooks("fee", "csharp => block.Slot == 3 ? " + Boom + " : UInt128.Zero"), "error PS4006: hook `shared sequencer espresso fee` threw InvalidOperationException: boom at 6200 ms in block 3 of rollup D" },
        { "layer-fee-above-cap", SequencingHooks("fee", "csharp => SequencerFeeView.Gwei(1_000_000_001)"), "error PS4006: hook `shared sequencer espresso fee` returned an impossible fee for rollup D's block of slot 1: 1000000001000000000 wei, above the cap of 1000000000000000000 wei (1 eth) at " },
        { "layer-fee-loops", SequencingHooks("fee", "csharp { while (true) { } }"), "error PS4005: hook `shared sequencer espresso fee` exceeded its budget: " },
        { "choose-throws", SequencingHooks("choose", "csharp => batch.Batch == 2 ? " + Boom + " : batch.Cheaper"), "error PS4006: hook `rollup G choose` threw InvalidOperationException: boom at 2 min in block " },
        { "choose-neither", SequencingHooks("choose", "csharp => (DaChoice)7"), "error PS4006: hook `rollup G choose` returned 7 for batch 1 of rollup G, which is neither DaChoice.Blobs nor DaChoice.Calldata at 1 min in block 30 of rollup G" },
        { "proposer-throws", Proposer("csharp => round.Height == 3 ? " + Boom + " : round.RoundRobin"), "error PS4006: hook `rollup B proposer` threw InvalidOperationException: boom at " },
        { "proposer-out-of-range", Proposer("csharp => round.Height == 2 ? round.Nodes + 1 : round.RoundRobin"), "error PS4006: hook `rollup B proposer` returned node 5 as the proposer of height 2 round 0, but the set's nodes are 1 … 4 at " },
        { "proposer-zero", Proposer("csharp => 0"), "error PS4006: hook `rollup B proposer` returned node 0 as the proposer of height 1 round 0, but the set's nodes are 1 … 4 at " },
        { "proposer-loops", Proposer("csharp { while (true) { } }"), "error PS4005: hook `rollup B proposer` exceeded its budget: " },
        { "builder-bid-throws", BuilderBid("if (candidate.Block == 3) { " + Boom + "; }"), "error PS4006: hook `builder shade bid` threw InvalidOperationException: boom at 6 s in block 3 of rollup A" },
        { "builder-bid-loops", BuilderBid("while (true) { }"), "error PS4005: hook `builder shade bid` exceeded its budget: " },
        { "builder-bid-impossible", BuilderBid("if (candidate.Block == 2) { return candidate.Value + 1; }"), "error PS4006: hook `builder shade bid` returned an impossible bid: " },
        { "builder-strategy-out-of-range", BuilderStrategy("if (pool.Block == 2) { return new[] { pool.Count }; }"), "error PS4006: hook `builder shade strategy` returned an impossible order: index " },
        { "builder-strategy-repeated", BuilderStrategy("if (pool.Block == 2 && pool.Count > 0) { return new[] { 0, 0 }; }"), "error PS4006: hook `builder shade strategy` returned an impossible order: index 0 twice (again at position 1) at 4 s in block 2 of rollup A" },
        { "builder-strategy-loops", BuilderStrategy("while (true) { }"), "error PS4005: hook `builder shade strategy` exceeded its budget: " },
        { "ordering-throws", OrderingOfB("csharp => x.Nonce > 2 ? " + Boom + " : x.ArrivalSequence.CompareTo(y.ArrivalSequence)"), "error PS4006: hook `rollup B ordering` threw InvalidOperationException: boom at " },
        { "ordering-catches-oom", OrderingOfB("csharp { try { return x.Nonce > 2 ? new long[int.MaxValue].Length : x.ArrivalSequence.CompareTo(y.ArrivalSequence); } catch (System.Exception) { return 0; } }"), "error PS4005: hook `rollup B ordering` exceeded its budget: it allocated more than 67108864 bytes in one call at " },
        { "ordering-catches-budget", OrderingOfB("csharp { try { while (true) { } } catch { } return 0; }"), "error PS4005: hook `rollup B ordering` exceeded its budget: " },
        { "ordering-loops", OrderingOfB("csharp { while (true) { } }"), "error PS4005: hook `rollup B ordering` exceeded its budget: " },
        { "fees-throw", InB("fees {\n      distribute = csharp { if (block.Number == 3) { " + Boom + "; } }\n    }"), "error PS4006: hook `rollup B fees` threw InvalidOperationException: boom at 6 s in block 3 of rollup B" },
        { "fees-loop", InB("fees {\n      distribute = csharp { while (true) { } }\n    }"), "error PS4005: hook `rollup B fees` exceeded its budget: " },
        { "fees-overpay", InB("fees {\n      distribute = csharp { Pay(Role.Treasury, block.Collected + 1); }\n    }"), "error PS4006: hook `rollup B fees` paid out " },
        { "selection-throws", Provers("csharp => block.Number == 4 ? " + Boom + " : 0"), "error PS4006: hook `provers for B selection` threw InvalidOperationException: boom at " },
        { "selection-loops", Provers("csharp { while (true) { } }"), "error PS4005: hook `provers for B selection` exceeded its budget: " },
        { "selection-out-of-range", Provers("csharp => provers.Count"), "error PS4006: hook `provers for B selection` returned prover 3, but the provers are numbered 0 to 2 at " },
        { "validity-throws", InB("validity = csharp => tx.Nonce == 2 ? " + Boom + " : true"), "error PS4006: hook `rollup B validity` threw InvalidOperationException: boom at " },
        { "validity-loops", InB("validity = csharp { while (true) { } }"), "error PS4005: hook `rollup B validity` exceeded its budget: " },
        { "strategy-throws", Strategy("if (now > TimeSpan.FromSeconds(30)) { " + Boom + "; }"), "error PS4006: hook `workload arbitrage_strategy` threw InvalidOperationException: boom at 31950 ms in block 16 of rollup PRIO" },
        { "strategy-loops", Strategy("if (now > TimeSpan.FromSeconds(30)) { while (true) { } }"), "error PS4005: hook `workload arbitrage_strategy` exceeded its budget: " },
        { "strategy-impossible", Strategy("if (!best.IsNone) { return best with { Direction = (TradeDirection)7 }; }"), "error PS4006: hook `workload arbitrage_strategy` returned an impossible trade: a trade in direction 7" },
        { "derivation-throws", Derivation("csharp => batch.Blocks[0].Number > 100 ? " + Boom + " : null"), "error PS4006: hook `rollup B derivation` threw InvalidOperationException: boom at " },
        { "base-fee-market-throws", InB("fees {\n      base_fee_market = csharp { if (parent.Number == 2) { " + Boom + "; } return parent.BaseFee; }\n    }"), "error PS4006: hook `rollup B fees base_fee_market` threw InvalidOperationException: boom at " },
        { "base-fee-market-negative", InB("fees {\n      base_fee_market = csharp => parent.IsGenesis ? parent.BaseFee : parent.BaseFee - BaseFeeParentView.Gwei(1_000_000)\n    }"), "error PS4006: hook `rollup B fees base_fee_market` threw OverflowException: " },
        { "base-fee-market-above-cap", InB("fees {\n      base_fee_market = csharp => parent.Number == 1 ? BaseFeeParentView.Gwei(1_000_000_001) : parent.BaseFee\n    }"), "error PS4006: hook `rollup B fees base_fee_market` returned an impossible base fee for block 2: 1000000001000000000 wei per gas, above the cap of 1000000000000000000 wei (1 eth) at " },
        { "base-fee-market-loops", InB("fees {\n      base_fee_market = csharp { while (true) { } }\n    }"), "error PS4005: hook `rollup B fees base_fee_market` exceeded its budget: " },
        { "prover-bid-throws", MarketBid("csharp => auction.Job.Number >= 3 ? " + Boom + " : auction.Cost"), "error PS4006: hook `provers for B prover hooked bid` threw InvalidOperationException: boom at " },
        { "prover-bid-below-zero", MarketBid("csharp => auction.Cost - auction.Cost - 1"), "error PS4006: hook `provers for B prover hooked bid` threw OverflowException: " },
        { "prover-bid-absurd", MarketBid("csharp => auction.Job.Number == 2 ? UInt128.MaxValue : auction.Cost"), "error PS4006: hook `provers for B prover hooked bid` returned an absurd bid for B block 2: 340282366920938463463374607431768211455 wei, more than 1 000 000 eth at " },
        { "prover-bid-loops", MarketBid("csharp { while (true) { } }"), "error PS4005: hook `provers for B prover hooked bid` exceeded its budget: " },
        { "derivation-loops", Derivation("csharp { while (true) { } }"), "error PS4005: hook `rollup B derivation` exceeded its budget: " },
    };

    [Theory]
    [MemberData(nameof(FailingHooks))]
    public void A_failing_hook_of_every_site_gives_the_scripted_engines_diagnostic_on_the_compiled_engine(string name, string source, string expected)
    {
        var path = TempFiles.Write(name + ".proto-script", source);

        var scripted = Cli.Run("run", path, "--engine", "scripted");
        var compiled = Cli.Run("run", path, "--engine", "compiled");

        Assert.Equal(1, scripted.ExitCode);
        Assert.Contains(name + ".proto-script:", scripted.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, scripted.Stderr, StringComparison.Ordinal);
        Assert.Contains(" in block ", scripted.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", scripted.Stderr, StringComparison.Ordinal);
        Assert.Equal(scripted, compiled);
    }
}
