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
        uint operatorScalar = 0;
        UInt128 operatorConstant = 0;
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

                // A stack's rule pays its own vaults; its shares only divide the operator's revenue, all of it to the sequencer unless given.
                var schema = named == FeeSplitRule.OpStack ? SchemaCatalog.OpStackSplit : SchemaCatalog.FeeSplit;
                if (named != FeeSplitRule.Split && !body.Statements.OfType<EntrySyntax>().Any(e => SchemaCatalog.FeeSplit.Contains(e.Head.Text)))
                {
                    // A block without shares is still the rule's construct (editors and the bound tree see it).
                    var stackFields = Entries(body, schema, $"in the fee split of {owner}");
                    shares = FeesModel.SequencerTakesAll;
                    (operatorScalar, operatorConstant) = BindOperatorFee(stackFields, schema);
                }
                else
                {
                    shares = BindSplit(body, owner, schema, out var splitFields) ?? shares;
                    if (named == FeeSplitRule.OpStack)
                    {
                        (operatorScalar, operatorConstant) = BindOperatorFee(splitFields, schema);
                    }
                }

                if (named != FeeSplitRule.Split && fields.TryGetValue("base_fee", out var stackBaseFee))
                {
                    Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, stackBaseFee.Span, $"`base_fee` does not apply to `distribute = {name}`: the rule decides where base fees go", $"remove `base_fee`, or use `distribute = split {{ ... }}`");
                }
            }
            else
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, distribute.Value?.Span ?? distribute.Span, $"`distribute` must be {BuiltInRules} or a C# hook", "write `distribute = split { sequencer = 30 %  treasury = 70 % }` or `distribute = csharp { Pay(Role.Treasury, block.Remaining); }`");
            }
        }

        var market = fields.TryGetValue("base_fee_market", out var m) ? BindBaseFeeMarket(m, owner, hookOwner) : null;
        return new FeesModel(l1DataFee, baseFee, shares) { IssuancePerBlock = issuance, IssuanceTo = issuanceTo, Rule = rule, Hook = hook, BaseFeeMarket = market, OperatorFeeScalar = operatorScalar, OperatorFeeConstant = operatorConstant };
    }

    /// <summary>Binds <c>base_fee_market = eip1559 { ... }</c> or <c>speed_limit { ... }</c> (the given settings over the OP Stack's or Arbitrum One's), or <c>csharp ...</c>.</summary>
    private BaseFeeMarketModel? BindBaseFeeMarket(EntrySyntax entry, string owner, string hookOwner)
    {
        if (entry is { IsField: true, Value: HookSyntax code })
        {
            ExtraArgs(entry, 0, "a hook is the whole value of `base_fee_market`");
            return new BaseFeeMarketModel(BaseFeeMarketKind.Hooked, 0) { Hook = Hook(HookKind.BaseFeeMarket, hookOwner + " base_fee_market", code) };
        }

        if (entry is not { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: var kind }, Body: var body } } || kind is not ("eip1559" or "speed_limit"))
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Value?.Span ?? entry.Span, "`base_fee_market` must be `eip1559 { ... }`, `speed_limit { ... }` or a C# hook", "write `base_fee_market = eip1559 { elasticity = 6  denominator = 250 }`, `base_fee_market = speed_limit { limit = 7_000_000 gas / s }` or `base_fee_market = csharp => BaseFeeParentView.Gwei(2)`");
            return null;
        }

        ExtraArgs(entry, 0, "`base_fee_market` takes one value");
        if (kind == "eip1559")
        {
            var schema = SchemaCatalog.Eip1559BaseFee;
            var fields = Entries(body, schema, $"in the EIP-1559 base fee of {owner}");
            var model = new BaseFeeMarketModel(BaseFeeMarketKind.Eip1559, 0);
            if (fields.TryGetValue("elasticity", out var e) && ReadInteger(e, schema["elasticity"]) is { } elasticity)
            {
                model = model with { Elasticity = elasticity };
            }

            if (fields.TryGetValue("denominator", out var d) && ReadInteger(d, schema["denominator"]) is { } denominator)
            {
                model = model with { Denominator = denominator };
            }

            return fields.TryGetValue("min", out var min) && ScalarValue(min) is { } floor && ReadWei(floor, 0, Wei.PerEther) is { } wei
                ? model with { Min = wei }
                : model;
        }

        var speed = SchemaCatalog.SpeedLimitBaseFee;
        var speedFields = Entries(body, speed, $"in the speed-limit base fee of {owner}");
        var limited = new BaseFeeMarketModel(BaseFeeMarketKind.SpeedLimit, BaseFeeMarketModel.ArbitrumMinBaseFee);
        if (speedFields.TryGetValue("limit", out var l) && ReadGasPerSecond(l) is { } limit)
        {
            limited = limited with { SpeedLimitPerSecond = limit };
        }

        if (speedFields.TryGetValue("tolerance", out var t) && ReadDuration(t, speed["tolerance"]) is { } tolerance)
        {
            limited = limited with { Tolerance = tolerance };
        }

        if (speedFields.TryGetValue("inertia", out var i) && ReadInteger(i, speed["inertia"]) is { } inertia)
        {
            limited = limited with { Inertia = inertia };
        }

        return speedFields.TryGetValue("min", out var floorEntry) && ScalarValue(floorEntry) is { } minimum && ReadWei(minimum, 1, Wei.PerEther) is { } minWei
            ? limited with { Min = minWei }
            : limited;
    }

    /// <summary>A speed limit: gas per second, written <c>7_000_000 gas / s</c> (or <c>7_000_000 / s</c>), whole.</summary>
    private ulong? ReadGasPerSecond(EntrySyntax entry)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return null;
        }

        if (value is not QuantityValue { IsPercent: false } q || (q.Dimension != Dimension.Rate && q.Dimension != Dimension.Gas1 / Dimension.Duration))
        {
            Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, value.Span, $"expected gas per time, found {value.Describe()}", "write `limit = 7_000_000 gas / s`");
            return null;
        }

        // The magnitude is per microsecond; one past the bound is out of range before scaling could overflow a decimal.
        var perSecond = q.Magnitude > 1_000_000m ? decimal.MaxValue : q.Magnitude * 1_000_000m;
        if (perSecond < 1 || perSecond > 1_000_000_000_000m || perSecond != decimal.Truncate(perSecond))
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, "`limit` must be a whole number of gas per second between 1 and 1_000_000_000_000", "e.g. `limit = 7_000_000 gas / s`");
            return null;
        }

        return Accepted(value, (ulong)perSecond);
    }

    /// <summary>The Isthmus operator fee of <c>op_stack { ... }</c>: its scalar and constant, 0 when not given.</summary>
    private (uint Scalar, UInt128 Constant) BindOperatorFee(IReadOnlyDictionary<string, EntrySyntax> fields, ConstructSchema schema)
    {
        uint scalar = 0;
        UInt128 constant = 0;
        if (fields.TryGetValue("operator_fee_scalar", out var s) && ReadInteger(s, schema["operator_fee_scalar"]) is { } read)
        {
            scalar = (uint)read;
        }

        if (fields.TryGetValue("operator_fee_constant", out var c) && ScalarValue(c) is { } value and not ErrorValue && ReadWei(value, 0, ulong.MaxValue) is { } wei)
        {
            constant = wei;
        }

        return (scalar, constant);
    }

    private ImmutableArray<FeeShareModel>? BindSplit(BodySyntax body, string owner, ConstructSchema schema, out IReadOnlyDictionary<string, EntrySyntax> fields)
    {
        var entries = Entries(body, schema, $"in the fee split of {owner}");
        fields = entries;
        var shares = ImmutableArray.CreateBuilder<FeeShareModel>();
        var failed = false;
        ulong total = 0;

        // Source order: the first role listed receives the rounding remainder.
        foreach (var entry in body.Statements.OfType<EntrySyntax>().Where(e => SchemaCatalog.FeeSplit.Contains(e.Head.Text) && entries.TryGetValue(e.Head.Text, out var f) && f == e))
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
