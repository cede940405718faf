namespace ProtoScript.Application;

/// <summary>How a scenario's rules are made; the report is the same either way.</summary>
public enum EngineKind
{
    /// <summary>The engine's components, with the scenario's C# hooks compiled apart (<c>CompiledHooks</c>).</summary>
    Scripted,

    /// <summary>The scenario emitted as specialised C# and compiled in memory (<c>CompiledScenario</c>).</summary>
    Compiled,
}
