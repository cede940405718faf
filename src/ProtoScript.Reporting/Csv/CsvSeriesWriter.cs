using System.Globalization;
using System.Text;
using ProtoScript.Engine.Results;

namespace ProtoScript.Reporting.Csv;

/// <summary>
/// Writes a run's per-block time series as CSV in long format (RFC 4180, CRLF line ends): one
/// row per rollup, point and column — <c>rollup,first_block,last_block,time,series,value,unit,decimals,aggregate</c>,
/// with <c>time</c> in microseconds, values exact integers in the column's unit, and
/// <c>decimals</c> filled for token amounts only. Rollups in declaration order, points in block
/// order, columns in the series' order.
/// </summary>
public static class CsvSeriesWriter
{
    /// <summary>The header's columns.</summary>
    public static readonly IReadOnlyList<string> Columns = ["rollup", "first_block", "last_block", "time", "series", "value", "unit", "decimals", "aggregate"];

    /// <summary>Formats the series of every rollup of <paramref name="result"/> (a rollup without one has no rows).</summary>
    public static string Write(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder();
        CsvReportWriter.Line(csv, Columns);
        foreach (var rollup in result.Rollups)
        {
            if (rollup.Series is not { } series)
            {
                continue;
            }

            foreach (var point in series.Points)
            {
                for (var c = 0; c < series.Columns.Length; c++)
                {
                    var column = series.Columns[c];
                    CsvReportWriter.Line(csv, [
                        rollup.Name,
                        point.FirstBlock.ToString(CultureInfo.InvariantCulture),
                        point.LastBlock.ToString(CultureInfo.InvariantCulture),
                        point.Time.Microseconds.ToString(CultureInfo.InvariantCulture),
                        column.Name,
                        point.Values[c].ToString(CultureInfo.InvariantCulture),
                        column.Unit,
                        column.Decimals > 0 ? column.Decimals.ToString(CultureInfo.InvariantCulture) : string.Empty,
                        column.Aggregate == SeriesAggregate.Mean ? "mean" : "sum",
                    ]);
                }
            }
        }

        return csv.ToString();
    }
}
