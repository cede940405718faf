using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Engine.Sequencing;
using ProtoScript.Engine.Workload;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bridge;

/// <summary>A deposit stream's events.</summary>
internal enum DepositEvent
{
    /// <summary>A user sends a deposit from L1, and the next arrival is drawn.</summary>
    Send,
}

/// <summary>
/// Users depositing to one rollup from L1: Poisson arrivals, each to a random user account,
/// with a value from the stream's distribution. Arrivals, recipients and values draw from
/// their own random streams, so adding deposits leaves every other component's draws unchanged.
/// </summary>
internal sealed class DepositStream : SimProcess<DepositEvent>
{
    private readonly DepositStreamModel _model;
    private readonly RollupChain _target;
    private readonly SequencerRuntime _inbox;
    private readonly double _meanGapMicroseconds;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _accounts;
    private readonly RandomStream _values;

    public DepositStream(DepositStreamModel model, RollupChain target, SequencerRuntime inbox, RandomTree random, string randomPath)
    {
        _model = model;
        _target = target;
        _inbox = inbox;
        _meanGapMicroseconds = SimDuration.MicrosPerSecond / model.RatePerSecond;
        _arrivals = random.Stream(randomPath + "/arrivals");
        _accounts = random.Stream(randomPath + "/accounts");
        _values = random.Stream(randomPath + "/values");
    }

    public void Start(Scheduler scheduler)
    {
        if (_model.RatePerSecond > 0 && _target.UserAccounts >= 1)
        {
            scheduler.ScheduleAfter(NextGap(), this, DepositEvent.Send);
        }
    }

    /// <inheritdoc />
    public override EventKind EventKind => EventKind.Deposit;

    /// <inheritdoc />
    protected override void OnEvent(Scheduler scheduler, DepositEvent simEvent)
    {
        var to = _accounts.NextInt(_target.UserAccounts);
        var value = DistributionSampler.SampleWei(_model.Value, _values);
        _inbox.SubmitDeposit(to, value, scheduler.Now);
        _target.Bridge.DepositsSubmitted++;
        scheduler.ScheduleAfter(NextGap(), this, DepositEvent.Send);
    }

    private SimDuration NextGap()
    {
        var gap = Math.Round(_arrivals.NextExponential(_meanGapMicroseconds), MidpointRounding.ToEven);
        return new SimDuration(gap >= long.MaxValue ? long.MaxValue / 2 : (long)gap);
    }
}
