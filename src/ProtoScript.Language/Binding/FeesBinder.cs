using System.Collections.Immutable;
using ProtoScript.Hooks;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>A rollup's <c>fees { ... }</c> block: who receives its fees.</summary>
internal sealed class FeesBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>Binds a rollup's own <c>fees</c> block.</summary>
    internal FeesModel? BindFees(EntrySyntax entry, string rollup) => BindFees(entry, $"rollup `{rollup}`", $"rollup {rollup} fees");

    /// <summary>Binds a <c>fees</c> block; <paramref name="owner"/> names it in messages, <paramref name="hookOwner"/> names its hook.</summary>
    internal FeesModel? BindFees(EntrySyntax entry, string owner, string hookOwner)
    {
        ExtraArgs(entry, 0, "`fees` takes a block, e.g. `fees { distribute = split { sequencer = 100 % } }`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`fees` needs a block in braces", "write `fees { distribute = split { sequencer = 30 %  treasury = 70 % } }`");
            return null;
        }

        var fields = Entries(entry.Body, SchemaCatalog.Fees, $"in the fees of {owner}");
        if (fields.TryGetValue("l1_data_fee", out var l1))
        {
            ReadBool(l1, "write `l1_data_fee = true`");
        }

        if (fields.TryGetValue("base_fee", out var bf))
        {
            ReadChoice(bf, SchemaCatalog.Fees["base_fee"].Choices);
        }

        if (fields.TryGetValue("issuance", out var iss))
        {
            var value = ScalarValue(iss);
            if (value is PerValue { Per: "block" } per)
            {
                ReadWei(per.Value, UInt128.Zero, Wei.PerEther * 1_000_000);
            }
            else if (value is not null and not ErrorValue)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`issuance` is an amount per block, found {value.Describe()}", "write `issuance = 0.01 eth per block`");
            }
        }

        if (fields.TryGetValue("issuance_to", out var to))
        {
            ReadChoice(to, SchemaCatalog.Fees["issuance_to"].Choices);
        }

        // Lowering of the plain fields: the bound construct's accepted values, defaults for the rest.
        var fees = Construct(entry.Body)!;
        var l1DataFee = fees.Boolean("l1_data_fee") ?? false;
        var baseFee = fees.Choice("base_fee") is { } choice && choice != "burn" ? Recipient(choice) : Role.Burned;
        var issuance = fees.Wei("issuance") ?? 0;
        var issuanceTo = fees.Choice("issuance_to") is { } role ? Recipient(role) : Role.Treasury;

        var shares = FeesModel.SequencerTakesAll;
        var rule = FeeSplitRule.Split;
        HookModel? hook = null;
        if (fields.TryGetValue("distribute", out var distribute))
        {
            if (distribute is { IsField: true, Value: HookSyntax code })
            {
                ExtraArgs(distribute, 0, "a hook is the whole value of `distribute`");
                hook = Hook(HookKind.FeeDistribution, hookOwner, code);
                shares = [];
            }
            else if (distribute is { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: var name }, Body: var body } } && FeeSplitRuleNames.Parse(name) is { } named)
            {
                // Every built-in fee rule divides what it distributes by the same role shares.
                ExtraArgs(distribute, 0, "`distribute` takes one value");
                rule = named;
                shares = BindSplit(body, owner) ?? shares;
            }
            else
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, distribute.Value?.Span ?? distribute.Span, $"`distribute` must be {BuiltInRules} or a C# hook", "write `distribute = split { sequencer = 30 %  treasury = 70 % }` or `distribute = csharp { Pay(Role.Treasury, block.Remaining); }`");
            }
        }

        return new FeesModel(l1DataFee, baseFee, shares) { IssuancePerBlock = issuance, IssuanceTo = issuanceTo, Rule = rule, Hook = hook };
    }

    private ImmutableArray<FeeShareModel>? BindSplit(BodySyntax body, string owner)
    {
        var fields = Entries(body, SchemaCatalog.FeeSplit, $"in the fee split of {owner}");
        var shares = ImmutableArray.CreateBuilder<FeeShareModel>();
        var failed = false;
        ulong total = 0;

        // Source order: the first role listed receives the rounding remainder.
        foreach (var entry in body.Statements.OfType<EntrySyntax>().Where(e => fields.TryGetValue(e.Head.Text, out var f) && f == e))
        {
            var value = ScalarValue(entry);
            if (value is null or ErrorValue)
            {
                failed = true;
                continue;
            }

            var ppm = value is QuantityValue { IsPercent: true } q ? q.Magnitude * 1_000_000m : -1m;
            if (ppm < 0 || ppm > 1_000_000m || ppm != decimal.Truncate(ppm))
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"a share must be a percentage between 0 % and 100 % with at most four decimals, found {value.Describe()}", $"e.g. `{entry.Head.Text} = 30 %`");
                failed = true;
                continue;
            }

            Accepted(value, ppm);
            total += (ulong)ppm;
            shares.Add(new FeeShareModel(Recipient(entry.Head.Text), (uint)ppm));
        }

        if (failed)
        {
            return null;
        }

        if (total != 1_000_000)
        {
            var percent = (total / 10_000m).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, body.Span, $"the shares of the fee split add up to {percent} %, not 100 %", "make the shares sum to exactly 100 %");
            return null;
        }

        return shares.ToImmutable();
    }

    // Named from the rules' table, so the message lists a new built-in rule without an edit here.
    private static string BuiltInRules => string.Join(" or ", FeeSplitRuleNames.All.Select(n => $"`{n} {{ ... }}`"));

    private static Role Recipient(string name) => name switch
    {
        "sequencer" => Role.Sequencer,
        "builder" => Role.Builder,
        "prover" => Role.Prover,
        "data_availability" => Role.DataAvailability,
        _ => Role.Treasury,
    };
}
