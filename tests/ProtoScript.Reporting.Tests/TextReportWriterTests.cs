namespace ProtoScript.Reporting.Tests;

public class TextReportWriterTests
{
    // Hand-checked: 20_790_000 gwei = 0.02079 ETH; 1_500_000_000_000_001 wei = 0.001500000000000001 ETH;
    // 240_500 us rounds half up to 0.241 s and 1_999_999 us to 2.000 s; values start two spaces
    // after the longest label ("priority fee to sequencer" at depth 2). DA: 2 × 131072 × 3 wei =
    // 786432 wei of blob fee plus 42000 gas × 1 gwei; per included transaction
    // 42000000786432 / 990 = 42424243218 wei (floor); 21780 / 9900 = 2.20; final = hard + 768 s.
    private const string Expected = """
        ProtoScript simulation report
          scenario                     fees demo
          seed                         7
          duration                     1 min

        L1 ethereum
          slot time                    12 s
          fork                         prague
          blocks                       5
          finality                     768 s
          base fee
            start                      1 gwei
            end                        1.000291666 gwei
            min                        1 gwei
            max                        1.000291666 gwei
          blob base fee
            start                      0.000000003 gwei
            end                        0.000000003 gwei
            min                        0.000000003 gwei
            max                        0.000000003 gwei
          blobs
            rollups                    2
            background                 0
          gas used
            rollups                    42000
            background                 90000000
          rollup transactions          2
          rollup transactions pending  0

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
          inclusion latency (soft: L2 block)
            p50                        0.125 s
            p95                        0.241 s
            p99                        2.000 s
          hard confirmation latency (batch on L1)
            p50                        30.000 s
            p95                        50.500 s
            p99                        55.000 s
            confirmed                  990
          final confirmation latency (L1 final)
            p50                        798.000 s
            p95                        818.500 s
            p99                        823.000 s
          gas used                     20790000
          fees
            base fee burned            0.02079 ETH (20790000 gwei)
            priority fee to sequencer  0.001500000000000001 ETH (1500000.000000001 gwei)
            total                      0.022290000000000001 ETH (22290000.000000001 gwei)
          data availability
            target                     blobs
            compression                brotli
            batches                    2
            batches on L1              2
            transactions batched       990
            L2 bytes                   21780
            L2 bytes per transaction   22.00
            compressed bytes           9900
            compression ratio          2.20
            posted bytes               9948
            L1 transactions            2
            blobs                      2
            L1 gas                     42000
            blob fee                   0.000000000000786432 ETH (0.000786432 gwei)
            execution fee              0.000042 ETH (42000 gwei)
            cost                       0.000042000000786432 ETH (42000.000786432 gwei)
            cost per included tx       42.424243218 gwei
          supply
            at genesis                 1000 ETH
            in accounts                999.97921 ETH
            burned                     0.02079 ETH
            conserved                  yes
          state size
            at genesis                 320 B (10 accounts, 0 token balances, 0 pools)
            at end                     352 B (11 accounts, 0 token balances, 0 pools)
            growth per hour            1920 B
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
          inclusion latency (soft: L2 block)
            p50                        n/a
            p95                        n/a
            p99                        n/a
          hard confirmation latency (batch on L1)
            p50                        n/a
            p95                        n/a
            p99                        n/a
            confirmed                  0
          final confirmation latency (L1 final)
            p50                        n/a
            p95                        n/a
            p99                        n/a
          gas used                     0
          fees
            base fee burned            0 ETH (0 gwei)
            priority fee to sequencer  0 ETH (0 gwei)
            total                      0 ETH (0 gwei)
          data availability
            target                     blobs
            compression                none
            batches                    0
            batches on L1              0
            transactions batched       0
            L2 bytes                   0
            L2 bytes per transaction   n/a
            compressed bytes           0
            compression ratio          n/a
            posted bytes               0
            L1 transactions            0
            blobs                      0
            L1 gas                     0
            blob fee                   0 ETH (0 gwei)
            execution fee              0 ETH (0 gwei)
            cost                       0 ETH (0 gwei)
            cost per included tx       n/a
          supply
            at genesis                 2 ETH
            in accounts                2 ETH
            burned                     0 ETH
            conserved                  yes
          state size
            at genesis                 0 B (0 accounts, 0 token balances, 0 pools)
            at end                     0 B (0 accounts, 0 token balances, 0 pools)
            growth per hour            0 B
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
