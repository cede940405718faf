namespace ProtoScript.Engine.Ordering;

/// <summary>
/// An ordering rule from outside the engine that cannot throw (e.g. a built-in rule emitted as
/// specialised code), so the engine uses it as it is instead of wrapping every comparison in a
/// fault-reporting call: the wrapper would cost an extra call per comparison for nothing.
/// </summary>
public interface IInfallibleOrderingRule : IOrderingRule;
