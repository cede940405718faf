using System.Collections.Immutable;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>One parameter a hook's code can use by name.</summary>
/// <param name="Name">The name in the hook's code, e.g. <c>x</c>.</param>
/// <param name="Type">Its type.</param>
public sealed record HookParameter(string Name, Type Type);

/// <summary>
/// What a hook of one kind sees and returns: the generated method's parameters and return
/// type, and the delegate it is bound to. Adding a hook site (fee distribution, prover
/// selection, derivation) is adding one of these plus the component that calls it.
/// </summary>
/// <param name="Kind">The rule the hook replaces.</param>
/// <param name="ReturnType">What the hook returns.</param>
/// <param name="Parameters">What the hook sees, in order.</param>
/// <param name="DelegateType">The delegate type the compiled method is bound to.</param>
public sealed record HookSite(HookKind Kind, Type ReturnType, ImmutableArray<HookParameter> Parameters, Type DelegateType);

/// <summary>Helpers about a hook's place in its file.</summary>
public static class HookSpans
{
    /// <summary>
    /// The hook's code without its surrounding white space: where a diagnostic about the hook
    /// as a whole points (a <c>csharp { ... }</c> hook's code usually starts with a line break).
    /// </summary>
    public static Language.Text.TextSpan Trimmed(HookModel hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var code = hook.Code;
        var start = 0;
        var end = code.Length;
        while (start < end && char.IsWhiteSpace(code[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(code[end - 1]))
        {
            end--;
        }

        return start == end ? hook.CodeSpan : new Language.Text.TextSpan(hook.CodeSpan.Start + start, end - start);
    }
}

/// <summary>The hook sites the engine can call so far.</summary>
public static class HookSites
{
    /// <summary>
    /// Ordering: compares two candidate transactions <c>x</c> and <c>y</c>; negative puts
    /// <c>x</c> first, positive puts <c>y</c> first.
    /// </summary>
    public static HookSite Ordering { get; } = new(
        HookKind.Ordering,
        typeof(int),
        [new HookParameter("x", typeof(TransactionView)), new HookParameter("y", typeof(TransactionView))],
        typeof(Func<TransactionView, TransactionView, int>));

    /// <summary>
    /// Fee distribution: sees one sealed block (<c>block</c>) and pays roles with
    /// <c>Pay(Role role, UInt128 amount)</c>; what it leaves unpaid is burned, and paying more
    /// than the block collected is an error.
    /// </summary>
    public static HookSite FeeDistribution { get; } = new(
        HookKind.FeeDistribution,
        typeof(void),
        [new HookParameter("block", typeof(FeeBlockView))],
        typeof(Action<FeeBlockView>));

    /// <summary>
    /// Prover selection: given the <c>provers</c>, the proof job (<c>block</c>) and the scenario's
    /// <c>random</c> stream, returns the index of the prover that proves the job.
    /// </summary>
    public static HookSite ProverSelection { get; } = new(
        HookKind.ProverSelection,
        typeof(int),
        [new HookParameter("provers", typeof(ProverList)), new HookParameter("block", typeof(ProofBlockView)), new HookParameter("random", typeof(HookRandom))],
        typeof(Func<ProverList, ProofBlockView, HookRandom, int>));

    /// <summary>
    /// Transaction validity: runs before a transaction executes and returns true to let it
    /// execute, false to drop it (<c>rejected_by_validity_rule</c>). Sees the transaction
    /// <c>tx</c>, its sender's history <c>sender</c>, the number of the block being built
    /// <c>block</c> and its simulated time <c>now</c>.
    /// </summary>
    public static HookSite TransactionValidity { get; } = new(
        HookKind.TransactionValidity,
        typeof(bool),
        [
            new HookParameter("tx", typeof(TransactionView)),
            new HookParameter("sender", typeof(SenderView)),
            new HookParameter("block", typeof(long)),
            new HookParameter("now", typeof(TimeSpan)),
        ],
        typeof(Func<TransactionView, SenderView, long, TimeSpan, bool>));

    /// <summary>
    /// An arbitrageur's strategy: sees the market as it sees it (<c>market</c>: the CEX price
    /// after its sync delay, the pool's reserves and fee, the base fee), itself (<c>me</c>:
    /// its index and balances), the built-in closed-form trade with its own bid (<c>best</c>)
    /// and the simulated time <c>now</c>; returns the trade to send or <c>ArbitrageTrade.None</c>.
    /// </summary>
    public static HookSite Strategy { get; } = new(
        HookKind.Strategy,
        typeof(ArbitrageTrade),
        [
            new HookParameter("market", typeof(MarketView)),
            new HookParameter("me", typeof(ArbitrageurView)),
            new HookParameter("best", typeof(ArbitrageTrade)),
            new HookParameter("now", typeof(TimeSpan)),
        ],
        typeof(Func<MarketView, ArbitrageurView, ArbitrageTrade, TimeSpan, ArbitrageTrade>));

    /// <summary>
    /// Derivation: sees one decoded <c>batch</c> (the L1 block it landed in and its L2 blocks)
    /// and returns null to accept it or the reason to drop the whole batch; it replaces standard
    /// derivation's sequencing-window and max-sequencer-drift checks.
    /// </summary>
    public static HookSite Derivation { get; } = new(
        HookKind.Derivation,
        typeof(string),
        [new HookParameter("batch", typeof(DerivationBatchView))],
        typeof(Func<DerivationBatchView, string>));

    /// <summary>The site of a hook kind, or null when the engine has no API for it yet.</summary>
    public static HookSite? Find(HookKind kind) => kind switch
    {
        HookKind.Ordering => Ordering,
        HookKind.FeeDistribution => FeeDistribution,
        HookKind.ProverSelection => ProverSelection,
        HookKind.TransactionValidity => TransactionValidity,
        HookKind.Strategy => Strategy,
        HookKind.Derivation => Derivation,
        _ => null,
    };
}

/// <summary>
/// The names the compiled hook set is found by when it is loaded: the compiler
/// (ProtoScript.Scripting.Compiler's <c>HookSource</c>) writes them, this assembly reads them.
/// </summary>
internal static class HookSetNames
{
    /// <summary>The namespace of the generated class unless the caller names another.</summary>
    public const string DefaultNamespace = "ProtoScript.Generated";

    /// <summary>The namespace and name of the generated class.</summary>
    public const string ClassName = DefaultNamespace + ".HookSet";

    /// <summary>The name of hook <paramref name="index"/>'s method.</summary>
    public static string MethodName(int index) => "Hook" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
