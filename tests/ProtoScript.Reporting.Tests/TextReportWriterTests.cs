namespace ProtoScript.Reporting.Tests;

public class TextReportWriterTests
{
    // Hand-checked: 20_790_000 gwei = 0.02079 ETH; 1_500_000_000_000_001 wei = 0.001500000000000001 ETH;
    // 240_500 us rounds half up to 0.241 s and 1_999_999 us to 2.000 s; values start two spaces
    // after the longest label ("priority fee to sequencer" at depth 2).
    private const string Expected = """
        ProtoScript simulation report
          scenario                     fees demo
          seed                         7
          duration                     1 min

        L1 ethereum
          slot time                    12 s
          blocks                       5

        rollup A
          ordering                     priority_fee
          block time                   250 ms
          gas limit                    30000000
          base fee                     1 gwei
          accounts                     11
          blocks                       240
          transactions
            submitted                  1000
            included                   990
            rejected                   5
              insufficient_balance     3
              nonce_gap                2
            pending                    5
          inclusion latency
            p50                        0.125 s
            p95                        0.241 s
            p99                        2.000 s
          gas used                     20790000
          fees
            base fee burned            0.02079 ETH (20790000 gwei)
            priority fee to sequencer  0.001500000000000001 ETH (1500000.000000001 gwei)
            total                      0.022290000000000001 ETH (22290000.000000001 gwei)
          supply
            at genesis                 1000 ETH
            in accounts                999.97921 ETH
            burned                     0.02079 ETH
            conserved                  yes
          state root                   0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa

        rollup B
          ordering                     fcfs
          block time                   2 s
          gas limit                    1000000
          base fee                     0 gwei
          accounts                     3
          blocks                       30
          transactions
            submitted                  0
            included                   0
            rejected                   0
              insufficient_balance     0
              nonce_gap                0
            pending                    0
          inclusion latency
            p50                        n/a
            p95                        n/a
            p99                        n/a
          gas used                     0
          fees
            base fee burned            0 ETH (0 gwei)
            priority fee to sequencer  0 ETH (0 gwei)
            total                      0 ETH (0 gwei)
          supply
            at genesis                 2 ETH
            in accounts                2 ETH
            burned                     0 ETH
            conserved                  yes
          state root                   0x0000000000000000000000000000000000000000000000000000000000000000

        """;

    [Fact]
    public void Renders_a_hand_built_result_exactly()
    {
        var text = TextReportWriter.Write(SampleResults.Small());

        Assert.Equal(Expected.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Uses_LF_line_endings_and_ends_with_a_newline()
    {
        var text = TextReportWriter.Write(SampleResults.Small());

        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" \n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_percentiles_show_seconds_with_three_decimals_rounded_half_up()
    {
        var text = TextReportWriter.Write(SampleResults.Small());

        Assert.Contains("p95                        0.241 s\n", text, StringComparison.Ordinal);
    }
}
