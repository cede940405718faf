using System.Globalization;
using System.Text;

namespace ProtoScript.Benchmarks;

/// <summary>How the generated scenario is written.</summary>
public enum SourceStyle
{
    /// <summary>
    /// More than 10 000 lines: a comment block per rollup, a comment before each field,
    /// trailing comments and blank lines (most of the bytes are comments).
    /// </summary>
    Commented,

    /// <summary>The same scenario with every comment and blank line left out: only code.</summary>
    Dense,
}

/// <summary>
/// Writes a large, valid scenario deterministically: one L1, many rollups (every other one
/// declared <c>like</c> its predecessor with overrides), and a workload that uses them all.
/// </summary>
public static class ScenarioTextGenerator
{
    /// <summary>The number of rollups in the benchmark scenario.</summary>
    public const int BenchmarkRollups = 200;

    /// <summary>The path diagnostics would print for the generated text.</summary>
    public const string BenchmarkPath = "generated-200-rollups.proto-script";

    private static readonly Lazy<string> CommentedText = new(() => Generate(BenchmarkRollups, SourceStyle.Commented));
    private static readonly Lazy<string> DenseText = new(() => Generate(BenchmarkRollups, SourceStyle.Dense));

    private static readonly string[] BlockTimes = ["250 ms", "500 ms", "1 s", "2 s", "4 s"];
    private static readonly string[] BaseFees = ["0.001 gwei", "0.0025 gwei", "0.01 gwei", "0.05 gwei", "1_000_000 wei"];
    private static readonly string[] Funding = ["10 eth", "25 eth", "100 eth", "0.5 eth", "2_500 gwei * 1_000"];

    /// <summary>The benchmark scenario (200 rollups) in the given style, generated once per process.</summary>
    public static string BenchmarkText(SourceStyle style) => style == SourceStyle.Dense ? DenseText.Value : CommentedText.Value;

