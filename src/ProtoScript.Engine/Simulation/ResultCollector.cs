using System.Collections.Immutable;
using ProtoScript.Engine.Batching;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.State;
using ProtoScript.Engine.Trading;
using ProtoScript.Hooks;

namespace ProtoScript.Engine.Simulation;

/// <summary>Turns a rollup's live counters into its immutable result.</summary>
internal static class ResultCollector
{
    public static RollupResult Collect(RollupChain chain, Batcher batcher, L1Chain l1, Language.Model.SimDuration duration)
    {
        var metrics = chain.Metrics;
        var rejected = ImmutableArray.CreateBuilder<RejectionCount>(RejectReasons.All.Count);
        var hasPools = chain.Market is { Pools.Count: > 0 };
        foreach (var reason in RejectReasons.All)
        {
            if (RejectReasons.IsSwapOnly(reason) && !hasPools)
            {
                continue; // only swaps revert for these; rollups without pools keep their report
            }

            if (RejectReasons.IsValidityOnly(reason) && chain.Validity is null)
            {
                continue; // only a validity rule rejects for it; rollups without one keep their report
            }

            if (RejectReasons.IsPoolOnly(reason) && chain.Admission is null)
            {
                continue; // only pool defences and replacements reject for it; other rollups keep their report
            }

            rejected.Add(new RejectionCount(RejectReasons.Name(reason), metrics.Rejected(reason)));
        }

        var model = chain.Model;
        var hard = batcher.Metrics.HardLatency.Summarize();
        return new RollupResult(
            model.Name,
            chain.Pool.Rule.Name,
            model.BlockTime,
            model.GasLimit,
            model.BaseFee,
            chain.FirstFreshAccount,
            metrics.Blocks,
            new TransactionCounts(metrics.Submitted, metrics.Included, rejected.ToImmutable(), chain.Pool.Count + (chain.Pbs?.PrivatePendingTotal ?? 0) + (chain.ExpressLane?.InDelay ?? 0)),
            metrics.InclusionLatency.Summarize(),
            metrics.GasUsed,
            new FeeSummary(chain.Fees[Role.Burned], chain.Fees[Role.Sequencer]),
            new SupplySummary(chain.InitialSupply, chain.State.TotalBalance(), chain.Burned)
            {
                FirstUnconservedBlock = chain.FirstUnconservedBlock,
                Issued = chain.Issued,
                Deposited = chain.Bridge.Deposited,
                Withdrawn = chain.Bridge.Withdrawn,
                SentCrossChain = chain.CrossChain?.ValueOut ?? 0,
                ReceivedCrossChain = chain.CrossChain?.ValueIn ?? 0,
                InFlightOut = chain.CrossChain?.ValueInFlightOut() ?? 0,
                InFlightIn = chain.CrossChain?.ValueInFlightIn() ?? 0,
                LockedIn = chain.CrossChain?.ValueLockedIn ?? 0,
            },
            chain.StateRootHex)
        {
            AccountGroups = AccountGroups(chain),
            Trading = TradingCollector.Collect(chain),
            Series = chain.Series.ToResult(),
            FeeDistribution = Fees.FeeCollector.Collect(chain.Settlement),
            Auction = Auction.AuctionCollector.Collect(chain),
            Flashblocks = chain.Streaming is { } streaming && chain.Model.Flashblocks is { } streamingModel
                ? new FlashblocksResult(streamingModel.Interval, streamingModel.PerBlock, streaming.SubBlocks, streaming.SoftLatency.Summarize())
                : null,
            Pbs = Pbs.PbsCollector.Collect(chain),
            ExpressLane = Timeboost.ExpressLaneCollector.Collect(chain),
            BaseFeeMarket = FeeMarket.BaseFeeMarketCollector.Collect(chain),
            DataAvailability = Collect(batcher),
            HardLatency = hard,
            FinalLatency = hard.Shift(l1.Model.Finality),
            ProofFinalLatency = chain.Proving?.ProofFinalLatency(duration),
            Mempool = Mempool.PoolCollector.Collect(chain),
            StateSize = StateSizeSummary.Of(chain.GenesisStateSize, StateSize.Measure(chain.State, chain.Market?.Pools.Count ?? 0, chain.Storage), duration),
        };
    }

    public static L1Result Collect(L1Chain l1)
    {
        var s = l1.Statistics;
        return new L1Result(l1.Model.Name, l1.Model.SlotTime, l1.Blocks)
        {
            Fork = l1.Spec.Name,
            Finality = l1.Model.Finality,
            BaseFee = new FeeRange(s.StartBaseFee, s.EndBaseFee, s.MinBaseFee, s.MaxBaseFee),
            BlobBaseFee = new FeeRange(s.StartBlobBaseFee, s.EndBlobBaseFee, s.MinBlobBaseFee, s.MaxBlobBaseFee),
            RollupBlobs = s.RollupBlobs,
            BackgroundBlobs = s.BackgroundBlobs,
            RollupGas = s.RollupGas,
            BackgroundGas = s.BackgroundGas,
            RollupTransactions = s.RollupTransactions,
            PendingPostings = l1.PendingPostings,
        };
    }

    private static DataAvailabilitySummary Collect(Batcher batcher)
    {
        var m = batcher.Metrics;
        return new DataAvailabilitySummary(
            batcher.Auto is not null ? "auto" : batcher.Target == DataAvailability.DaTarget.Calldata ? "calldata" : "blobs",
            batcher.Compression,
            m.Batches,
            m.BatchesConfirmed,
            m.TransactionsBatched,
            m.L2Bytes,
            m.CompressedBytes,
            m.PostedBytes,
            m.L1Transactions,
            m.Blobs,
            m.ExecutionGas,
            m.BlobFee,
            m.ExecutionFee)
        {
            Auto = batcher.Auto is { } auto
                ? new AutoDaSummary(auto.BlobBatches, auto.CalldataBatches, auto.ChosenCost, auto.BlobsOnlyCost, auto.CalldataOnlyCost) { Hooked = auto.Rule is not null }
                : null,
        };
    }

    private static AccountGroups AccountGroups(RollupChain chain)
    {
        var model = chain.Model;
        var market = chain.Market;
        var cross = market is null ? 0 : market.FirstBackRunner - market.FirstCrossSearcher;
        (string One, string Many, int Count)[] groups =
        [
            ("user", "users", model.Accounts),
            ("sequencer", "sequencers", 1),
            ("arbitrageur", "arbitrageurs", market?.Arbitrageurs ?? 0),
            ("pool", "pools", market?.Pools.Count ?? 0),
            ("cross-rollup searcher", "cross-rollup searchers", cross),
            ("back-runner", "back-runners", market?.BackRunners ?? 0),
            ("fee role", "fee roles", model.Fees is null ? 0 : Fees.FeeSettlement.ExtraAccounts),
            ("builder", "builders", model.Pbs?.Builders.Length ?? 0),
        ];
        return new([.. groups.Where(g => g.Count > 0).Select(g => new AccountGroup(g.Count == 1 ? g.One : g.Many, g.Count))]);
    }
}
