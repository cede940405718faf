using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Trading;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Workload;

/// <summary>A user stream's events.</summary>
public enum UserEvent
{
    /// <summary>A user sends a transaction, and the next arrival is drawn.</summary>
    Arrival,

    /// <summary>A sender found the proof-of-work nonce of its transaction, which now reaches the sequencer.</summary>
    WorkDone,
}

/// <summary>
/// The users of one workload stream on one rollup: Poisson arrivals, each sending a
/// transfer between two distinct random accounts.
/// </summary>
/// <remarks>
/// Arrival times, account choice, values and fees each draw from their own stream, so
/// changing one distribution leaves the others' draws untouched and two ordering
/// rules can be compared on exactly the same workload. Users sign with their pending
/// nonce (executed plus pending), as a wallet does; it also rewinds on its own when the
/// sequencer drops a sender's transactions.
/// </remarks>
public sealed class UserStream : SimProcess<UserEvent>
{
    private readonly RollupChain _target;
    private readonly UserStreamModel _model;
    private readonly double _meanGapMicroseconds;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _accounts;
    private readonly RandomStream _values;
    private readonly RandomStream _fees;
    private readonly UserSwaps? _swaps;
    private readonly RandomStream? _withdrawals;
    private readonly RandomStream? _maxFees;
    private readonly RandomStream? _freshAddresses;
    private readonly RandomStream? _storageWrites;
    private readonly RandomStream? _replacements;
    private readonly int _powDifficulty;
    private readonly PriorityQueue<Transaction, (long Done, long Sequence)> _working = new();
    private bool[] _busy = [];
    private Queue<(Transaction Tx, bool Replacement)>?[] _backlog = [];
    private long _workSequence;

    /// <summary>Creates the stream; its random streams live under <paramref name="randomPath"/>.</summary>
    public UserStream(UserStreamModel model, RollupChain target, RandomTree random, string randomPath)
        : this(model, target, random, randomPath, null)
    {
    }

    /// <summary>
    /// Creates the stream; with a <paramref name="trading"/> model whose swap share is above
    /// zero, that share of arrivals swap on the target's first pool instead of transferring.
    /// </summary>
    public UserStream(UserStreamModel model, RollupChain target, RandomTree random, string randomPath, TradingModel? trading)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(random);
        _model = model;
        _target = target;
        _meanGapMicroseconds = SimDuration.MicrosPerSecond / model.RatePerSecond;
        _arrivals = random.Stream(randomPath + "/arrivals");
        _accounts = random.Stream(randomPath + "/accounts");
        _values = random.Stream(randomPath + "/values");
        _fees = random.Stream(randomPath + "/fees");
        if (model.WithdrawalShare > 0)
        {
            // Its own stream, drawn only when withdrawals are on, so other scenarios' draws stay as they were.
            _withdrawals = random.Stream(randomPath + "/withdrawals");
        }

        if (model.MaxFee is not null)
        {
            // Its own stream, drawn only when users cap their fees, so other scenarios' draws stay as they were.
            _maxFees = random.Stream(randomPath + "/max_fees");
        }

        if (model.NewAccountShare > 0)
        {
            // Its own stream too, drawn only when accounts are created, for the same reason.
            _freshAddresses = random.Stream(randomPath + "/new_accounts");
        }

        if (model.StorageWriteShare > 0)
        {
            _storageWrites = random.Stream(randomPath + "/storage_writes");
        }

        if (trading is { SwapShare: > 0 })
        {
            _swaps = new UserSwaps(trading, model, target, random, randomPath);
        }

        if (model.ReplaceShare > 0)
        {
            _replacements = random.Stream(randomPath + "/replacements");
        }

