using System.Collections.Immutable;

namespace ProtoScript.Engine.Simulation;

/// <summary>One parameter a hook's code can use by name.</summary>
/// <param name="Name">The name in the hook's code, e.g. <c>x</c>.</param>
/// <param name="Type">Its type, from the hooks' API (ProtoScript.Hooks) or the base library.</param>
public sealed record HookParameter(string Name, Type Type);

/// <summary>
/// What a C# hook at one rule site sees and returns: the parameters and return type of the
/// method its code becomes, and the delegate the scripted path binds that method to. It is part
/// of the site's <see cref="RuleSite"/>, so the hook compiler, the scripted path's loader and
/// the emitter of the compiled path all read one declaration.
/// </summary>
/// <param name="ReturnType">What the hook returns (<see cref="void"/> for none; a reference type may be null).</param>
/// <param name="Parameters">What the hook sees, in order.</param>
/// <param name="DelegateType">The delegate type the compiled method is bound to.</param>
public sealed record HookSignature(Type ReturnType, ImmutableArray<HookParameter> Parameters, Type DelegateType);
