using ProtoScript.Engine.Mev;

namespace ProtoScript.Engine.Tests;

public class MevLedgerTests
{
    private static readonly MevCaptor ArbB = new(MevCaptorRole.Arbitrageur, "b");
    private static readonly MevCaptor ArbA = new(MevCaptorRole.Arbitrageur, "a");
    private static readonly MevCaptor ArbUpper = new(MevCaptorRole.Arbitrageur, "Z");
    private static readonly MevCaptor Builder = new(MevCaptorRole.Builder, "b1");
    private static readonly MevCaptor Sequencer = new(MevCaptorRole.Sequencer, "seq");

    [Fact]
    public void Totals_are_kept_by_kind_by_captor_and_by_pair()
    {
        var ledger = new MevLedger();
        ledger.Record(MevKind.Arbitrage, ArbB, 100);
        ledger.Record(MevKind.BackRun, Builder, 40);
        ledger.Record(MevKind.Arbitrage, ArbB, 50);
        ledger.Record(MevKind.Arbitrage, Sequencer, 7);

        Assert.Equal((UInt128)197, ledger.Total);
        Assert.Equal(4, ledger.Events);
        Assert.Equal((UInt128)157, ledger.TotalOf(MevKind.Arbitrage));
        Assert.Equal((UInt128)40, ledger.TotalOf(MevKind.BackRun));
        Assert.Equal((UInt128)150, ledger.TotalOf(ArbB));
        Assert.Equal(UInt128.Zero, ledger.TotalOf(ArbA));
        Assert.Equal(
            [new MevKindTotal(MevKind.Arbitrage, 157, 3), new MevKindTotal(MevKind.BackRun, 40, 1)],
            ledger.ByKind());
    }

    [Fact]
    public void Output_is_sorted_by_kind_then_role_then_ordinal_id_whatever_the_recording_order()
    {
        var forward = new MevLedger();
        var backward = new MevLedger();
        var events = new (MevKind Kind, MevCaptor Captor, UInt128 Amount)[]
        {
            (MevKind.BackRun, Sequencer, 1),
            (MevKind.Arbitrage, Builder, 2),
            (MevKind.Arbitrage, ArbB, 3),
            (MevKind.Arbitrage, ArbUpper, 4),
            (MevKind.Arbitrage, ArbA, 5),
            (MevKind.BackRun, ArbA, 6),
        };
        foreach (var e in events)
        {
            forward.Record(e.Kind, e.Captor, e.Amount);
        }

        foreach (var e in events.Reverse())
        {
            backward.Record(e.Kind, e.Captor, e.Amount);
        }

        MevEntry[] expected =
        [
            new(MevKind.Arbitrage, ArbUpper, 4, 1), // ordinal: "Z" < "a"
            new(MevKind.Arbitrage, ArbA, 5, 1),
            new(MevKind.Arbitrage, ArbB, 3, 1),
            new(MevKind.Arbitrage, Builder, 2, 1),
            new(MevKind.BackRun, ArbA, 6, 1),
            new(MevKind.BackRun, Sequencer, 1, 1),
        ];
        Assert.Equal(expected, forward.ByKindAndCaptor());
        Assert.Equal(expected, backward.ByKindAndCaptor());
        Assert.Equal(
            [new MevCaptorTotal(ArbUpper, 4, 1), new MevCaptorTotal(ArbA, 11, 2), new MevCaptorTotal(ArbB, 3, 1), new MevCaptorTotal(Builder, 2, 1), new MevCaptorTotal(Sequencer, 1, 1)],
            backward.ByCaptor());
    }

    [Fact]
    public void Blocks_are_summarised_as_they_close_including_blocks_without_mev()
    {
        var ledger = new MevLedger();
        ledger.Record(MevKind.Arbitrage, ArbA, 10);
        ledger.Record(MevKind.BackRun, Builder, 5);
        var first = ledger.CloseBlock(1);
        var empty = ledger.CloseBlock(2);
        ledger.Record(MevKind.Arbitrage, ArbA, 30);
        ledger.CloseBlock(5);
        ledger.Record(MevKind.Arbitrage, ArbB, 1); // still open

        Assert.Equal(1, first.BlockNumber);
        Assert.Equal((UInt128)15, first.Total);
        Assert.Equal(2, first.Events);
        Assert.Equal([(UInt128)10, (UInt128)5], first.ByKind);
        Assert.Equal(UInt128.Zero, empty.Total);

        Assert.Equal(3, ledger.Blocks);
        Assert.Equal(2, ledger.BlocksWithMev);
        Assert.Equal((UInt128)30, ledger.MaxPerBlock);
        Assert.Equal(5, ledger.MaxBlockNumber);
        Assert.Equal((UInt128)15, ledger.MeanPerBlock); // (15 + 0 + 30) / 3
        Assert.Equal((UInt128)1, ledger.OpenBlockTotal);
        Assert.Equal((UInt128)46, ledger.Total);
    }

    [Fact]
    public void Blocks_must_close_in_increasing_order()
    {
        var ledger = new MevLedger();
        ledger.CloseBlock(3);
        var error = Assert.Throws<InvalidOperationException>(() => ledger.CloseBlock(3));
        Assert.Contains("increasing order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_records_are_refused()
    {
        var ledger = new MevLedger();
        Assert.Throws<ArgumentException>(() => ledger.Record(MevKind.Arbitrage, new MevCaptor(MevCaptorRole.Builder, ""), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Record((MevKind)99, ArbA, 1));
        Assert.Equal(0, ledger.Events);
    }

    [Fact]
    public void Names_are_stable_snake_case()
    {
        Assert.Equal(["arbitrage", "back_run"], MevNames.Kinds.Select(MevNames.Name));
        Assert.Equal("builder b1", Builder.ToString());
    }
}