        _powDifficulty = model.SolvesPow ? target.Model.Mempool?.PowDifficulty ?? 0 : 0;
        _busy = _powDifficulty > 0 ? new bool[target.UserAccounts] : [];
        _backlog = _powDifficulty > 0 ? new Queue<(Transaction, bool)>?[target.UserAccounts] : [];
    }

    /// <summary>The accounts the stream sends from, or null for every user account of the rollup.</summary>
    public PopulationAccounts? Accounts
    {
        get;
        init
        {
            field = value;
            var count = value?.Count ?? _target.UserAccounts;
            _busy = _powDifficulty > 0 ? new bool[count] : [];
            _backlog = _powDifficulty > 0 ? new Queue<(Transaction, bool)>?[count] : [];
        }
    }

    /// <summary>The share of arrivals sent to another rollup, or null when the stream sends none.</summary>
    public CrossChain.CrossChainUsers? CrossChain { get; init; }

    /// <summary>
    /// The window the stream sends in (a surge's), or null to send from the start to the end of
    /// the run: the first arrival is drawn from the window's start, and none is sent at or after its end.
    /// </summary>
    public TimeWindow? ActiveDuring { get; init; }

    /// <summary>Schedules the first arrival, unless the stream can never send anything.</summary>
    public void Start(Scheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (_model.RatePerSecond > 0 && _target.UserAccounts >= 2 && Accounts is not { Count: 0 })
        {
            scheduler.ScheduleAfter((ActiveDuring?.Start ?? SimDuration.Zero) + NextGap(), this, UserEvent.Arrival);
        }
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.UserTransaction;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, UserEvent simEvent)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (simEvent == UserEvent.WorkDone)
        {
            FinishWork(scheduler);
            return;
        }

        if (ActiveDuring is { } window && scheduler.Now >= window.End)
        {
            return; // the surge is over
        }

        if (_swaps is not null && _swaps.TrySend(scheduler.Now))
        {
            scheduler.ScheduleAfter(NextGap(), this, UserEvent.Arrival);
            return;
        }

        if (CrossChain is not null && CrossChain.TrySend(scheduler.Now, _model, _values, _fees))
        {
            scheduler.ScheduleAfter(NextGap(), this, UserEvent.Arrival);
            return;
        }

        if (_storageWrites is not null && _storageWrites.NextDouble() < _model.StorageWriteShare)
        {
            SendStorageWrite(scheduler);
            scheduler.ScheduleAfter(NextGap(), this, UserEvent.Arrival);
            return;
        }

        var users = _target.UserAccounts;
        var from = Accounts is { } range ? range.First + _accounts.NextInt(range.Count) : _accounts.NextInt(users);
        var to = _accounts.NextInt(users - 1);
        if (to >= from)
        {
            to++;
        }

        if (_freshAddresses is not null && _freshAddresses.NextDouble() < _model.NewAccountShare)
        {
            // To an address that has never held anything: executing it creates an account.
            to = _target.NextFreshAccount();
        }

        var value = DistributionSampler.SampleWei(_model.Value, _values);
        var fee = DistributionSampler.SampleWei(_model.PriorityFee, _fees);
        if (_replacements is not null && _replacements.NextDouble() < _model.ReplaceShare && TryReplacement(from, scheduler.Now, out var replacement))
        {
            Send(in replacement, true, scheduler);
            scheduler.ScheduleAfter(NextGap(), this, UserEvent.Arrival);
            return;
        }

        var tx = new Transaction(from, to, value, _target.PendingNonce(from), fee, Transaction.TransferGas, scheduler.Now);
        if (_maxFees is not null)
        {
            // At least 1 wei: 0 would mean "no cap".
            tx = tx with { MaxFeePerGas = UInt128.Max(1, DistributionSampler.SampleWei(_model.MaxFee!, _maxFees)) };
        }

        if (_withdrawals is not null && _withdrawals.NextDouble() < _model.WithdrawalShare)
        {
            // A withdrawal to the sender's own address on L1; the drawn recipient is not used.
            tx = tx with { To = from, Kind = DataAvailability.TransactionKind.Withdrawal };
        }

        if (tx.Kind == DataAvailability.TransactionKind.Transfer && _target.Sequencing?.RoutesViaL1(from, scheduler.Now) == true)
        {
            // The sequencer is down or censors this sender, and the rollup has a way around it.
            _target.Sequencing.SubmitTransfer(from, to, value, scheduler.Now);
        }
        else
        {
            Send(in tx, false, scheduler);
        }

        scheduler.ScheduleAfter(NextGap(), this, UserEvent.Arrival);
    }

    /// <summary>
    /// A call writing the slots of the rollup's contract: new slots, or (by <c>new_slots</c>) slots that
    /// already hold a word, overwritten; its gas is what those writes cost (<see cref="StorageReserve.Gas"/>).
    /// </summary>
    private void SendStorageWrite(Scheduler scheduler)
    {
        var now = scheduler.Now;
        var slots = _model.SlotsPerWrite;
        var from = Accounts is { } range ? range.First + _accounts.NextInt(range.Count) : _accounts.NextInt(_target.UserAccounts);
        var written = _target.WrittenSlots();
        var fresh = _storageWrites!.NextDouble() < _model.NewSlotShare || written < slots; // nothing to overwrite yet
        var first = fresh ? _target.NextFreshSlots(slots) : _storageWrites.NextInt(written - slots + 1);
        var fee = DistributionSampler.SampleWei(_model.PriorityFee, _fees);
        var tx = new Transaction(from, first, 0, _target.PendingNonce(from), fee, StorageReserve.Gas(slots, fresh), now)
        {
            Kind = DataAvailability.TransactionKind.StorageWrite,
            Slots = slots,
        };

        // Through the pool's admission like any other transaction (proof of work, limits).
        Send(in tx, false, scheduler);
    }

    /// <summary>
    /// The sender's latest pending transaction again with its fee raised by the population's bump:
    /// a wallet's "speed up". None while the sender is still working on a proof of work.
    /// </summary>
    private bool TryReplacement(int from, SimDuration now, out Transaction replacement)
    {
        replacement = default;
        if ((_busy.Length > 0 && _busy[Index(from)]) || !_target.Pool.TryGetLast(from, out var latest))
        {
            return false;
        }

        var basisPoints = (UInt128)(ulong)Math.Round(_model.ReplaceBump * 10_000, MidpointRounding.ToEven);
        var fee = ((latest.PriorityFeePerGas * (10_000 + basisPoints)) + 9_999) / 10_000;
        replacement = latest with { PriorityFeePerGas = fee, SubmitTime = now, ArrivalSequence = 0, PowNonce = 0 };
        return true;
    }

    /// <summary>Hands the transaction to the sequencer now, or, where the rollup asks for proof of work, once its sender has found a nonce.</summary>
    private void Send(in Transaction tx, bool replacement, Scheduler scheduler)
    {
        if (_powDifficulty == 0)
        {
            _target.Submit(in tx, scheduler.Now);
            return;
        }

        // One search at a time per account: a sender's transactions are stamped one after another.
        var index = Index(tx.From);
        if (_busy[index])
        {
            (_backlog[index] ??= new Queue<(Transaction, bool)>()).Enqueue((tx, replacement));
            return;
        }

        BeginWork(tx, replacement, scheduler);
    }

    private void BeginWork(Transaction tx, bool replacement, Scheduler scheduler)
    {
        if (!replacement)
        {
            // Signed when the work starts: earlier transactions of the sender are in the pool by now.
            tx = tx with { Nonce = _target.PendingNonce(tx.From) };
        }

        var nonce = PowStamp.Solve(in tx, _powDifficulty, out var tries);
        var micros = Math.Round(tries * (SimDuration.MicrosPerSecond / _model.HashRate), MidpointRounding.ToEven);
        var work = new SimDuration(micros >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)micros);
        _busy[Index(tx.From)] = true;
        _working.Enqueue(tx with { PowNonce = nonce }, ((scheduler.Now + work).Microseconds, _workSequence++));
        scheduler.ScheduleAfter(work, this, UserEvent.WorkDone);
    }

    private void FinishWork(Scheduler scheduler)
    {
        var tx = _working.Dequeue();
        var index = Index(tx.From);
        _busy[index] = false;
        _target.Submit(in tx, scheduler.Now);
        if (_backlog[index] is { Count: > 0 } queue)
        {
            var (next, replacement) = queue.Dequeue();
            BeginWork(next, replacement, scheduler);
        }
    }

    private int Index(int account) => account - (Accounts?.First ?? 0);

    private SimDuration NextGap()
    {
        var gap = Math.Round(_arrivals.NextExponential(_meanGapMicroseconds), MidpointRounding.ToEven);
        return new SimDuration(gap >= long.MaxValue ? long.MaxValue / 2 : (long)gap);
    }
}
