using System.Reflection;
using ProtoScript.Engine.Scheduling;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Tests;

public class SchedulingTests
{
    private enum Label
    {
        First = 1,
        Second,
        Third,
        Fourth,
        Fifth,
    }

    private sealed class Recorder<TEvent>(EventKind kind, List<(long Time, TEvent Event)> seen) : SimProcess<TEvent>
        where TEvent : unmanaged, Enum
    {
        public List<(long Time, TEvent Event)> Seen => seen;

        public override EventKind EventKind => kind;

        protected override void OnEvent(Scheduler scheduler, TEvent simEvent) => seen.Add((scheduler.Now.Microseconds, simEvent));
    }

    private static Recorder<Label> LabelRecorder() => new(EventKind.UserTransaction, []);

    [Fact]
    public void Events_run_in_time_order_and_simultaneous_events_in_scheduling_order()
    {
        var scheduler = new Scheduler();
        var recorder = LabelRecorder();
        scheduler.ScheduleAt(new SimDuration(30), recorder, Label.First);
        scheduler.ScheduleAt(new SimDuration(10), recorder, Label.Second);
        scheduler.ScheduleAt(new SimDuration(30), recorder, Label.Third);
        scheduler.ScheduleAt(new SimDuration(10), recorder, Label.Fourth);
        scheduler.ScheduleAt(new SimDuration(30), recorder, Label.Fifth);

        scheduler.RunUntil(new SimDuration(100));

        Assert.Equal([(10, Label.Second), (10, Label.Fourth), (30, Label.First), (30, Label.Third), (30, Label.Fifth)], recorder.Seen);
        Assert.Equal(new SimDuration(100), scheduler.Now);
    }

    [Fact]
    public void Simultaneous_events_run_in_event_kind_order_whatever_order_they_were_scheduled_in()
    {
        var scheduler = new Scheduler();
        var seen = new List<(long Time, EventKind Event)>();

        // Scheduled last kind first: the order of EventKind wins over the order of scheduling.
        var kinds = Enum.GetValues<EventKind>();
        for (var k = kinds.Length - 1; k >= 0; k--)
        {
            scheduler.ScheduleAt(new SimDuration(50), new Recorder<EventKind>(kinds[k], seen), kinds[k]);
        }

        scheduler.ScheduleAt(new SimDuration(40), new Recorder<EventKind>(EventKind.BatchPosting, seen), EventKind.BatchPosting);
        scheduler.RunUntil(new SimDuration(100));

        Assert.Equal([(40L, EventKind.BatchPosting), .. kinds.Select(k => (50L, k))], seen);
    }

