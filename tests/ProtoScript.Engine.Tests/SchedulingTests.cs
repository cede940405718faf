using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class SchedulingTests
{
    private sealed class Recorder(EventKind kind = EventKind.UserTransaction, List<(long Time, int Tag)>? seen = null) : ISimProcess
    {
        public List<(long Time, int Tag)> Seen { get; } = seen ?? [];

        public EventKind Kind => kind;

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
    public void Simultaneous_events_run_in_event_kind_order_whatever_order_they_were_scheduled_in()
    {
        var scheduler = new Scheduler();
        var seen = new List<(long Time, int Tag)>();

        // Scheduled last kind first: the order of EventKind wins over the order of scheduling.
        var kinds = Enum.GetValues<EventKind>();
        for (var k = kinds.Length - 1; k >= 0; k--)
        {
            scheduler.ScheduleAt(new SimDuration(50), new Recorder(kinds[k], seen), (int)kinds[k]);
        }

        scheduler.ScheduleAt(new SimDuration(40), new Recorder(EventKind.BatchPosting, seen), -1);
        scheduler.RunUntil(new SimDuration(100));

        Assert.Equal([(40L, -1), .. kinds.Select(k => (50L, (int)k))], seen);
    }

    [Fact]
    public void A_price_moved_at_an_instant_is_seen_by_a_decision_at_that_instant_and_not_by_a_block_sealed_then()
    {
        // As at 250 ms blocks: the desk's look at 200 ms is queued at time 0, the CEX tick at
        // 200 ms only when the 100 ms tick runs; the block at 500 ms is queued at 250 ms, the tick
        // at 500 ms at 400 ms.
        var scheduler = new Scheduler();
        var seen = new List<(long Time, int Tag)>();
        var look = new Recorder(EventKind.Arbitrage, seen);
        var cex = new Recorder(EventKind.MarketPrice, seen);
        var block = new Recorder(EventKind.RollupBlock, seen);
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(200), look, 1);
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(100), cex, 2);
        scheduler.RunUntil(SimDuration.FromMilliseconds(100));
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(200), cex, 2);
        scheduler.RunUntil(SimDuration.FromMilliseconds(300));
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(500), block, 3);
        scheduler.RunUntil(SimDuration.FromMilliseconds(400));
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(500), cex, 2);
        scheduler.RunUntil(SimDuration.FromMilliseconds(600));

        // The look sees the price of its instant; the block, closing the interval before 500 ms, does not.
        Assert.Equal([(100_000L, 2), (200_000L, 2), (200_000L, 1), (500_000L, 3), (500_000L, 2)], seen);
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

    private enum Phase
    {
        Propose,
        Prevote,
        Precommit,
    }

    private sealed class TypedRecorder(List<(long Time, Phase Phase)> seen) : ISimProcess<Phase>
    {
        public EventKind Kind => EventKind.RollupBlock;

        public void OnEvent(Scheduler scheduler, Phase simEvent) => seen.Add((scheduler.Now.Microseconds, simEvent));
    }

    [Fact]
    public void A_typed_process_receives_its_events_as_the_enum_values_it_scheduled()
    {
        var scheduler = new Scheduler();
        var seen = new List<(long Time, Phase Phase)>();
        var process = new TypedRecorder(seen);
        scheduler.ScheduleAt(new SimDuration(20), process, Phase.Precommit);
        scheduler.ScheduleAt(new SimDuration(10), process, Phase.Prevote);
        scheduler.ScheduleAt(new SimDuration(10), process, Phase.Propose);

        scheduler.RunUntil(new SimDuration(30));

        Assert.Equal([(10L, Phase.Prevote), (10L, Phase.Propose), (20L, Phase.Precommit)], seen);
    }

    [Fact]
    public void A_cancelled_event_never_fires_and_the_others_keep_their_order()
    {
        var scheduler = new Scheduler();
        var seen = new List<(long Time, Phase Phase)>();
        var process = new TypedRecorder(seen);
        scheduler.ScheduleAt(new SimDuration(10), process, Phase.Propose);
        var timeout = scheduler.ScheduleCancellableAt(new SimDuration(10), process, Phase.Prevote);
        scheduler.ScheduleAt(new SimDuration(10), process, Phase.Precommit);
        var kept = scheduler.ScheduleCancellableAt(new SimDuration(10), process, Phase.Prevote);

        Assert.False(scheduler.Cancel(default)); // names no event
        Assert.True(scheduler.Cancel(timeout));
        Assert.False(scheduler.Cancel(timeout)); // already cancelled
        Assert.Equal(3, scheduler.Pending);
        scheduler.RunUntil(new SimDuration(30));

        Assert.Equal([(10L, Phase.Propose), (10L, Phase.Precommit), (10L, Phase.Prevote)], seen);
        Assert.Equal(3, scheduler.EventsProcessed);
        Assert.False(scheduler.Cancel(kept)); // it already ran
        Assert.Equal(0, scheduler.Pending);
    }

    [Fact]
    public void A_cancelled_event_at_the_head_of_the_queue_neither_moves_the_clock_nor_hides_later_events()
    {
        var scheduler = new Scheduler();
        var seen = new List<(long Time, Phase Phase)>();
        var process = new TypedRecorder(seen);
        var first = scheduler.ScheduleCancellableAt(new SimDuration(5), process, Phase.Propose);
        scheduler.ScheduleAt(new SimDuration(40), process, Phase.Precommit);
        scheduler.Cancel(first);

        scheduler.RunUntil(new SimDuration(20));
        Assert.Empty(seen);
        Assert.Equal(1, scheduler.Pending);

        scheduler.RunUntil(new SimDuration(50));
        Assert.Equal([(40L, Phase.Precommit)], seen);
    }

    [Fact]
    public void Scheduling_and_delivering_plain_and_typed_events_allocates_nothing_once_the_queue_has_grown()
    {
        var scheduler = new Scheduler();
        var plain = new CountingProcess();
        var typed = new TypedCounter();
        void Round(long start)
        {
            for (var i = 0; i < 1_000; i++)
            {
                scheduler.ScheduleAt(new SimDuration(start + (i % 7)), plain, i);
                scheduler.ScheduleAt(new SimDuration(start + (i % 5)), typed, Phase.Prevote);
            }

            scheduler.RunUntil(new SimDuration(start + 10));
        }

        Round(0); // grows the heap to its working size
        var before = GC.GetAllocatedBytesForCurrentThread();
        Round(100);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(4_000, plain.Count + typed.Count);
    }

    private sealed class CountingProcess : ISimProcess
    {
        public int Count { get; private set; }

        public EventKind Kind => EventKind.UserTransaction;

        public void OnEvent(Scheduler scheduler, int tag) => Count++;
    }

    private sealed class TypedCounter : ISimProcess<Phase>
    {
        public int Count { get; private set; }

        public EventKind Kind => EventKind.UserTransaction;

        public void OnEvent(Scheduler scheduler, Phase simEvent) => Count++;
    }
}
