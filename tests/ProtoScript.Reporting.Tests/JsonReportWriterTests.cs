using System.Text.Json;
using ProtoScript.Engine.Results;

namespace ProtoScript.Reporting.Tests;

public class JsonReportWriterTests
{
    [Fact]
    public void Writes_a_versioned_document_with_every_field()
    {
        var json = JsonReportWriter.Write(SampleResults.Small());
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(5, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("fees demo", root.GetProperty("scenario").GetString());
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(60_000_000, root.GetProperty("durationMicroseconds").GetInt64());
        Assert.Equal(5, root.GetProperty("l1").GetProperty("blocks").GetInt64());

        var a = root.GetProperty("rollups")[0];
        Assert.Equal("A", a.GetProperty("name").GetString());
        Assert.Equal("priority_fee", a.GetProperty("ordering").GetString());
        Assert.Equal(240, a.GetProperty("blocks").GetInt64());
        var txs = a.GetProperty("transactions");
        Assert.Equal(1000, txs.GetProperty("submitted").GetInt64());
        Assert.Equal(990, txs.GetProperty("included").GetInt64());
        Assert.Equal(5, txs.GetProperty("rejected").GetInt64());
        Assert.Equal(3, txs.GetProperty("rejectedByReason").GetProperty("insufficient_balance").GetInt64());
        Assert.Equal(5, txs.GetProperty("pending").GetInt64());
        Assert.Equal(240_500, a.GetProperty("inclusionLatencyMicroseconds").GetProperty("p95").GetInt64());
        Assert.Equal(20_790_000UL, a.GetProperty("gasUsed").GetUInt64());
        var fees = a.GetProperty("fees");
        Assert.Equal("20790000000000000", fees.GetProperty("baseFeeBurnedWei").GetString());
        Assert.Equal("1500000000000001", fees.GetProperty("priorityFeeToSequencerWei").GetString());
        Assert.Equal("22290000000000001", fees.GetProperty("totalWei").GetString());
        Assert.True(a.GetProperty("supply").GetProperty("conserved").GetBoolean());
        Assert.Equal("0x" + new string('a', 64), a.GetProperty("stateRoot").GetString());
        var stateSize = a.GetProperty("stateSize");
        Assert.Equal(320, stateSize.GetProperty("genesis").GetProperty("bytes").GetInt64());
        Assert.Equal(11, stateSize.GetProperty("end").GetProperty("accounts").GetInt64());
        Assert.Equal(0, stateSize.GetProperty("end").GetProperty("tokenBalances").GetInt64());
        Assert.Equal(352, stateSize.GetProperty("end").GetProperty("bytes").GetInt64());
        Assert.Equal(1_920, stateSize.GetProperty("growthPerHourBytes").GetInt64());

        var da = a.GetProperty("dataAvailability");
        Assert.Equal("blobs", da.GetProperty("target").GetString());
        Assert.Equal(9_900UL, da.GetProperty("compressedBytes").GetUInt64());
        Assert.Equal(2UL, da.GetProperty("blobs").GetUInt64());
        Assert.Equal("42000000786432", da.GetProperty("costWei").GetString());
        Assert.Equal(50_500_000, a.GetProperty("hardConfirmationLatencyMicroseconds").GetProperty("p95").GetInt64());
        Assert.Equal(818_500_000, a.GetProperty("finalConfirmationLatencyMicroseconds").GetProperty("p95").GetInt64());

        var l1 = root.GetProperty("l1");
        Assert.Equal("prague", l1.GetProperty("fork").GetString());
        Assert.Equal("1000291666", l1.GetProperty("baseFeeWei").GetProperty("end").GetString());
        Assert.Equal("3", l1.GetProperty("blobBaseFeeWei").GetProperty("max").GetString());
        Assert.Equal(2UL, l1.GetProperty("blobs").GetProperty("rollups").GetUInt64());
        Assert.Equal(42_000UL, l1.GetProperty("gasUsed").GetProperty("rollups").GetUInt64());

        var b = root.GetProperty("rollups")[1];
        Assert.Equal(JsonValueKind.Null, b.GetProperty("inclusionLatencyMicroseconds").GetProperty("p50").ValueKind);
    }

    [Fact]
    public void Keeps_a_fixed_property_order_and_LF_line_endings()
    {
        var json = JsonReportWriter.Write(SampleResults.Small());
        using var document = JsonDocument.Parse(json);

        var names = document.RootElement.EnumerateObject().Select(p => p.Name);
        Assert.Equal(["schemaVersion", "scenario", "seed", "durationMicroseconds", "units", "l1", "rollups"], names);
        Assert.DoesNotContain('\r', json);
        Assert.StartsWith("{\n  \"schemaVersion\": 5,\n", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_beyond_the_range_of_JSON_numbers_stay_exact()
    {
        var sample = SampleResults.Small();
        var rollup = sample.Rollups[0] with { Fees = new FeeSummary(UInt128.MaxValue, 0) };
        var json = JsonReportWriter.Write(sample with { Rollups = [rollup] });

        Assert.Contains("\"baseFeeBurnedWei\": \"340282366920938463463374607431768211455\"", json, StringComparison.Ordinal);
    }
}
