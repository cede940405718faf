using ProtoScript.Engine.Results;
using ProtoScript.Reporting.Charts;

namespace ProtoScript.Reporting.Html;

/// <summary>
/// Charts of a rollup's per-block time series: each point is a run of consecutive blocks, so a
/// flow (gas, fees, MEV, DA cost) is drawn per block (the point's sum over its blocks) and a level
/// (a fee, the pending queue, the price gap) as the point's mean.
/// </summary>
internal static class SeriesCharts
{
    public static IEnumerable<(string Id, LineChart Chart, string Caption)> For(RollupResult rollup)
    {
        if (rollup.Series is not { Points.Length: > 1 } series)
        {
            yield break;
        }

        var name = rollup.Name;
        var per = series.BlocksPerPoint == 1 ? "per block" : FormattableString.Invariant($"per block (each point the mean over {series.BlocksPerPoint} blocks)");
        if (Chart(series, name + ": L2 base fee", ["base_fee"], "base fee", gweiOrWei: true) is { } baseFee)
        {
            yield return ("base-fee-" + name, baseFee, name + "'s base fee per gas " + per + ".");
        }

        if (Chart(series, name + ": L1 blob base fee", ["blob_base_fee"], "blob base fee", gweiOrWei: true) is { } blob)
        {
            yield return ("blob-fee-" + name, blob, "The blob base fee per blob gas on L1 when " + name + "'s blocks were sealed, " + per + ".");
        }

        var fees = series.Columns.Where(c => c.Name.StartsWith("fees.", StringComparison.Ordinal)).Select(c => c.Name).ToArray();
        if (fees.Length > 0 && Chart(series, name + ": fees by role", fees, "fees", gweiOrWei: true) is { } byRole)
        {
            yield return ("fees-" + name, byRole, "What " + name + "'s users paid each role, " + per + ".");
        }

        if (Chart(series, name + ": MEV", ["mev"], "MEV", gweiOrWei: false) is { } mev)
        {
            yield return ("mev-" + name, mev, "MEV extracted on " + name + ", " + per + ", in the pool's quote token.");
        }

        if (Chart(series, name + ": DA cost", ["da_cost"], "DA cost", gweiOrWei: true) is { } da)
        {
            yield return ("da-" + name, da, "What posting " + name + "'s batches cost on L1, " + per + ".");
        }

        if (Chart(series, name + ": pending transactions", ["pending"], "pending", gweiOrWei: false) is { } pending)
        {
            yield return ("pending-" + name, pending, "Transactions waiting in " + name + "'s pool when each block was sealed.");
        }
    }

    private static LineChart? Chart(BlockSeries series, string title, string[] columns, string label, bool gweiOrWei)
    {
        var indexes = columns.Select(c => series.Columns.IndexOf(series.Columns.FirstOrDefault(x => x.Name == c)!)).Where(i => i >= 0).ToList();
        if (indexes.Count == 0 || indexes.All(i => series.Points.All(p => p.Values[i] == 0)))
        {
            return null;
        }

        double PerBlock(SeriesPoint p, int i) => series.Columns[i].Aggregate == SeriesAggregate.Sum
            ? (double)p.Values[i] / (p.LastBlock - p.FirstBlock + 1)
            : (double)p.Values[i];
        var first = series.Columns[indexes[0]];
        var largest = indexes.Max(i => series.Points.Max(p => Math.Abs(PerBlock(p, i))));
        var units = gweiOrWei
            ? ChartUnits.For(Language.Model.MetricUnit.Wei, largest)
            : new ChartUnits(first.Unit == "count" ? string.Empty : first.Unit, Math.Pow(10, -first.Decimals));
        var chart = new LineChart(title, new ChartAxis("simulated time", "min"), new ChartAxis(label, units.Unit));
        foreach (var i in indexes)
        {
            var column = series.Columns[i];
            chart.Add(column.Name.StartsWith("fees.", StringComparison.Ordinal) ? column.Name["fees.".Length..] : column.Name, [.. series.Points.Select(p => (p.Time.Microseconds / 60e6, PerBlock(p, i) * units.PerBaseUnit))]);
        }

        return chart;
    }
}
