using System.Globalization;
using ProtoScript.Engine.Sequencing.Consensus;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>A BFT set's proposer rule written as a C# hook: it sees a read-only view of the round and returns the proposing node, 1 … nodes.</summary>
public sealed class HookProposerRule : IProposerRule
{
    private readonly Func<ProposerView, int> _choose;
    private readonly HookOptions _options;

    internal HookProposerRule(HookModel hook, Func<ProposerView, int> choose, HookOptions options)
    {
        Hook = hook;
        _choose = choose;
        _options = options;
    }

    /// <summary>The hook this rule runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned a node outside 1 … nodes.</exception>
    public int Proposer(ProposerView round) => Run(Hook, _options, round, new Call(_choose));

    /// <summary>
    /// Runs <paramref name="hook"/> for one round inside its budget and checks the node it returns:
    /// the scripted rule and the compiled engine's emitted ones both choose through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned a node outside 1 … nodes.</exception>
    public static int Run<TCall>(HookModel hook, HookOptions options, ProposerView round, TCall call)
        where TCall : struct, IProposerHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(round);
        HookCall.Begin(options);
        int node;
        try
        {
            node = call.Invoke(round);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);

        // Any other number names no node: the round would have no proposer at all.
        if (node < 1 || node > round.Nodes)
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned node {node} as the proposer of height {round.Height} round {round.Round}, but the set's nodes are 1 … {round.Nodes}"))
            {
                Hint = "return a node number between 1 and `round.Nodes`, e.g. `round.RoundRobin`",
            };
        }

        return node;
    }

    private readonly struct Call(Func<ProposerView, int> choose) : IProposerHookCall
    {
        public int Invoke(ProposerView round) => choose(round);
    }
}

/// <summary>Calls a BFT set's proposer hook.</summary>
public interface IProposerHookCall
{
    /// <summary>The proposing node (1 … nodes) of <paramref name="round"/>.</summary>
    int Invoke(ProposerView round);
}
