using ProtoScript.Engine.Simulation;

namespace ProtoScript.Application;

/// <summary>
/// Where a run or a sweep says how far it has come, for a progress display. Calls come from the
/// run's thread (a sweep's runs may finish on several threads at once); nothing they do reaches a
/// report.
/// </summary>
public interface IProgressSink
{
    /// <summary>A single run reached <paramref name="progress"/>.</summary>
    void OnRun(RunProgress progress);

    /// <summary>A sweep finished another run: <paramref name="done"/> of <paramref name="total"/>.</summary>
    void OnSweepRun(int done, int total);
}
