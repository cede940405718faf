using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class SchedulingTests
{
    private sealed class Recorder : ISimProcess
    {
        public List<(long Time, int Tag)> Seen { get; } = [];

        public void OnEvent(Scheduler scheduler, int tag) => Seen.Add((scheduler.Now.Microseconds, tag));
    }

    [Fact]
    public void Events_run_in_time_order_and_simultaneous_events_in_scheduling_order()
    {
        var scheduler = new Scheduler();
        var recorder = new Recorder();
        scheduler.ScheduleAt(new SimDuration(30), recorder, 1);
        scheduler.ScheduleAt(new SimDuration(10), recorder, 2);
        scheduler.ScheduleAt(new SimDuration(30), recorder, 3);
        scheduler.ScheduleAt(new SimDuration(10), recorder, 4);
        scheduler.ScheduleAt(new SimDuration(30), recorder, 5);

        scheduler.RunUntil(new SimDuration(100));

        Assert.Equal([(10, 2), (10, 4), (30, 1), (30, 3), (30, 5)], recorder.Seen);
        Assert.Equal(new SimDuration(100), scheduler.Now);
    }

    [Fact]
    public void RunUntil_delivers_events_at_the_end_time_and_keeps_later_ones()
    {
        var scheduler = new Scheduler();
        var recorder = new Recorder();
        scheduler.ScheduleAt(new SimDuration(100), recorder, 1);
        scheduler.ScheduleAt(new SimDuration(101), recorder, 2);

        scheduler.RunUntil(new SimDuration(100));
        Assert.Equal([(100, 1)], recorder.Seen);

        scheduler.RunUntil(new SimDuration(200));
        Assert.Equal([(100, 1), (101, 2)], recorder.Seen);
        Assert.Equal(2, scheduler.EventsProcessed);
    }

    [Fact]
    public void Scheduling_in_the_past_is_refused()
    {
        var scheduler = new Scheduler();
        scheduler.RunUntil(new SimDuration(50));
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ScheduleAt(new SimDuration(49), new Recorder()));
        Assert.Throws<InvalidOperationException>(() => scheduler.Clock.AdvanceTo(new SimDuration(10)));
    }
}
