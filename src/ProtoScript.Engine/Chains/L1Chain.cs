using ProtoScript.Engine.Batching;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.L1;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Chains;

/// <summary>The settlement chain's events.</summary>
public enum L1Event
{
    /// <summary>A slot ends: its block is sealed and the next slot's is scheduled.</summary>
    SealBlock,
}

/// <summary>
/// The settlement chain: a block every slot, priced by the fork's EIP-1559 and EIP-4844
/// rules. Each block carries the background load other L1 users put on it and the rollups'
/// batch postings that fit, and its usage moves the next block's base fee and blob base fee.
/// </summary>
public sealed class L1Chain : SimProcess<L1Event>
{
    /// <summary>
    /// The most bytes one calldata posting carries: op-batcher's default maximum L1
    /// transaction size, which keeps a posting well inside a block's spare gas.
    /// </summary>
    public const int MaxCalldataTransactionBytes = 120_000;

    // Kept in inclusion order: submit time, then rollup index, then submission order.
    private readonly List<L1Posting> _inbox = [];
    private readonly List<L1Posting> _included = [];
    private readonly List<int> _blockedRollups = [];
    private readonly L1FeeMarket _market;
    private L1Statistics _statistics;

    /// <summary>Creates the L1 of a scenario at genesis (block 0); the first sealed block is block 1.</summary>
    /// <param name="model">The chain's description.</param>
    /// <param name="dataLog">Where to keep every block and posted byte, or null to keep none.</param>
    /// <exception cref="ArgumentException">The fork is unknown or its parameters, with the scenario's overrides, are inconsistent.</exception>
    public L1Chain(L1Model model, L1DataLog? dataLog = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        DataLog = dataLog;
        Spec = SpecFor(model);
        _market = new L1FeeMarket(Spec, model.BaseFee, Eip4844.ExcessBlobGasForBlobBaseFee(Spec, model.Blobs.BaseFee), firstBlockNumber: 1);
        BackgroundGas = (ulong)decimal.Min(Spec.GasLimit, decimal.Floor((decimal)Math.Clamp(model.BackgroundGas, 0, 1) * Spec.GasLimit));
        BackgroundBlobs = Math.Min((ulong)Math.Max(0, model.Blobs.Background), Spec.MaxBlobsPerBlock);
        _statistics = new L1Statistics(_market.BaseFeePerGas, _market.BlobBaseFee);
    }

    /// <summary>The chain's description.</summary>
    public L1Model Model { get; }

    /// <summary>The protocol parameters: the named fork with the scenario's blob overrides.</summary>
    public ForkSpec Spec { get; }

    /// <summary>Gas other L1 users fill in every block.</summary>
    public ulong BackgroundGas { get; }

    /// <summary>Blobs other L1 users post in every block.</summary>
    public ulong BackgroundBlobs { get; }

    /// <summary>Every block and posted byte so far, when the run keeps them.</summary>
    public L1DataLog? DataLog { get; }

    /// <summary>Blocks produced so far (genesis not counted).</summary>
    public long Blocks { get; private set; }

    /// <summary>The number of the latest block (0, genesis, before the first slot).</summary>
    public ulong HeadNumber => (ulong)Blocks;

    /// <summary>The time of the latest block (zero at genesis).</summary>
    public SimDuration HeadTime { get; private set; }

    /// <summary>The base fee per gas the next block will charge, in wei.</summary>
    public UInt128 BaseFeePerGas => _market.BaseFeePerGas;

    /// <summary>The blob base fee per blob gas the next block will charge, in wei.</summary>
    public UInt128 BlobBaseFee => _market.BlobBaseFee;

    /// <summary>Postings submitted but not yet included.</summary>
    public int PendingPostings => _inbox.Count;

    /// <summary>Fees and usage over the blocks sealed so far.</summary>
    public L1Statistics Statistics => _statistics.WithNext(_market.BaseFeePerGas, _market.BlobBaseFee);

