using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Document;
using K = ProtoScript.Reporting.Document.ReportValueKind;
using V = ProtoScript.Reporting.Document.ReportValue;

namespace ProtoScript.Reporting;

/// <summary>
/// A rollup's per-block time series, in JSON only (the text report does not show it): column
/// arrays, one entry per point — the blocks each point covers, when its last block was sealed,
/// and each column's values as decimal strings in the column's unit.
/// </summary>
internal static class SeriesReportSection
{
    public static readonly SectionLayout<BlockSeries> Layout = new SectionLayout<BlockSeries>("series", null, TextShape.Hidden, "series", JsonShape.Object)
        .Row("capacity", null, "capacity", K.Count, s => V.Count(s.Capacity))
        .Row("blocks_per_point", null, "blocksPerPoint", K.Count, s => V.Count(s.BlocksPerPoint))
        .Add(Integers("first_block", "firstBlock", K.Count, s => s.Points.Select(p => V.Count(p.FirstBlock))))
        .Add(Integers("last_block", "lastBlock", K.Count, s => s.Points.Select(p => V.Count(p.LastBlock))))
        .Add(Integers("time", "timeMicroseconds", K.Duration, s => s.Points.Select(p => V.Duration(p.Time))))
        .Add(new SectionLayout<BlockSeries>("columns", null, TextShape.Hidden, "columns", JsonShape.Array)
            .Each(s => s.Columns.Select((c, i) => (Column: c, Index: i, Series: s)), new SectionLayout<(SeriesColumn Column, int Index, BlockSeries Series)>("column", null, TextShape.Hidden, null, JsonShape.Object) { ItemKey = c => c.Column.Name }
                .Row("name", null, "name", K.Text, c => V.Of(c.Column.Name))
                .Row("unit", null, "unit", K.Text, c => V.Of(c.Column.Unit))
                .RowLabelled("decimals", null, "decimals", K.Count, c => V.Count(c.Column.Decimals), when: c => c.Column.Decimals > 0)
                .Row("aggregate", null, "aggregate", K.Text, c => V.Of(c.Column.Aggregate == SeriesAggregate.Mean ? "mean" : "sum"))
                .Add(new SectionLayout<(SeriesColumn Column, int Index, BlockSeries Series)>("values", null, TextShape.Hidden, "values", JsonShape.Array)
                    .Each(c => c.Series.Points.Select((p, i) => (Value: p.Values[c.Index], Index: i)), ItemLayout.Row<(Int128 Value, int Index)>(v => ReportFormat.Integer((long)v.Index), null, _ => string.Empty, K.BigCount, v => V.BigCount(v.Value))))));

    private static SectionLayout<BlockSeries> Integers(string key, string json, ReportValueKind kind, Func<BlockSeries, IEnumerable<ReportValue>> values) =>
        new SectionLayout<BlockSeries>(key, null, TextShape.Hidden, json, JsonShape.Array)
            .Each(s => values(s).Select((v, i) => (Value: v, Index: i)), ItemLayout.Row<(ReportValue Value, int Index)>(v => ReportFormat.Integer((long)v.Index), null, _ => string.Empty, kind, v => v.Value));
}
