using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;

namespace ProtoScript.Engine.Trading;

/// <summary>The market's part in a discarded block candidate: its pools, counters and MEV go back with the accounts.</summary>
public sealed partial class RollupMarket : ICandidateParticipant
{
    private CandidateMark? _mark;

    /// <summary>
    /// Set while a PBS builder's candidate executes: the arbitrages' tips (in the quote token) are
    /// summed here instead of booked to the sequencer, since the builder takes them and shares them
    /// with the proposer by its bid, which only the auction settles.
    /// </summary>
    internal QuoteSum? DeferredTips { get; set; }

    void ICandidateParticipant.Mark()
    {
        var mark = _mark ??= new CandidateMark(_pools.Length, _swapRejected.Length);
        for (var p = 0; p < _pools.Length; p++)
        {
            mark.Pools[p] = _pools[p].Save();
        }

        _arbitragedThisBlock.CopyTo(mark.Arbitraged, 0);
        _swapRejected.CopyTo(mark.SwapRejected, 0);
        _searcherRejected.CopyTo(mark.SearcherRejected, 0);
        mark.SwapsIncluded = SwapsIncluded;
        mark.SearcherSwapsIncluded = SearcherSwapsIncluded;
        mark.ArbitragesIncluded = ArbitragesIncluded;
        mark.ArbitragesUnprofitable = ArbitragesUnprofitable;
        mark.ArbitrageLosses = ArbitrageLosses;
        Mev.Mark();
    }

    void ICandidateParticipant.Restore()
    {
        var mark = _mark ?? throw new InvalidOperationException("The market was restored before it was marked.");
        for (var p = 0; p < _pools.Length; p++)
        {
            _pools[p].Load(in mark.Pools[p]);
        }

        mark.Arbitraged.CopyTo(_arbitragedThisBlock, 0);
        mark.SwapRejected.CopyTo(_swapRejected, 0);
        mark.SearcherRejected.CopyTo(_searcherRejected, 0);
        SwapsIncluded = mark.SwapsIncluded;
        SearcherSwapsIncluded = mark.SearcherSwapsIncluded;
        ArbitragesIncluded = mark.ArbitragesIncluded;
        ArbitragesUnprofitable = mark.ArbitragesUnprofitable;
        ArbitrageLosses = mark.ArbitrageLosses;
        Mev.Restore();
    }

    private sealed class CandidateMark(int pools, int reasons)
    {
        public PoolState[] Pools { get; } = new PoolState[pools];

        public bool[] Arbitraged { get; } = new bool[pools];

        public long[] SwapRejected { get; } = new long[reasons];

        public long[] SearcherRejected { get; } = new long[reasons];

        public long SwapsIncluded { get; set; }

        public long SearcherSwapsIncluded { get; set; }

        public long ArbitragesIncluded { get; set; }

        public long ArbitragesUnprofitable { get; set; }

        public UInt128 ArbitrageLosses { get; set; }
    }
}

/// <summary>A running sum of quote-token amounts.</summary>
internal sealed class QuoteSum
{
    public UInt128 Total { get; private set; }

    public void Add(UInt128 amount) => Total = checked(Total + amount);

    public void Clear() => Total = UInt128.Zero;
}