    /// <summary>The fork <paramref name="model"/> names, with its blob overrides applied.</summary>
    /// <exception cref="ArgumentException">The fork is unknown.</exception>
    public static ForkSpec SpecFor(L1Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var blobs = model.Blobs;
        return Forks.Get(model.Fork).With(new ForkOverrides
        {
            TargetBlobsPerBlock = blobs.Target is { } target ? (ulong)target : null,
            MaxBlobsPerBlock = blobs.Max is { } max ? (ulong)max : null,
            BlobBaseFeeUpdateFraction = blobs.UpdateFraction,
        });
    }

    /// <summary>
    /// What stops <paramref name="model"/> from running: an unknown fork, or blob overrides that
    /// make the fork's parameters inconsistent (e.g. a target above the max). Empty when it can run.
    /// </summary>
    public static IReadOnlyList<string> Problems(L1Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Forks.TryGet(model.Fork, out _))
        {
            return [$"L1 '{model.Name}': {Forks.UnknownForkMessage(model.Fork)}."];
        }

        var problems = new List<string>();
        if (model.Blobs.Target < 0 || model.Blobs.Max < 0)
        {
            problems.Add($"L1 '{model.Name}': blob target and max must not be negative.");
            return problems;
        }

        problems.AddRange(SpecFor(model).Validate().Select(p => $"L1 '{model.Name}': {p}."));
        if (model.Blobs.BaseFee == 0)
        {
            problems.Add($"L1 '{model.Name}': the blob base fee at genesis must be at least 1 wei.");
        }

        return problems;
    }

    /// <summary>Schedules the first slot.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        scheduler.ScheduleAfter(Model.SlotTime, this, L1Event.SealBlock);
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.L1Block;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, L1Event simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        SealBlock(scheduler.Now);
        scheduler.ScheduleAfter(Model.SlotTime, this, L1Event.SealBlock);
    }

    /// <summary>Queues a posting for the next block that has room for it.</summary>
    internal void Submit(L1Posting posting)
    {
        var at = _inbox.Count;
        while (at > 0 && Before(posting, _inbox[at - 1]))
        {
            at--;
        }

        _inbox.Insert(at, posting);
    }

    private static bool Before(L1Posting a, L1Posting b) =>
        a.SubmitTime != b.SubmitTime ? a.SubmitTime < b.SubmitTime : a.Rollup < b.Rollup;

    private void SealBlock(SimDuration now)
    {
        var gas = BackgroundGas;
        var blobs = BackgroundBlobs;
        _included.Clear();
        _blockedRollups.Clear();
        foreach (var posting in _inbox)
        {
            if (posting.SubmitTime >= now)
            {
                break;
            }

            // A rollup's postings land in the order it sent them, so one that does not fit holds
            // back that rollup's later ones; other rollups' postings may still use the room.
            if (_blockedRollups.Contains(posting.Rollup))
            {
                continue;
            }

            if (posting.Gas <= Spec.GasLimit - gas && posting.Blobs <= Spec.MaxBlobsPerBlock - blobs)
            {
                gas += posting.Gas;
                blobs += posting.Blobs;
                _included.Add(posting);
            }
            else
            {
                _blockedRollups.Add(posting.Rollup);
            }
        }

        if (_included.Count > 0)
        {
            _inbox.RemoveAll(_included.Contains);
        }

        var fees = _market.Seal(gas, blobs);
        Blocks++;
        HeadTime = now;
        _statistics = _statistics.Add(fees, BackgroundGas, BackgroundBlobs, _included.Count(p => !p.IsVerification));
        DataLog?.AddBlock(new L1BlockRecord(now, fees));
        foreach (var posting in _included)
        {
            var blobFee = checked((UInt128)posting.Blobs * Spec.GasPerBlob * fees.BlobBaseFee);
            var executionFee = checked((UInt128)posting.Gas * fees.BaseFeePerGas);
            if (!posting.IsVerification)
            {
                DataLog?.AddTransaction(new L1DataTransaction(fees.Number, now, posting.Rollup, posting.RollupName, posting.Target, posting.Data) { SharedBy = posting.SharedBy });
            }

            posting.Owner.OnIncluded(posting, fees.Number, now, blobFee, executionFee);
        }
    }
}

