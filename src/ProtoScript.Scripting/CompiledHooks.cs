using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using ProtoScript.Engine.Randomness;
using ProtoScript.Engine.Simulation;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Scripting;

/// <summary>
/// A scenario's hooks, compiled and bound to typed delegates once: the scripted path's
/// <see cref="IRuleProvider"/>, so a run uses the hooks directly at every site
/// (<c>Simulator.Run(model, new SimulationOptions { Rules = hooks })</c>). Dispose it when the runs are done: the compiled
/// code lives in a collectible load context that is then unloaded.
/// </summary>
public sealed class CompiledHooks : IRuleProvider, IDisposable
{
    /// <summary>The name of every load context that holds compiled hooks.</summary>
    public const string LoadContextName = "ProtoScript.Hooks";

    private readonly ImmutableArray<Delegate> _delegates;
    private readonly HookOptions _options;
    private AssemblyLoadContext? _context;

    private CompiledHooks(ImmutableArray<HookModel> hooks, ImmutableArray<Delegate> delegates, HookOptions options, AssemblyLoadContext? context, bool fromCache)
    {
        Hooks = hooks;
        _delegates = delegates;
        _options = options;
        _context = context;
        FromCache = fromCache;
    }

    /// <summary>The hooks, in the order they were compiled.</summary>
    public ImmutableArray<HookModel> Hooks { get; }

    /// <summary>True when the code was loaded from the on-disk cache without running the C# compiler.</summary>
    public bool FromCache { get; }

    /// <summary>The context holding the compiled code, until <see cref="Dispose"/>.</summary>
    internal AssemblyLoadContext? LoadContext => _context;

    /// <summary>The ordering rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not an ordering hook.</exception>
    public HookOrderingRule OrderingRule(HookModel hook)
    {
        var compare = DelegateOf<Func<TransactionView, TransactionView, int>>(hook, "an ordering");
        return new HookOrderingRule(hook, compare, _options);
    }

    /// <summary>The fee distribution that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a fee-distribution hook.</exception>
    public HookFeeDistributor FeeDistributor(HookModel hook)
    {
        var distribute = DelegateOf<Action<FeeBlockView>>(hook, "a fee-distribution");
        return new HookFeeDistributor(hook, distribute, _options);
    }

    /// <summary>The chooser that runs <paramref name="hook"/>, drawing its randomness from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a prover-selection hook.</exception>
    public HookProverChooser ProverChooser(HookModel hook, RandomStream random)
    {
        var choose = DelegateOf<Func<ProverList, ProofBlockView, HookRandom, int>>(hook, "a prover-selection");
        return new HookProverChooser(hook, choose, _options, random);
    }

    /// <summary>The validity rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a validity hook.</exception>
    public HookValidityRule ValidityRule(HookModel hook)
    {
        var accepts = DelegateOf<Func<TransactionView, SenderView, long, TimeSpan, bool>>(hook, "a validity");
        return new HookValidityRule(hook, accepts, _options);
    }

    /// <summary>The arbitrage strategy that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a strategy hook.</exception>
    public HookArbitrageStrategy Strategy(HookModel hook)
    {
        var decide = DelegateOf<Func<MarketView, ArbitrageurView, ArbitrageTrade, TimeSpan, ArbitrageTrade>>(hook, "a strategy");
        return new HookArbitrageStrategy(hook, decide, _options);
    }

    /// <summary>The express-lane bid rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not an express-lane bid hook.</exception>
    public HookExpressLaneBid ExpressLaneBid(HookModel hook)
    {
        var bid = DelegateOf<Func<ExpressLaneAuctionView, ExpressLaneBidderView, MarketView, UInt128>>(hook, "an express-lane bid");
        return new HookExpressLaneBid(hook, bid, _options);
    }

    /// <summary>The PBS builder's bid rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a builder-bid hook.</exception>
    public HookBuilderBid BuilderBid(HookModel hook)
    {
        var bid = DelegateOf<Func<BuilderBidView, UInt128>>(hook, "a builder-bid");
        return new HookBuilderBid(hook, bid, _options);
    }

    /// <summary>The PBS builder's ordering rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a builder-strategy hook.</exception>
    public HookBuilderStrategy BuilderStrategy(HookModel hook)
    {
        var order = DelegateOf<Func<BuilderPoolView, int[]>>(hook, "a builder-strategy");
        return new HookBuilderStrategy(hook, order, _options);
    }

    /// <summary>The base fee rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a base-fee-market hook.</exception>
    public HookBaseFeeRule BaseFeeRule(HookModel hook)
    {
        var price = DelegateOf<Func<BaseFeeParentView, UInt128>>(hook, "a base-fee-market");
        return new HookBaseFeeRule(hook, price, _options);
    }

    /// <summary>The BFT proposer rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a bft-proposer hook.</exception>
    public HookProposerRule ProposerRule(HookModel hook)
    {
        var choose = DelegateOf<Func<ProposerView, int>>(hook, "a bft-proposer");
        return new HookProposerRule(hook, choose, _options);
    }

