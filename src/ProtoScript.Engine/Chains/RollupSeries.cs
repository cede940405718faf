using System.Collections.Immutable;
using ProtoScript.Engine.Metrics;
using ProtoScript.Engine.Results;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>
/// What a rollup records per sealed block for its time series (<see cref="BlockSeries"/>): the
/// base fee, gas used, transactions included and left pending, fees by role, and where the
/// rollup has them, the L1 blob base fee and data-availability cost, MEV and the pool's price
/// gap to the CEX. Flows are the block's own (the change of a running total since the last
/// recorded block); levels are as the block left them (the base fee: the one it charged).
/// </summary>
internal sealed class RollupSeries
{
    private readonly RollupChain _chain;
    private readonly Role[] _roles;
    private readonly bool _l1;
    private readonly bool _mev;
    private readonly bool _gap;
    private readonly BlockSeriesRecorder _recorder;
    private readonly Int128[] _values;

    // Running totals at the last recorded block, so a block's flows are their change.
    private ulong _gasUsed;
    private long _included;
    private readonly UInt128[] _fees;
    private UInt128 _daCost;
    private UInt128 _mevTotal;

    public RollupSeries(RollupChain chain, int capacity = BlockSeriesRecorder.DefaultCapacity)
    {
        _chain = chain;
        _roles = chain.Settlement is not null ? Enum.GetValues<Role>()
            : chain.Pbs is not null ? [Role.Burned, Role.Sequencer, Role.Builder]
            : [Role.Burned, Role.Sequencer];
        _l1 = chain.Batcher is not null;
        _mev = chain.Market is not null;
        _gap = chain.Market is { TracksCex: true, Cex: not null } && chain.Market.Pools.Count > 0;
        var columns = ImmutableArray.CreateBuilder<SeriesColumn>();
        columns.Add(new SeriesColumn("base_fee", "wei", SeriesAggregate.Mean));
        columns.Add(new SeriesColumn("gas_used", "gas", SeriesAggregate.Sum));
        columns.Add(new SeriesColumn("transactions", "count", SeriesAggregate.Sum));
        columns.Add(new SeriesColumn("pending", "count", SeriesAggregate.Mean));
        foreach (var role in _roles)
        {
            columns.Add(new SeriesColumn("fees." + RoleName(role), "wei", SeriesAggregate.Sum));
        }

        if (_l1)
        {
            columns.Add(new SeriesColumn("blob_base_fee", "wei", SeriesAggregate.Mean));
            columns.Add(new SeriesColumn("da_cost", "wei", SeriesAggregate.Sum));
        }

        if (_mev)
        {
            var market = chain.Market!;
            var quote = market.Pools.Count > 0 ? market.QuoteAsset(0) : Trading.MarketSetup.Ether;
            columns.Add(new SeriesColumn("mev", market.Setup.NameOf(quote), SeriesAggregate.Sum, market.Setup.DecimalsOf(quote)));
        }

        if (_gap)
        {
            columns.Add(new SeriesColumn("price_gap", "bp", SeriesAggregate.Mean));
        }

        _recorder = new BlockSeriesRecorder(columns.ToImmutable(), capacity);
        _values = new Int128[columns.Count];
        _fees = new UInt128[_roles.Length];
        Rebase();
    }

    /// <summary>The snake_case name of a fee role, as the report writes it.</summary>
    public static string RoleName(Role role) => role switch
    {
        Role.DataAvailability => "data_availability",
        _ => role.ToString().ToLowerInvariant(),
    };

    /// <summary>Records block <paramref name="number"/>, which charged <paramref name="baseFee"/> per gas.</summary>
    public void Record(long number, SimDuration time, UInt128 baseFee)
    {
        var chain = _chain;
        var k = 0;
        _values[k++] = (Int128)baseFee;
        _values[k++] = (Int128)(chain.Metrics.GasUsed - _gasUsed);
        _values[k++] = chain.Metrics.Included - _included;
        _values[k++] = chain.Pool.Count + (chain.Pbs?.PrivatePendingTotal ?? 0) + (chain.ExpressLane?.InDelay ?? 0);
        for (var r = 0; r < _roles.Length; r++)
        {
            _values[k++] = (Int128)Fee(_roles[r]) - (Int128)_fees[r];
        }

        if (_l1)
        {
            _values[k++] = (Int128)chain.Batcher!.L1.BlobBaseFee;
            _values[k++] = (Int128)DaCost() - (Int128)_daCost;
        }

        if (_mev)
        {
            _values[k++] = (Int128)chain.Market!.Mev.Total - (Int128)_mevTotal;
        }

        if (_gap)
        {
            var market = chain.Market!;
            _values[k++] = Markets.PriceGap.BasisPoints(market.Pools[0].Reserve0, market.Pools[0].Reserve1, market.Cex!.Current);
        }

        _recorder.Record(number, time, _values);
        Rebase();
    }

    /// <summary>A reorg took back the blocks after <paramref name="lastKept"/>: their points go, and flows count from the restored totals.</summary>
    public void Reorged(long lastKept)
    {
        _recorder.TruncateAfter(lastKept);
        Rebase();
    }

    /// <summary>The series so far.</summary>
    public BlockSeries ToResult() => _recorder.ToResult();

    private void Rebase()
    {
        _gasUsed = _chain.Metrics.GasUsed;
        _included = _chain.Metrics.Included;
        for (var r = 0; r < _roles.Length; r++)
        {
            _fees[r] = Fee(_roles[r]);
        }

        _daCost = _l1 ? DaCost() : 0;
        _mevTotal = _mev ? _chain.Market!.Mev.Total : 0;
    }

    private UInt128 Fee(Role role) =>
        _chain.Settlement is { } settlement ? settlement.Received[role]
        : role == Role.Burned ? _chain.Burned
        : _chain.Fees[role];

    private UInt128 DaCost() => _chain.Batcher!.Metrics.BlobFee + _chain.Batcher.Metrics.ExecutionFee;
}
