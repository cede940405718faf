using System.Globalization;
using ProtoScript.Engine.Pbs;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>A PBS builder's bid written as a C# hook: it sees a read-only view of its block candidate and returns the bid in wei.</summary>
public sealed class HookBuilderBid : IBuilderBidRule
{
    private readonly Func<BuilderBidView, UInt128> _bid;
    private readonly HookOptions _options;

    internal HookBuilderBid(HookModel hook, Func<BuilderBidView, UInt128> bid, HookOptions options)
    {
        Hook = hook;
        _bid = bid;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or bid more than the candidate is worth.</exception>
    public UInt128 Bid(in BuilderBidView candidate) => Run(Hook, _options, in candidate, new Call(_bid));

    /// <summary>
    /// Runs <paramref name="hook"/> for one candidate inside its budget and checks the bid it
    /// returns: the scripted rule and the compiled engine's emitted ones both bid through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or bid more than the candidate is worth.</exception>
    public static UInt128 Run<TCall>(HookModel hook, HookOptions options, in BuilderBidView candidate, TCall call)
        where TCall : struct, IBuilderBidHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        HookCall.Begin(options);
        UInt128 bid;
        try
        {
            bid = call.Invoke(candidate);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);

        // The builder pays the proposer out of the block's value: it has no other funds in the model.
        if (bid > candidate.Value)
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned an impossible bid: {bid} wei, but its candidate is worth only {candidate.Value} wei"))
            {
                Hint = "bid at most `candidate.Value`: a builder pays its bid out of its block's value",
            };
        }

        return bid;
    }

    private readonly struct Call(Func<BuilderBidView, UInt128> bid) : IBuilderBidHookCall
    {
        public UInt128 Invoke(BuilderBidView candidate) => bid(candidate);
    }
}

/// <summary>Calls a PBS builder's bid hook.</summary>
public interface IBuilderBidHookCall
{
    /// <summary>The bid in wei for <paramref name="candidate"/>.</summary>
    UInt128 Invoke(BuilderBidView candidate);
}