    /// <summary>The market prover's bid rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a prover-bid hook.</exception>
    public HookProverBid ProverBid(HookModel hook)
    {
        var bid = DelegateOf<Func<ProverBidView, UInt128>>(hook, "a prover-bid");
        return new HookProverBid(hook, bid, _options);
    }

    /// <summary>The DA cost split that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a da-cost-split hook.</exception>
    public HookDaCostSplit DaCostSplit(HookModel hook)
    {
        var split = DelegateOf<Func<CostSplitView, UInt128[]>>(hook, "a da-cost-split");
        return new HookDaCostSplit(hook, split, _options);
    }

    /// <summary>The external network's fee rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a shared-sequencer-fee hook.</exception>
    public HookSharedSequencerFee SharedSequencerFee(HookModel hook)
    {
        var fee = DelegateOf<Func<SequencerFeeView, UInt128>>(hook, "a shared-sequencer-fee");
        return new HookSharedSequencerFee(hook, fee, _options);
    }

    /// <summary>The batcher's auto choice that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a da-choice hook.</exception>
    public HookDaChoice DaChoice(HookModel hook)
    {
        var choose = DelegateOf<Func<DaChoiceView, DaChoice>>(hook, "a da-choice");
        return new HookDaChoice(hook, choose, _options);
    }

    /// <summary>The derivation rule that runs <paramref name="hook"/>.</summary>
    /// <exception cref="ArgumentException">The hook was not compiled here or is not a derivation hook.</exception>
    public HookDerivationRule DerivationRule(HookModel hook)
    {
        var check = DelegateOf<Func<DerivationBatchView, string?>>(hook, "a derivation");
        return new HookDerivationRule(hook, check, _options);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A prover-selection hook was given no random stream.</exception>
    public object? Create(HookModel hook, RandomStream? random)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (!Hooks.Contains(hook))
        {
            return null;
        }

        return hook.Kind switch
        {
            HookKind.Ordering => OrderingRule(hook),
            HookKind.FeeDistribution => FeeDistributor(hook),
            HookKind.ProverSelection => ProverChooser(hook, random ?? throw new ArgumentException("A prover-selection rule needs its random stream.", nameof(random))),
            HookKind.TransactionValidity => ValidityRule(hook),
            HookKind.Strategy => Strategy(hook),
            HookKind.Derivation => DerivationRule(hook),
            HookKind.ExpressLaneBid => ExpressLaneBid(hook),
            HookKind.BuilderBid => BuilderBid(hook),
            HookKind.BuilderStrategy => BuilderStrategy(hook),
            HookKind.BaseFeeMarket => BaseFeeRule(hook),
            HookKind.BftProposer => ProposerRule(hook),
            HookKind.ProverBid => ProverBid(hook),
            HookKind.DaCostSplit => DaCostSplit(hook),
            HookKind.SharedSequencerFee => SharedSequencerFee(hook),
            HookKind.DaChoice => DaChoice(hook),
            _ => null,
        };
    }

    /// <summary>Unloads the compiled code once nothing refers to it any more.</summary>
    public void Dispose()
    {
        _context?.Unload();
        _context = null;
    }

    internal static CompiledHooks Empty(HookOptions options) => new([], [], options, null, fromCache: false);

    /// <summary>Loads an assembly produced by ProtoScript.Scripting.Compiler's <c>HookCompiler</c>; returns null when it is not one (a corrupt cache file).</summary>
    internal static CompiledHooks? Load(byte[] image, IReadOnlyList<HookModel> hooks, HookOptions options, bool fromCache)
    {
        var context = new AssemblyLoadContext(LoadContextName, isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image, writable: false));
            var type = assembly.GetType(HookSetNames.ClassName, throwOnError: false);
            if (type is null)
            {
                context.Unload();
                return null;
            }

            var delegates = ImmutableArray.CreateBuilder<Delegate>(hooks.Count);
            for (var i = 0; i < hooks.Count; i++)
            {
                var site = RuleRegistry.Find(hooks[i].Kind)!.Signature;
                var method = type.GetMethod(HookSetNames.MethodName(i), BindingFlags.Public | BindingFlags.Static, [.. site.Parameters.Select(p => p.Type)]);
                if (method is null || method.ReturnType != site.ReturnType)
                {
                    context.Unload();
                    return null;
                }

                delegates.Add(method.CreateDelegate(site.DelegateType));
            }

            return new CompiledHooks([.. hooks], delegates.MoveToImmutable(), options, context, fromCache);
        }
        catch (BadImageFormatException)
        {
            context.Unload();
            return null;
        }
    }

    // The bound delegate of a hook compiled here, checked to be of its site's type.
    private TDelegate DelegateOf<TDelegate>(HookModel hook, string site)
        where TDelegate : Delegate =>
        _delegates[IndexOf(hook)] as TDelegate
            ?? throw new ArgumentException($"Hook {hook.Owner} is a {hook.Kind} hook, not {site} hook.", nameof(hook));

    private int IndexOf(HookModel hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var index = Hooks.IndexOf(hook);
        return index >= 0 ? index : throw new ArgumentException($"Hook {hook.Owner} was not compiled with this set.", nameof(hook));
    }
}
