using ProtoScript.Engine.L1;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.FeeMarket;

/// <summary>
/// A rollup's base fee that follows demand (<c>fees { base_fee_market = ... }</c>): each block's
/// base fee is fixed when the block opens, from what the blocks before it used, and every
/// transaction of the block pays it. A pure function of the blocks' gas and times, so a replica
/// that derives the rollup from L1 data prices every block as the sequencer did.
/// <list type="bullet">
/// <item><c>eip1559</c>: the first block pays the rollup's <c>base_fee</c>; each later one
/// <see cref="Eip1559.NextBaseFee(UInt128, ulong, ulong, ulong)"/> of its parent's base fee and gas
/// used against the target (gas limit ÷ elasticity), never below <c>min</c>.</item>
/// <item><c>speed_limit</c>: the backlog drains by the speed limit over the time since the
/// previous block, the block is priced by <see cref="SpeedLimitPricing.BaseFee"/>, and its gas
/// joins the backlog when it is sealed.</item>
/// </list>
/// The gas a block used is what its fee settlement counted: transactions, not L1 messages.
/// </summary>
public sealed class L2BaseFeeMarket
{
    private readonly BaseFeeMarketModel _model;
    private readonly UInt128 _start;
    private readonly UInt128 _toleranceGas;
    private ulong _parentGasUsed;
    private bool _hasParent;
    private SimDuration _parentTime;

    /// <summary>Creates the market of a rollup whose blocks hold <paramref name="gasLimit"/> gas and whose fixed base fee is <paramref name="startBaseFee"/>.</summary>
    public L2BaseFeeMarket(BaseFeeMarketModel model, ulong gasLimit, UInt128 startBaseFee)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        GasTarget = Math.Max(1, gasLimit / Math.Max(1, model.Elasticity));
        _toleranceGas = SpeedLimitPricing.DrainedBy(model.SpeedLimitPerSecond, model.Tolerance);
        _start = model.Kind == BaseFeeMarketKind.Eip1559 ? UInt128.Max(startBaseFee, model.Min) : model.Min;
        BaseFee = _start;
    }

    /// <summary>The rule's settings.</summary>
    public BaseFeeMarketModel Model => _model;

    /// <summary>EIP-1559's gas target per block: the gas limit ÷ elasticity.</summary>
    public ulong GasTarget { get; }

    /// <summary>The base fee per gas of the open block (or of the last block sealed), in wei.</summary>
    public UInt128 BaseFee { get; private set; }

    /// <summary>The speed limit's gas backlog after the last block sealed (0 under EIP-1559).</summary>
    public UInt128 Backlog { get; private set; }

    /// <summary>What the run's blocks paid and used.</summary>
    public BaseFeeStatistics Statistics { get; } = new();

    /// <summary>Prices the block that opens now and will be sealed at <paramref name="blockTime"/>.</summary>
    public void Open(SimDuration blockTime)
    {
        if (_model.Kind == BaseFeeMarketKind.Eip1559)
        {
            BaseFee = _hasParent
                ? UInt128.Max(_model.Min, Eip1559.NextBaseFee(BaseFee, _parentGasUsed, GasTarget, _model.Denominator))
                : _start;
            return;
        }

        var drained = SpeedLimitPricing.DrainedBy(_model.SpeedLimitPerSecond, blockTime) - SpeedLimitPricing.DrainedBy(_model.SpeedLimitPerSecond, _parentTime);
        Backlog = Backlog > drained ? Backlog - drained : 0;
        _parentTime = blockTime;
        BaseFee = SpeedLimitPricing.BaseFee(_model.Min, Backlog, _toleranceGas, _model.Inertia, _model.SpeedLimitPerSecond);
    }

    /// <summary>Closes the open block, which used <paramref name="gasUsed"/> gas.</summary>
    public void Seal(ulong gasUsed)
    {
        _parentGasUsed = gasUsed;
        _hasParent = true;
        if (_model.Kind == BaseFeeMarketKind.SpeedLimit)
        {
            Backlog = UInt128.MaxValue - Backlog < gasUsed ? UInt128.MaxValue : Backlog + gasUsed;
        }

        Statistics.Record(BaseFee, _model.Kind == BaseFeeMarketKind.Eip1559 ? gasUsed > GasTarget : BaseFee > _model.Min, Backlog);
    }
}
