using ProtoScript.Engine.FeeMarket;
using ProtoScript.Language.Model;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using M = ProtoScript.Language.Model.ReportMetrics;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// The <c>base_fee_market</c> section of a rollup whose base fee follows demand: the rule and
/// its settings, the base fee over the blocks (start, end, min, mean, median, max), how many
/// blocks pushed it up, and the users it priced out.
/// </summary>
internal static class BaseFeeMarketReportSection
{
    public static readonly SectionLayout<BaseFeeMarketResult> Layout = Sections.Section<BaseFeeMarketResult>("base_fee_market", Heading, "baseFeeMarket")
        .Row("rule", null, "rule", K.Text, m => V.Of(m.Model.Name))
        .RowLabelled("gas_target", null, "gasTarget", K.Gas, m => V.Gas(m.GasTarget), when: m => m.Model.Kind == BaseFeeMarketKind.Eip1559)
        .RowLabelled("elasticity", null, "elasticity", K.Count, m => V.Count(m.Model.Elasticity), when: m => m.Model.Kind == BaseFeeMarketKind.Eip1559)
        .RowLabelled("denominator", null, "denominator", K.Count, m => V.Count(m.Model.Denominator), when: m => m.Model.Kind == BaseFeeMarketKind.Eip1559)
        .RowLabelled("speed_limit", null, "speedLimitGasPerSecond", K.Gas, m => V.Gas(m.Model.SpeedLimitPerSecond), when: m => m.Model.Kind == BaseFeeMarketKind.SpeedLimit)
        .RowLabelled("tolerance", null, "toleranceMicroseconds", K.Duration, m => V.Duration(m.Model.Tolerance), when: m => m.Model.Kind == BaseFeeMarketKind.SpeedLimit)
        .RowLabelled("inertia", null, "inertia", K.Count, m => V.Count(m.Model.Inertia), when: m => m.Model.Kind == BaseFeeMarketKind.SpeedLimit)
        .Row("floor", null, "floorWei", K.Wei, m => V.Wei(m.Model.Min, TextStyle.Gwei))
        .Row(M.BaseFeeStart, "base fee at start", "startWei", K.Wei, m => V.Wei(m.Start, TextStyle.Gwei))
        .Row(M.BaseFeeEnd, "base fee at end", "endWei", K.Wei, m => V.Wei(m.End, TextStyle.Gwei))
        .Row(M.BaseFeeMin, "base fee min", "minWei", K.Wei, m => V.Wei(m.Min, TextStyle.Gwei))
        .Row(M.BaseFeeMean, "base fee mean", "meanWei", K.Wei, m => V.Wei(m.Mean, TextStyle.Gwei))
        .Row(M.BaseFeeP50, "base fee p50", "p50Wei", K.Wei, m => V.Wei(m.Median, TextStyle.Gwei))
        .Row(M.BaseFeeMax, "base fee max", "maxWei", K.Wei, m => V.Wei(m.Max, TextStyle.Gwei))
        .RowLabelled(M.BaseFeeBlocksAboveTarget, m => m.Model.Kind == BaseFeeMarketKind.Eip1559 ? "blocks above target" : "blocks priced above min", "blocksAboveTarget", K.Count, m => V.Count(m.AboveTarget))
        .RowLabelled("max_backlog", _ => "largest backlog", "maxBacklogGas", K.Gas, m => V.Gas(m.MaxBacklog > ulong.MaxValue ? ulong.MaxValue : (ulong)m.MaxBacklog), when: m => m.Model.Kind == BaseFeeMarketKind.SpeedLimit)
        .Row(M.BaseFeePricedOut, "priced out (waited a block or more)", "pricedOut", K.Count, m => V.Count(m.PricedOut))
        .Row(M.BaseFeeWaiting, "still priced out at end", "waiting", K.Count, m => V.Count(m.Waiting));

    private static string Heading(BaseFeeMarketResult m) => m.Model.Kind == BaseFeeMarketKind.Eip1559
        ? "base fee market (eip1559: target " + ReportFormat.Integer(m.GasTarget) + " gas = gas limit / " + ReportFormat.Integer(m.Model.Elasticity)
            + ", denominator " + ReportFormat.Integer(m.Model.Denominator) + ", min " + Wei.FormatGwei(m.Model.Min) + ")"
        : "base fee market (speed_limit: " + ReportFormat.Integer(m.Model.SpeedLimitPerSecond) + " gas/s, tolerance " + m.Model.Tolerance
            + ", inertia " + ReportFormat.Integer(m.Model.Inertia) + ", min " + Wei.FormatGwei(m.Model.Min) + ")";
}
