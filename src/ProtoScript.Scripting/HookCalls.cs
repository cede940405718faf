using ProtoScript.Hooks;

namespace ProtoScript.Scripting;

// One call of a hook's method per site. The compiled engine's emitted code implements them
// with structs that call the hook's static method; a site's generic Run, specialised by the JIT
// for such a struct, then calls the hook directly (no delegate, no virtual call). The scripted
// path implements them with structs around the bound delegate, so both paths share one Run:
// the same budget bracket, the same checks of what the hook returns, the same diagnostics.

/// <summary>Calls an ordering hook.</summary>
public interface IOrderingHookCall
{
    /// <summary>Compares <paramref name="x"/> with <paramref name="y"/>.</summary>
    int Invoke(TransactionView x, TransactionView y);
}

/// <summary>Calls a fee-distribution hook.</summary>
public interface IFeeDistributionHookCall
{
    /// <summary>Distributes <paramref name="block"/>'s fees with <c>Pay</c>.</summary>
    void Invoke(FeeBlockView block);
}

/// <summary>Calls a prover-selection hook.</summary>
public interface IProverSelectionHookCall
{
    /// <summary>The index of the prover that proves <paramref name="block"/>.</summary>
    int Invoke(ProverList provers, ProofBlockView block, HookRandom random);
}

/// <summary>Calls a transaction-validity hook.</summary>
public interface IValidityHookCall
{
    /// <summary>True to let <paramref name="tx"/> execute.</summary>
    bool Invoke(TransactionView tx, SenderView sender, long block, TimeSpan now);
}

/// <summary>Calls an arbitrage-strategy hook.</summary>
public interface IStrategyHookCall
{
    /// <summary>The trade to send.</summary>
    ArbitrageTrade Invoke(MarketView market, ArbitrageurView me, ArbitrageTrade best, TimeSpan now);
}

/// <summary>Calls a derivation hook.</summary>
public interface IDerivationHookCall
{
    /// <summary>Null to accept <paramref name="batch"/>, else why it is dropped.</summary>
    string? Invoke(DerivationBatchView batch);
}
