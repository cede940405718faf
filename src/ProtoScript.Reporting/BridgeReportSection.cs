using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>The <c>bridge</c> section of a rollup's report (deposits and withdrawals).</summary>
internal static class BridgeReportSection
{
    public static readonly SectionLayout<BridgeResult> Layout = Sections.Section<BridgeResult>("bridge", "bridge", "bridge")
        .Add(Sections.Section<BridgeResult>("deposits", "deposits (L1 → L2)", "deposits")
            .Row("submitted", "sent on L1", "submitted", K.Count, b => V.Count(b.DepositsSubmitted))
            .Row("included", "minted on L2", "included", K.Count, b => V.Count(b.DepositsIncluded))
            .Row("value", "value", "valueWei", K.Wei, b => V.Wei(b.Deposited, TextStyle.Ether))
            .Nest(b => b.DepositLatency, Sections.Latency("latency", "latency (L1 send → L2 block)", "latencyMicroseconds")))
        .Add(Sections.Section<BridgeResult>("withdrawals", "withdrawals (L2 → L1)", "withdrawals")
            .Row("initiated", "initiated on L2", "initiated", K.Count, b => V.Count(b.WithdrawalsInitiated))
            .Row("value", "value", "valueWei", K.Wei, b => V.Wei(b.Withdrawn, TextStyle.Ether))
            .Row("on_l1", "batch on L1", "onL1", K.Count, b => V.Count(b.WithdrawalsOnL1))
            .RowLabelled("delay", _ => "delay", "delayMicroseconds", K.Duration, b => V.Duration(b.WithdrawalDelay), when: b => !b.FinalizesOnProof)
            .RowLabelled("final_on", _ => "final on", "finalOn", K.Text, _ => V.Of("proof verified on L1"), when: b => b.FinalizesOnProof)
            .Row("finalized", "finalized on L1", "finalized", K.Count, b => V.Count(b.WithdrawalsFinalized))
            .Nest(b => b.WithdrawalLatency, Sections.Latency("latency", "latency (L2 send → L1 finalized)", "latencyMicroseconds")));
}
