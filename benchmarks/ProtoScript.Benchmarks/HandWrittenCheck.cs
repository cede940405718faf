using System.Diagnostics;
using System.Globalization;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Benchmarks;

/// <summary>
/// The <c>--hand-written SECONDS ORDERING</c> mode: runs the engine benchmark's scenario for that
/// many simulated seconds on the engine and on <see cref="HandWrittenScenario"/>, prints both
/// results and their wall times, and fails (exit 1) unless they are equal.
/// </summary>
public static class HandWrittenCheck
{
    /// <summary>Runs both and compares them.</summary>
    public static int Run(int seconds, OrderingRule ordering)
    {
        var model = EngineWorkload.Model(ordering) with { Duration = SimDuration.FromSeconds(seconds) };
        var watch = Stopwatch.StartNew();
        var engine = HandWrittenScenario.Summarize(Simulator.Run(model));
        var engineSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var hand = new HandWrittenScenario(model).Run();
        var handSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine ({engineSeconds:F2} s):\n  {engine.Describe()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hand-written ({handSeconds:F2} s):\n  {hand.Describe()}"));
        var equal = hand.Equals(engine);
        Console.WriteLine(equal ? "equal" : "DIFFERENT");
        return equal ? 0 : 1;
    }
}