/// <summary>Fees and usage of an L1 over a run.</summary>
/// <param name="StartBaseFee">The first block's base fee per gas, in wei.</param>
/// <param name="EndBaseFee">The base fee the block after the last one would charge.</param>
/// <param name="MinBaseFee">The lowest base fee of any block, the next one included.</param>
/// <param name="MaxBaseFee">The highest base fee of any block, the next one included.</param>
/// <param name="StartBlobBaseFee">The first block's blob base fee per blob gas, in wei.</param>
/// <param name="EndBlobBaseFee">The blob base fee the block after the last one would charge.</param>
/// <param name="MinBlobBaseFee">The lowest blob base fee of any block, the next one included.</param>
/// <param name="MaxBlobBaseFee">The highest blob base fee of any block, the next one included.</param>
/// <param name="RollupBlobs">Blobs the rollups' postings used.</param>
/// <param name="BackgroundBlobs">Blobs other L1 users posted.</param>
/// <param name="RollupGas">Execution gas the rollups' postings used, proof verifications included.</param>
/// <param name="BackgroundGas">Execution gas other L1 users used.</param>
/// <param name="RollupTransactions">L1 transactions that carried rollup data.</param>
public readonly record struct L1Statistics(
    UInt128 StartBaseFee,
    UInt128 EndBaseFee,
    UInt128 MinBaseFee,
    UInt128 MaxBaseFee,
    UInt128 StartBlobBaseFee,
    UInt128 EndBlobBaseFee,
    UInt128 MinBlobBaseFee,
    UInt128 MaxBlobBaseFee,
    ulong RollupBlobs,
    ulong BackgroundBlobs,
    ulong RollupGas,
    ulong BackgroundGas,
    long RollupTransactions)
{
    internal L1Statistics(UInt128 baseFee, UInt128 blobBaseFee)
        : this(baseFee, baseFee, baseFee, baseFee, blobBaseFee, blobBaseFee, blobBaseFee, blobBaseFee, 0, 0, 0, 0, 0)
    {
    }

    internal L1Statistics Add(L1BlockFees block, ulong backgroundGas, ulong backgroundBlobs, int postings) => this with
    {
        MinBaseFee = UInt128.Min(MinBaseFee, block.BaseFeePerGas),
        MaxBaseFee = UInt128.Max(MaxBaseFee, block.BaseFeePerGas),
        MinBlobBaseFee = UInt128.Min(MinBlobBaseFee, block.BlobBaseFee),
        MaxBlobBaseFee = UInt128.Max(MaxBlobBaseFee, block.BlobBaseFee),
        RollupBlobs = RollupBlobs + (block.BlobsUsed - backgroundBlobs),
        BackgroundBlobs = BackgroundBlobs + backgroundBlobs,
        RollupGas = RollupGas + (block.GasUsed - backgroundGas),
        BackgroundGas = BackgroundGas + backgroundGas,
        RollupTransactions = RollupTransactions + postings,
    };

    internal L1Statistics WithNext(UInt128 baseFee, UInt128 blobBaseFee) => this with
    {
        EndBaseFee = baseFee,
        MinBaseFee = UInt128.Min(MinBaseFee, baseFee),
        MaxBaseFee = UInt128.Max(MaxBaseFee, baseFee),
        EndBlobBaseFee = blobBaseFee,
        MinBlobBaseFee = UInt128.Min(MinBlobBaseFee, blobBaseFee),
        MaxBlobBaseFee = UInt128.Max(MaxBlobBaseFee, blobBaseFee),
    };
}
