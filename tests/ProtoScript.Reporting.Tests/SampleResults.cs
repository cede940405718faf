using ProtoScript.Engine.Results;
using ProtoScript.Language.Model;

namespace ProtoScript.Reporting.Tests;

internal static class SampleResults
{
    public static SimulationResult Small() => new(
        "fees demo",
        7,
        SimDuration.FromSeconds(60),
        new L1Result("ethereum", SimDuration.FromSeconds(12), 5)
        {
            Fork = "prague",
            Finality = SimDuration.FromSeconds(768),
            BaseFee = new FeeRange(Wei.PerGwei, Wei.PerGwei + 291_666, Wei.PerGwei, Wei.PerGwei + 291_666),
            BlobBaseFee = new FeeRange(3, 3, 3, 3),
            RollupBlobs = 2,
            BackgroundBlobs = 0,
            RollupGas = 42_000,
            BackgroundGas = 90_000_000,
            RollupTransactions = 2,
            PendingPostings = 0,
        },
        [
            new RollupResult(
                "A",
                "priority_fee",
                SimDuration.FromMilliseconds(250),
                30_000_000,
                Wei.PerGwei,
                11,
                240,
                new TransactionCounts(
                    1_000,
                    990,
                    [new RejectionCount("insufficient_balance", 3), new RejectionCount("nonce_gap", 2)],
                    5),
                new LatencySummary(990, new SimDuration(125_000), new SimDuration(240_500), new SimDuration(1_999_999)),
                20_790_000,
                new FeeSummary(20_790_000 * Wei.PerGwei, 1_500_000_000_000_001),
                new SupplySummary(1_000 * Wei.PerEther, 1_000 * Wei.PerEther - (20_790_000 * Wei.PerGwei), 20_790_000 * Wei.PerGwei),
                "0x" + new string('a', 64))
            {
                // Two one-blob batches at 3 wei per blob gas and 1 gwei per gas: 2 × 131072 × 3 wei + 42000 gwei.
                DataAvailability = new DataAvailabilitySummary("blobs", "brotli", 2, 2, 990, 21_780, 9_900, 9_948, 2, 2, 42_000, 786_432, 42_000 * Wei.PerGwei),
                HardLatency = new LatencySummary(990, SimDuration.FromSeconds(30), new SimDuration(50_500_000), SimDuration.FromSeconds(55)),
                FinalLatency = new LatencySummary(990, SimDuration.FromSeconds(798), new SimDuration(818_500_000), SimDuration.FromSeconds(823)),
                // 10 accounts at genesis, the sequencer's appears: +32 B in 60 s = 1 920 B/h.
                StateSize = new StateSizeSummary(new Engine.State.StateSize(10, 0, 0), new Engine.State.StateSize(11, 0, 0), 1_920),
            },
            new RollupResult(
                "B",
                "fcfs",
                SimDuration.FromSeconds(2),
                1_000_000,
                0,
                3,
                30,
                new TransactionCounts(0, 0, [new RejectionCount("insufficient_balance", 0), new RejectionCount("nonce_gap", 0)], 0),
                LatencySummary.Empty,
                0,
                new FeeSummary(0, 0),
                new SupplySummary(2 * Wei.PerEther, 2 * Wei.PerEther, 0),
                "0x" + new string('0', 64)),
        ]);
}
