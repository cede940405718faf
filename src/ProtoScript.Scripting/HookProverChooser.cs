using System.Globalization;
using ProtoScript.Engine.Proving;
using ProtoScript.Engine.Randomness;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>
/// A prover selection written as a C# hook: the compiled hook sees copies of the provers and
/// the job, and the run's selection stream; it returns the chosen prover's index.
/// </summary>
public sealed class HookProverChooser : IProverChooser
{
    private readonly Func<ProverList, ProofBlockView, HookRandom, int> _choose;
    private readonly HookOptions _options;
    private readonly HookRandom _random;

    internal HookProverChooser(HookModel hook, Func<ProverList, ProofBlockView, HookRandom, int> choose, HookOptions options, RandomStream random)
    {
        Hook = hook;
        _choose = choose;
        _options = options;
        _random = Random(random);
    }

    /// <summary>The hook this chooser runs.</summary>
    public HookModel Hook { get; }

    /// <inheritdoc />
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned an index that names no prover.</exception>
    public int Choose(in ProofJob job, IReadOnlyList<ProverState> provers) => Run(Hook, _options, in job, provers, _random, new Call(_choose));

    /// <summary>The hooks' view of a run's selection stream: every draw comes from <paramref name="random"/>.</summary>
    public static HookRandom Random(RandomStream random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new HookRandom(random.NextUInt64);
    }

    /// <summary>
    /// Runs <paramref name="hook"/> for one proof job inside its budget and checks the index it
    /// returns: the scripted chooser and the compiled engine's emitted ones both choose through here.
    /// </summary>
    /// <exception cref="HookException">The hook threw, exceeded its budget, or returned an index that names no prover.</exception>
    public static int Run<TCall>(HookModel hook, HookOptions options, in ProofJob job, IReadOnlyList<ProverState> provers, HookRandom random, TCall call)
        where TCall : struct, IProverSelectionHookCall
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(provers);
        var views = new ProverList(provers.Select(p => new ProverView(p.Index, p.Stake, p.BusyUntilMicroseconds, p.ProofsWon)));
        var block = new ProofBlockView(job.Rollup, job.Block, job.Transactions, job.Gas, Name(job.Kind), job.ReadyMicroseconds);
        HookCall.Begin(options);
        int index;
        try
        {
            index = call.Invoke(views, block, random);
        }
        catch (Exception e)
        {
            throw HookCall.Fail(hook, e);
        }

        HookCall.End(hook);
        if ((uint)index >= (uint)provers.Count)
        {
            throw new HookException(hook, false, string.Create(CultureInfo.InvariantCulture, $"returned prover {index}, but the provers are numbered 0 to {provers.Count - 1}"))
            {
                Hint = "return the `Index` of one of `provers` (0 to provers.Count - 1)",
            };
        }

        return index;
    }

    private static string Name(ProofJobKind kind) => kind switch
    {
        ProofJobKind.Transaction => "transaction",
        ProofJobKind.Aggregation => "aggregation",
        ProofJobKind.Wrap => "wrap",
        ProofJobKind.Shard => "shard",
        _ => "block",
    };

    private readonly struct Call(Func<ProverList, ProofBlockView, HookRandom, int> choose) : IProverSelectionHookCall
    {
        public int Invoke(ProverList provers, ProofBlockView block, HookRandom random) => choose(provers, block, random);
    }
}

/// <summary>Calls a prover-selection hook.</summary>
public interface IProverSelectionHookCall
{
    /// <summary>The index of the prover that proves <paramref name="block"/>.</summary>
    int Invoke(ProverList provers, ProofBlockView block, HookRandom random);
}
