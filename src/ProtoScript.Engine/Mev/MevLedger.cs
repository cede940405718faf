namespace ProtoScript.Engine.Mev;

/// <summary>The MEV of one (kind, captor) pair, in total.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Captor">The captor.</param>
/// <param name="Amount">The amount, in the ledger's numeraire (quote units).</param>
/// <param name="Events">How many records made it up.</param>
public readonly record struct MevEntry(MevKind Kind, MevCaptor Captor, UInt128 Amount, long Events);

/// <summary>The MEV of one kind, in total.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Amount">The amount, in the ledger's numeraire.</param>
/// <param name="Events">How many records made it up.</param>
public readonly record struct MevKindTotal(MevKind Kind, UInt128 Amount, long Events);

/// <summary>The MEV one captor took, over all kinds.</summary>
/// <param name="Captor">The captor.</param>
/// <param name="Amount">The amount, in the ledger's numeraire.</param>
/// <param name="Events">How many records made it up.</param>
public readonly record struct MevCaptorTotal(MevCaptor Captor, UInt128 Amount, long Events);

/// <summary>The MEV of one closed block.</summary>
/// <param name="BlockNumber">The block.</param>
/// <param name="Total">All MEV recorded in the block.</param>
/// <param name="Events">How many records the block had.</param>
/// <param name="ByKind">The amount per kind, indexed by <see cref="MevKind"/>.</param>
public sealed record MevBlockSummary(long BlockNumber, UInt128 Total, long Events, IReadOnlyList<UInt128> ByKind);

/// <summary>
/// A streaming account of MEV on one chain: each record is folded into running totals by
/// kind, by captor and by block, and then forgotten, so memory grows with the number of
/// captors, not with the length of the run. All amounts are in one numeraire (the quote
/// token's smallest unit). Every list it returns is sorted (kind, then captor), so no
/// hash order reaches a report.
/// </summary>
/// <remarks>
/// Usage per block: any number of <see cref="Record"/> calls, then one <see cref="CloseBlock"/>,
/// also for blocks with no MEV so that per-block statistics count them.
/// </remarks>
public sealed partial class MevLedger
{
    private static readonly int KindCount = Enum.GetValues<MevKind>().Length;

    private readonly Dictionary<MevCaptor, Totals[]> _byCaptor = [];
    private readonly Totals[] _byKind = new Totals[KindCount];
    private readonly UInt128[] _openByKind = new UInt128[KindCount];
    private long _openEvents;
    private long _lastClosedBlock = long.MinValue;

    /// <summary>All MEV recorded, in total.</summary>
    public UInt128 Total { get; private set; }

    /// <summary>The number of records.</summary>
    public long Events { get; private set; }

    /// <summary>The number of closed blocks.</summary>
    public long Blocks { get; private set; }

    /// <summary>The number of closed blocks with any MEV.</summary>
    public long BlocksWithMev { get; private set; }

    /// <summary>The most MEV in one closed block.</summary>
    public UInt128 MaxPerBlock { get; private set; }

    /// <summary>The first closed block with <see cref="MaxPerBlock"/>, or null if no block had MEV.</summary>
    public long? MaxBlockNumber { get; private set; }

    /// <summary>MEV recorded since the last closed block.</summary>
    public UInt128 OpenBlockTotal { get; private set; }

    /// <summary>Mean MEV per closed block, rounded down (zero before the first block).</summary>
    public UInt128 MeanPerBlock
    {
        get
        {
            UInt128 closedTotal = Total - OpenBlockTotal;
            return Blocks == 0 ? UInt128.Zero : closedTotal / (UInt128)(ulong)Blocks;
        }
    }

    /// <summary>Records <paramref name="amount"/> of MEV of <paramref name="kind"/> captured by <paramref name="captor"/> in the open block.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    /// <exception cref="ArgumentException">The captor has no id.</exception>
    public void Record(MevKind kind, MevCaptor captor, UInt128 amount)
    {
        if ((uint)kind >= (uint)KindCount)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown MEV kind.");
        }

        if (string.IsNullOrEmpty(captor.Id))
        {
            throw new ArgumentException("An MEV captor needs an id (the actor's name in the scenario).", nameof(captor));
        }

