using System.Globalization;
using ProtoScript.Engine.Proving;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>A market prover's bid written as a C# hook: it sees a read-only view of the job and of the prover, and returns the bid in wei.</summary>
public sealed class HookProverBid : IProverBidRule
{
    /// <summary>The largest bid a hook may return: 1 000 000 eth, the largest cost a prover may be given.</summary>
    public static readonly UInt128 MaxBid = (UInt128)1_000_000 * 1_000_000_000_000_000_000UL;

    private readonly Func<ProverBidView, UInt128> _bid;
    private readonly HookOptions _options;

    internal HookProverBid(HookModel hook, Func<ProverBidView, UInt128> bid, HookOptions options)
    {
        Hook = hook;
        _bid = bid;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or bid more than 1 000 000 eth.</exception>
    public UInt128 Bid(ProverBidView auction) => Run(Hook, _options, auction, new Call(_bid));

    /// <summary>
    /// Runs <paramref name="hook"/> for one job inside its budget and checks the bid it returns:
    /// the scripted rule and the compiled engine's emitted ones both bid through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or bid more than 1 000 000 eth.</exception>
    public static UInt128 Run<TCall>(HookModel hook, HookOptions options, ProverBidView auction, TCall call)
        where TCall : struct, IProverBidHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(auction);
        HookCall.Begin(options);
        UInt128 bid;
        try
        {
            bid = call.Invoke(auction);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);

        // A bid is negative only by wrapping around below zero; either way it is no price a rollup could pay.
        if (bid > MaxBid)
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned an absurd bid for {auction.Job.Rollup} block {auction.Job.Number}: {bid} wei, more than 1 000 000 eth"))
            {
                Hint = "return a bid in wei between 0 and 1 000 000 eth, e.g. `auction.Cost * 11 / 10`",
            };
        }

        return bid;
    }

    private readonly struct Call(Func<ProverBidView, UInt128> bid) : IProverBidHookCall
    {
        public UInt128 Invoke(ProverBidView auction) => bid(auction);
    }
}

/// <summary>Calls a market prover's bid hook.</summary>
public interface IProverBidHookCall
{
    /// <summary>The bid in wei for <paramref name="auction"/>.</summary>
    UInt128 Invoke(ProverBidView auction);
}