    [Fact]
    public void A_price_moved_at_an_instant_is_seen_by_a_decision_at_that_instant_and_not_by_a_block_sealed_then()
    {
        // As at 250 ms blocks: the desk's look at 200 ms is queued at time 0, the CEX tick at
        // 200 ms only when the 100 ms tick runs; the block at 500 ms is queued at 250 ms, the tick
        // at 500 ms at 400 ms. Each records its own kind as its event.
        var scheduler = new Scheduler();
        var seen = new List<(long Time, EventKind Event)>();
        var look = new Recorder<EventKind>(EventKind.Arbitrage, seen);
        var cex = new Recorder<EventKind>(EventKind.MarketPrice, seen);
        var block = new Recorder<EventKind>(EventKind.RollupBlock, seen);
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(200), look, EventKind.Arbitrage);
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(100), cex, EventKind.MarketPrice);
        scheduler.RunUntil(SimDuration.FromMilliseconds(100));
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(200), cex, EventKind.MarketPrice);
        scheduler.RunUntil(SimDuration.FromMilliseconds(300));
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(500), block, EventKind.RollupBlock);
        scheduler.RunUntil(SimDuration.FromMilliseconds(400));
        scheduler.ScheduleAt(SimDuration.FromMilliseconds(500), cex, EventKind.MarketPrice);
        scheduler.RunUntil(SimDuration.FromMilliseconds(600));

        // The look sees the price of its instant; the block, closing the interval before 500 ms, does not.
        Assert.Equal(
            [
                (100_000L, EventKind.MarketPrice),
                (200_000L, EventKind.MarketPrice),
                (200_000L, EventKind.Arbitrage),
                (500_000L, EventKind.RollupBlock),
                (500_000L, EventKind.MarketPrice),
            ],
            seen);
    }

    [Fact]
    public void RunUntil_delivers_events_at_the_end_time_and_keeps_later_ones()
    {
        var scheduler = new Scheduler();
        var recorder = LabelRecorder();
        scheduler.ScheduleAt(new SimDuration(100), recorder, Label.First);
        scheduler.ScheduleAt(new SimDuration(101), recorder, Label.Second);

        scheduler.RunUntil(new SimDuration(100));
        Assert.Equal([(100, Label.First)], recorder.Seen);

        scheduler.RunUntil(new SimDuration(200));
        Assert.Equal([(100, Label.First), (101, Label.Second)], recorder.Seen);
        Assert.Equal(2, scheduler.EventsProcessed);
    }

    [Fact]
    public void Scheduling_in_the_past_is_refused()
    {
        var scheduler = new Scheduler();
        scheduler.RunUntil(new SimDuration(50));
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ScheduleAt(new SimDuration(49), LabelRecorder(), Label.First));
        Assert.Throws<InvalidOperationException>(() => scheduler.Clock.AdvanceTo(new SimDuration(10)));
    }

    private enum Phase
    {
        Propose,
        Prevote,
        Precommit,
    }

    private sealed class TypedRecorder(List<(long Time, Phase Phase)> seen) : SimProcess<Phase>
    {
        public override EventKind EventKind => EventKind.RollupBlock;

        protected override void OnEvent(Scheduler scheduler, Phase simEvent) => seen.Add((scheduler.Now.Microseconds, simEvent));
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
    public void Events_of_processes_of_different_kinds_at_one_instant_run_kind_by_kind_each_process_in_scheduling_order()
    {
        // Two processes with events of their own enums, scheduled interleaved at one instant: the
        // block's (EventKind.L1Block) run first, in the order they were scheduled, then the round's
        // (EventKind.Arbitrage) in theirs, and the earlier instant before both.
        var scheduler = new Scheduler();
        var seen = new List<string>();
        var round = new NamedRecorder<Phase>(EventKind.Arbitrage, "round", seen);
        var block = new NamedRecorder<Label>(EventKind.L1Block, "block", seen);
        scheduler.ScheduleAt(new SimDuration(20), round, Phase.Precommit);
        scheduler.ScheduleAt(new SimDuration(20), block, Label.Second);
        scheduler.ScheduleAt(new SimDuration(20), round, Phase.Propose);
        scheduler.ScheduleAt(new SimDuration(10), round, Phase.Prevote);
        scheduler.ScheduleAt(new SimDuration(20), block, Label.First);
        scheduler.ScheduleAfter(new SimDuration(20), round, Phase.Prevote);

        scheduler.RunUntil(new SimDuration(30));

        Assert.Equal(
            ["10 round Prevote", "20 block Second", "20 block First", "20 round Precommit", "20 round Propose", "20 round Prevote"],
            seen);
    }

    [Fact]
    public void A_process_whose_events_are_not_a_32_bit_enum_is_refused_at_construction()
    {
        var error = Assert.Throws<NotSupportedException>(() => new Recorder<NarrowEvent>(EventKind.Deposit, []));

        Assert.Contains(nameof(NarrowEvent), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_typed_processes_can_be_scheduled_no_untyped_process_or_integer_tag_is_reachable_outside_the_engine()
    {
        // SimProcess derives only within the engine, and only through SimProcess<TEvent> ...
        Assert.All(
            typeof(SimProcess).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic),
            constructor => Assert.True(constructor.IsFamilyAndAssembly));

        // ... whose integer entry point is internal ...
        var dispatch = typeof(SimProcess).GetMethod("Dispatch", BindingFlags.Instance | BindingFlags.NonPublic);
        Assert.NotNull(dispatch);
        Assert.True(dispatch.IsAssembly);

        // ... and every way to schedule takes a process's enum, never an integer.
        var scheduling = typeof(Scheduler).GetMethods().Where(m => m.Name.StartsWith("Schedule", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(scheduling);
        Assert.All(scheduling, method => Assert.True(method.IsGenericMethodDefinition, method.Name));
        Assert.All(scheduling, method => Assert.DoesNotContain(method.GetParameters(), p => p.ParameterType == typeof(int)));
    }

    [Fact]
    public void Scheduling_and_delivering_the_events_of_two_processes_allocates_nothing_once_the_queue_has_grown()
    {
        var scheduler = new Scheduler();
        var labels = new Counter<Label>();
        var phases = new Counter<Phase>();
        void Round(long start)
        {
            for (var i = 0; i < 1_000; i++)
            {
                scheduler.ScheduleAt(new SimDuration(start + (i % 7)), labels, i % 2 == 0 ? Label.First : Label.Second);
                scheduler.ScheduleAt(new SimDuration(start + (i % 5)), phases, Phase.Prevote);
            }

            scheduler.RunUntil(new SimDuration(start + 10));
        }

        Round(0); // grows the heap to its working size
        var before = GC.GetAllocatedBytesForCurrentThread();
        Round(100);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(4_000, labels.Count + phases.Count);
    }

    private enum NarrowEvent : byte
    {
        Only,
    }

    private sealed class NamedRecorder<TEvent>(EventKind kind, string name, List<string> seen) : SimProcess<TEvent>
        where TEvent : unmanaged, Enum
    {
        public override EventKind EventKind => kind;

        protected override void OnEvent(Scheduler scheduler, TEvent simEvent) =>
            seen.Add(FormattableString.Invariant($"{scheduler.Now.Microseconds} {name} {simEvent}"));
    }

    private sealed class Counter<TEvent> : SimProcess<TEvent>
        where TEvent : unmanaged, Enum
    {
        public int Count { get; private set; }

        public override EventKind EventKind => EventKind.UserTransaction;

        protected override void OnEvent(Scheduler scheduler, TEvent simEvent) => Count++;
    }
}
