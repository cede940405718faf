using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>The workload's <c>arbitrage_strategy = csharp ...</c> hook.</summary>
internal sealed class StrategyBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The arbitrageurs' strategy hook, or null when the workload has none.</summary>
    internal HookModel? BindArbitrageStrategy(Dictionary<string, EntrySyntax> fields, TradingModel trading)
    {
        if (!fields.TryGetValue("arbitrage_strategy", out var entry))
        {
            return null;
        }

        return In(entry, () =>
        {
            if (entry is not { IsField: true, Value: HookSyntax hook })
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`arbitrage_strategy` takes a C# hook", "write `arbitrage_strategy = csharp => best` (the built-in trade) or `csharp { ... return trade; }`");
                return null;
            }

            ExtraArgs(entry, 0, "a hook is the whole value of `arbitrage_strategy`");
            if (trading.Arbitrageurs == 0)
            {
                Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Head.Span, "`arbitrage_strategy` needs arbitrageurs to run it", "add `arbitrageurs = 3` and a `cex_price`");
                return null;
            }

            return Hook(HookKind.Strategy, "workload arbitrage_strategy", hook);
        });
    }
}