    /// <summary>Generates a scenario with <paramref name="rollups"/> rollups; the same arguments always give the same text.</summary>
    public static string Generate(int rollups, SourceStyle style)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rollups, 1);
        var w = new Writer(new StringBuilder(rollups * 2_500), style == SourceStyle.Commented);
        var random = new Random(20_240_601); // Seeded System.Random: its sequence is fixed across .NET versions.

        w.Comment("// Generated stress scenario for the parse-and-bind benchmark.");
        w.Comment("// Every rollup below is listed in the workload's `users ... on` list, so the binder");
        w.Comment("// resolves every name; half of them inherit from the rollup above with `like`.");
        w.Comment("// Numbers use `_` separators, units and arithmetic the way people write them.");
        w.Blank();
        w.Code(Invariant($"scenario \"stress-{rollups}-rollups\" {{"));
        w.Comment("  // The root seed of every random stream; change it to resample the workload.");
        w.Code("  seed 1_234_567");
        w.Code("  duration 30 min", "long enough for latency percentiles to settle");
        w.Blank();
        w.Comment("  // Settlement layer: one block per slot, as on mainnet.");
        w.Code("  l1 ethereum {");
        w.Code("    slot_time = 12 s", "12 s slots since the merge");
        w.Code("  }");

        for (var i = 0; i < rollups; i++)
        {
            WriteRollup(w, i, random);
        }

        w.Blank();
        w.Comment("  // One population of users spread over every rollup declared above.");
        w.Code("  workload {");
        var users = new StringBuilder("    users = poisson(20 / s) on ");
        for (var i = 0; i < rollups; i++)
        {
            users.Append(i == 0 ? string.Empty : ", ").Append(RollupName(i));
        }

        w.Code(users.ToString());
        w.Code("    priority_fee = exponential(0.01 gwei)", "most users tip little, a few tip a lot");
        w.Code("    value = uniform(0.001 eth, 0.1 eth)");
        w.Code("  }");
        w.Code("}");
        return w.ToString();
    }

    /// <summary>The name of rollup <paramref name="index"/>.</summary>
    public static string RollupName(int index) => Invariant($"R{index:D4}");

    private static void WriteRollup(Writer w, int i, Random random)
    {
        var name = RollupName(i);
        var inherits = i % 2 == 1;
        var blockTime = BlockTimes[random.Next(BlockTimes.Length)];
        var transfersPerBlock = 20 + random.Next(480);
        var baseFee = BaseFees[random.Next(BaseFees.Length)];
        var accounts = 1_000 * (1 + random.Next(50));
        var funded = Funding[random.Next(Funding.Length)];
        var ordering = random.Next(2) == 0 ? "fcfs" : "priority_fee";

        w.Blank();
        w.Comment("  // ------------------------------------------------------------------------------");
        w.Comment(Invariant($"  // Rollup {name} ({i + 1} of the fleet)"));
        w.Comment("  // ------------------------------------------------------------------------------");
        w.Comment(Invariant($"  // Operator:        sequencer-{i % 17:D2}.example (shared sequencer set {i % 5})"));
        w.Comment(Invariant($"  // Block time:      {blockTime}; capacity {transfersPerBlock} transfers per block"));
        w.Comment(Invariant($"  // Ordering:        {ordering}"));
        w.Comment(Invariant($"  // Base fee:        {baseFee}, burned"));
        w.Comment(Invariant($"  // Genesis:         {accounts:D} accounts, each funded with {funded}"));
        w.Comment("  //");
        w.Comment("  // Capacity is written as transfers per block times 21_000 gas, so that the");
        w.Comment("  // block's gas limit reads as the number of plain transfers it can hold.");
        w.Comment(inherits
            ? Invariant($"  // Inherits every field from {RollupName(i - 1)} and overrides some of them.")
            : "  // Declares every field itself.");
        w.Comment("  //");
        w.Comment("  // History:");
        for (var h = 0; h < 10; h++)
        {
            w.Comment(Invariant($"  //   v{h + 1}: tuned {(h % 2 == 0 ? "gas_limit" : "block_time")} after load test #{(i * 7) + h} (p95 latency within budget)"));
        }

        w.Comment("  //");
        w.Comment("  // Service levels:");
        w.Comment(Invariant($"  //   inclusion p50 <= {blockTime}, p99 <= 4 blocks; alert after 3 missed slots"));
        w.Comment("  //   state root posted to L1 every epoch; fraud-proof window 7 days");
        w.Comment("  //");
        w.Comment("  // Runbook:");
        w.Comment(Invariant($"  //   1. page the on-call of sequencer set {i % 5} when blocks stop for 3 block times"));
        w.Comment("  //   2. drain the mempool to the backup sequencer; users keep their pending nonces");
        w.Comment("  //   3. post the last state root to L1 by hand if the batch poster is down");
        w.Comment("  //");
        w.Code(inherits
            ? Invariant($"  rollup {name} like {RollupName(i - 1)} {{")
            : Invariant($"  rollup {name} {{"));

        // Each field is introduced by a comment and followed by a blank line.
        Field(w, "Time between L2 blocks.", Invariant($"block_time = {blockTime}"), "sequencer tick");
        Field(w, "Gas available in one block: transfers per block times the gas of a transfer.", Invariant($"gas_limit = {transfersPerBlock} * 21_000"), Invariant($"= {transfersPerBlock * 21_000:D} gas"));
        if (!inherits || i % 4 == 1)
        {
            Field(w, "How the sequencer orders its mempool: fcfs or priority_fee.", Invariant($"ordering = {ordering}"), null);
        }

        Field(w, "The L2 base fee per gas, burned.", Invariant($"base_fee = {baseFee}"), "flat: no EIP-1559 adjustment yet");
        if (!inherits || i % 3 == 1)
        {
            Field(w, "User accounts at genesis and the balance of each.", Invariant($"accounts {accounts:D} funded {funded}"), null);
        }

        w.Comment("    // End of the rollup's own settings.");
        w.Code("  }");
    }

    private static void Field(Writer w, string comment, string field, string? trailing)
    {
        w.Comment("    // " + comment);
        w.Code("    " + field, trailing);
        w.Blank();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Appends LF-terminated lines, leaving out comments and blank lines in the dense style.</summary>
    private sealed class Writer(StringBuilder sb, bool comments)
    {
        public void Code(string text, string? trailingComment = null)
        {
            sb.Append(text);
            if (comments && trailingComment is not null)
            {
                sb.Append(" // ").Append(trailingComment);
            }

            sb.Append('\n');
        }

        public void Comment(string text)
        {
            if (comments)
            {
                sb.Append(text).Append('\n');
            }
        }

        public void Blank() => Comment(string.Empty);

        public override string ToString() => sb.ToString();
    }
}
