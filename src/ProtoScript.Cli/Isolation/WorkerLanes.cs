namespace ProtoScript.Cli.Isolation;

/// <summary>
/// Runs a list of requests on a few workers, one per lane: each lane keeps its worker for
/// request after request (the runtime starts and the hooks load once per lane) and starts a
/// fresh one after a worker died, so one bad request costs one restart, not the others' results.
/// </summary>
internal static class WorkerLanes
{
    /// <summary>Runs the items in order of their index across <paramref name="lanes"/> workers; returns when all are done or skipped.</summary>
    /// <param name="count">How many items there are.</param>
    /// <param name="lanes">How many workers at most run at once.</param>
    /// <param name="limits">Timeout and memory limit of every worker.</param>
    /// <param name="request">The request for item <c>i</c>, or null to skip it (called just before it would run).</param>
    /// <param name="complete">Called on the lane's thread with the reply, or with why the worker died.</param>
    public static void Run(int count, int lanes, IsolationLimits limits, Func<int, WorkerRequest?> request, Action<int, WorkerReply?, WorkerDeath?> complete)
    {
        var next = -1;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? bug = null;
        var threads = Enumerable.Range(0, Math.Clamp(lanes, 1, Math.Max(count, 1))).Select(_ => new Thread(() =>
        {
            WorkerProcess? worker = null;
            try
            {
                int item;
                while ((item = Interlocked.Increment(ref next)) < count)
                {
                    if (request(item) is not { } message)
                    {
                        continue;
                    }

                    if (worker is null)
                    {
                        worker = WorkerProcess.TryStart(limits, out var startFailure);
                        if (worker is null)
                        {
                            complete(item, null, startFailure);
                            continue;
                        }
                    }

                    var reply = worker.Send(message, out var death);
                    if (reply is null || reply.OutOfMemory)
                    {
                        // Dead, or alive at its memory limit and about to exit: start afresh.
                        worker.Dispose();
                        worker = null;
                    }

                    complete(item, reply, death);
                }
            }
            catch (Exception e)
            {
                // A bug of ours on a lane thread must not end the process: hand it to the caller.
                Interlocked.CompareExchange(ref bug, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e), null);
                Interlocked.Exchange(ref next, count);
            }
            finally
            {
                worker?.Dispose();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        bug?.Throw();
    }
}
