namespace ProtoScript.Engine.Mev;

/// <summary>A mark of the ledger's running totals, so the MEV a discarded block candidate recorded can be taken back.</summary>
public sealed partial class MevLedger
{
    private readonly Dictionary<MevCaptor, Totals[]> _markByCaptor = [];
    private readonly Totals[] _markByKind = new Totals[KindCount];
    private readonly UInt128[] _markOpenByKind = new UInt128[KindCount];
    private (UInt128 Total, long Events, UInt128 OpenBlockTotal, long OpenEvents) _markScalars;

    /// <summary>Remembers the open block's and the run's totals (a block never closes between a mark and its restore).</summary>
    internal void Mark()
    {
        _markByCaptor.Clear();
        foreach (var (captor, totals) in _byCaptor)
        {
            _markByCaptor.Add(captor, (Totals[])totals.Clone());
        }

        _byKind.CopyTo(_markByKind, 0);
        _openByKind.CopyTo(_markOpenByKind, 0);
        _markScalars = (Total, Events, OpenBlockTotal, _openEvents);
    }

    /// <summary>Returns to the last <see cref="Mark"/>: captors first seen since are forgotten.</summary>
    internal void Restore()
    {
        _byCaptor.Clear();
        foreach (var (captor, totals) in _markByCaptor)
        {
            _byCaptor.Add(captor, (Totals[])totals.Clone());
        }

        _markByKind.CopyTo(_byKind, 0);
        _markOpenByKind.CopyTo(_openByKind, 0);
        (Total, Events, OpenBlockTotal, _openEvents) = _markScalars;
    }
}
