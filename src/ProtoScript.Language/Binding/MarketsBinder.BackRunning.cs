using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <content>
/// <c>back_runners</c> and <c>back_run_min_profit</c> in <c>workload</c>. What the back-runners
/// may trade on depends on each target rollup's ordering, PBS, express lane and shared
/// sequencing, which are bound after the workload, so that check comes from
/// <see cref="CheckBackRunning"/>.
/// </content>
internal sealed partial class MarketsBinder
{
    private TextSpan? _backRunnersAt;
    private ImmutableArray<string> _backRunTargets;

    private TradingModel BindBackRunners(Dictionary<string, EntrySyntax> fields, ImmutableArray<string> targets, TradingModel trading)
    {
        if (!fields.TryGetValue("back_runners", out var entry) || ReadInteger(entry, SchemaCatalog.Workload["back_runners"]) is not { } count)
        {
            if (fields.TryGetValue("back_run_min_profit", out var orphan) && !fields.ContainsKey("back_runners"))
            {
                Diagnostics.Error(DiagnosticCodes.MissingField, Source, orphan.Span, "`back_run_min_profit` without `back_runners`: nobody back-runs", "add `back_runners = 2`, or remove `back_run_min_profit`");
            }

            return trading;
        }

        trading = trading with { BackRunners = (int)count };
        if (count == 0)
        {
            return trading;
        }

        if (!fields.ContainsKey("swaps") || trading.SwapShare <= 0)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "back-runners need users' swaps to trade behind, and the workload sends none", "add `swaps = 30 %` to the workload");
        }

        // A target without a pool is already an error at `swaps`: one mistake, one diagnostic.
        if (fields.TryGetValue("back_run_min_profit", out var minEntry) && ScalarValue(minEntry) is { } minValue && ReadTokenAmount(minValue) is { } min)
        {
            trading = trading with { BackRunMinProfit = min.Amount, BackRunMinProfitToken = min.Token };
        }

        _backRunnersAt = entry.Span;
        _backRunTargets = targets;
        return trading;
    }

    /// <summary>
    /// Back-running is modelled only where a tip equal to the user's lands the back-run right
    /// behind the user's swap: the built-in <c>priority_fee</c> ordering by one sequencer. Every
    /// other producer is refused here rather than silently back-run some other way.
    /// </summary>
    internal void CheckBackRunning(IReadOnlyList<RollupModel> rollups, TradingModel trading, ImmutableArray<SharedSequencerModel> sequencers, ImmutableArray<BuilderModel> builders)
    {
        if (_backRunnersAt is not { } at || _backRunTargets.IsDefault)
        {
            return;
        }

        foreach (var rollup in rollups.Where(r => _backRunTargets.Contains(r.Name)))
        {
            var why = rollup.OrderingHook is not null ? "an ordering hook decides where the back-run lands"
                : rollup.Ordering != OrderingRule.PriorityFee ? $"`ordering = {OrderingName(rollup.Ordering)}` does not put a back-run right behind the swap it follows"
                : rollup.Pbs is not null ? "it uses PBS, whose builders order bundles by their own rules"
                : rollup.ExpressLane is not null ? "its express lane delays everyone but the round's holder"
                : rollup.Flashblocks is not null ? "Flashblocks seal sub-blocks in between"
                : sequencers.Any(s => s.Rollups.Contains(rollup.Name)) ? "a shared sequencer orders it"
                : builders.Any(b => b.Rollups.Contains(rollup.Name)) ? "a cross-chain builder orders it"
                : null;
            if (why is not null)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, at, $"back-running on rollup `{rollup.Name}` is not modelled: {why}", $"give rollup `{rollup.Name}` `ordering = priority_fee` and one plain sequencer, or remove `back_runners`");
                continue;
            }

            if (rollup.Amms.Length > 0 && rollup.Amms[0].BaseToken != "eth")
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, at, $"back-runners value their gas in the first pool's quote token, so rollup `{rollup.Name}`'s first pool must trade eth, not {rollup.Amms[0].BaseToken}", $"declare an `amm \"ETH/...\"` first on rollup `{rollup.Name}`");
            }
            else if (rollup.Amms.Length > 0 && trading.BackRunMinProfitToken is { } token && token != rollup.Amms[0].QuoteToken)
            {
                Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, at, $"`back_run_min_profit` is in {token}, but rollup `{rollup.Name}`'s first pool is quoted in {rollup.Amms[0].QuoteToken}", $"write it in {rollup.Amms[0].QuoteToken}");
            }
        }
    }

    private static string OrderingName(OrderingRule rule) => rule switch
    {
        OrderingRule.Fcfs => "fcfs",
        OrderingRule.Random => "random",
        OrderingRule.Auction => "auction",
        _ => "priority_fee",
    };
}