        if (!_byCaptor.TryGetValue(captor, out var captorTotals))
        {
            captorTotals = new Totals[KindCount];
            _byCaptor.Add(captor, captorTotals);
        }

        captorTotals[(int)kind].Add(amount);
        _byKind[(int)kind].Add(amount);
        _openByKind[(int)kind] = checked(_openByKind[(int)kind] + amount);
        OpenBlockTotal = checked(OpenBlockTotal + amount);
        Total = checked(Total + amount);
        _openEvents++;
        Events++;
    }

    /// <summary>
    /// Closes block <paramref name="blockNumber"/>: everything recorded since the previous
    /// close belongs to it. Blocks must close in increasing order.
    /// </summary>
    /// <returns>The block's MEV, for a caller that streams a per-block series.</returns>
    /// <exception cref="InvalidOperationException">The block number is not above the last closed one.</exception>
    public MevBlockSummary CloseBlock(long blockNumber)
    {
        if (blockNumber <= _lastClosedBlock)
        {
            throw new InvalidOperationException(
                $"MEV block {blockNumber} closed after block {_lastClosedBlock}; blocks must close in increasing order.");
        }

        var summary = new MevBlockSummary(blockNumber, OpenBlockTotal, _openEvents, (UInt128[])_openByKind.Clone());
        _lastClosedBlock = blockNumber;
        Blocks++;
        if (OpenBlockTotal > UInt128.Zero)
        {
            BlocksWithMev++;
            if (OpenBlockTotal > MaxPerBlock)
            {
                MaxPerBlock = OpenBlockTotal;
                MaxBlockNumber = blockNumber;
            }
        }

        Array.Clear(_openByKind);
        OpenBlockTotal = UInt128.Zero;
        _openEvents = 0;
        return summary;
    }

    /// <summary>The total of one kind.</summary>
    public UInt128 TotalOf(MevKind kind) => _byKind[(int)kind].Amount;

    /// <summary>The total captured by one captor (zero for an unknown one).</summary>
    public UInt128 TotalOf(MevCaptor captor)
    {
        if (!_byCaptor.TryGetValue(captor, out var totals))
        {
            return UInt128.Zero;
        }

        UInt128 sum = 0;
        foreach (var t in totals)
        {
            sum += t.Amount;
        }

        return sum;
    }

    /// <summary>Per kind, in <see cref="MevKind"/> order; kinds with no records are left out.</summary>
    public IReadOnlyList<MevKindTotal> ByKind()
    {
        var rows = new List<MevKindTotal>();
        for (var k = 0; k < KindCount; k++)
        {
            if (_byKind[k].Events > 0)
            {
                rows.Add(new MevKindTotal((MevKind)k, _byKind[k].Amount, _byKind[k].Events));
            }
        }

        return rows;
    }

    /// <summary>Every captor with its total over all kinds, sorted by role, then id.</summary>
    public IReadOnlyList<MevCaptorTotal> ByCaptor()
    {
        var rows = new List<MevCaptorTotal>(_byCaptor.Count);
        foreach (var captor in SortedCaptors())
        {
            UInt128 amount = 0;
            long events = 0;
            foreach (var t in _byCaptor[captor])
            {
                amount += t.Amount;
                events += t.Events;
            }

            rows.Add(new MevCaptorTotal(captor, amount, events));
        }

        return rows;
    }

    /// <summary>Every (kind, captor) pair with records, sorted by kind, then role, then id.</summary>
    public IReadOnlyList<MevEntry> ByKindAndCaptor()
    {
        var captors = SortedCaptors();
        var rows = new List<MevEntry>();
        for (var k = 0; k < KindCount; k++)
        {
            foreach (var captor in captors)
            {
                var t = _byCaptor[captor][k];
                if (t.Events > 0)
                {
                    rows.Add(new MevEntry((MevKind)k, captor, t.Amount, t.Events));
                }
            }
        }

        return rows;
    }

    private List<MevCaptor> SortedCaptors()
    {
        var captors = new List<MevCaptor>(_byCaptor.Keys);
        captors.Sort();
        return captors;
    }

    private struct Totals
    {
        public UInt128 Amount;
        public long Events;

        public void Add(UInt128 amount)
        {
            Amount = checked(Amount + amount);
            Events++;
        }
    }
}
