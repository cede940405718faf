using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// What every construct binder shares: the binding state (the file being read, where
/// diagnostics go, the evaluator) and the readers of values, each checking one kind of value
/// with the same messages wherever it is used.
/// </summary>
internal abstract class ConstructBinder(BindingState state)
{
    /// <summary>The state all binders of one scenario share.</summary>
    protected BindingState State { get; } = state;

    /// <summary>The binders of the other constructs, which this one delegates nested blocks to.</summary>
    protected ConstructBinders Binders => State.Binders;

    /// <summary>The file being bound; an imported file while binding statements that come from it.</summary>
    protected SourceText Source
    {
        get => State.Source;
        set => State.Source = value;
    }

    /// <summary>Where problems go.</summary>
    protected DiagnosticBag Diagnostics => State.Diagnostics;

    /// <summary>Evaluates expressions into values.</summary>
    protected Evaluator Evaluator => State.Evaluator;

    private static readonly string[] DistributionNames = ["constant", "uniform", "exponential", "normal", "lognormal"];

    /// <summary>
    /// Whether one shared sequencer or builder holds every rollup of <paramref name="path"/>:
    /// only such a block producer can land all of a path's legs in one slot.
    /// </summary>
    protected static bool HasCommonBlockProducer(
        IReadOnlyCollection<string> path,
        ImmutableArray<SharedSequencerModel> sequencers,
        ImmutableArray<BuilderModel> builders) =>
        sequencers.Any(s => path.All(s.Rollups.Contains)) || builders.Any(b => path.All(b.Rollups.Contains));

    /// <summary>
    /// Refuses a combination on a rollup at its <c>sequencer</c> block, where the sequencer's
    /// setting that causes it is written, or at the rollup's name when it has none.
    /// </summary>
    protected void RefuseAtSequencer(EntrySyntax rollup, string message, string hint)
    {
        var line = rollup.Body?.Statements.OfType<EntrySyntax>().FirstOrDefault(e => e.Head.Text == "sequencer");
        Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, line?.Span ?? rollup.Head.Span, message, hint);
    }

    protected SourceLocation Location(TextSpan span)
    {
        var position = Source.GetPosition(span.Start);
        return new SourceLocation(Source.Path, position.Line, position.Column);
    }

    protected double? ReadPoisson(EntrySyntax users)
    {
        var value = Value(users);
        if (value is not CallValue { Name: "poisson" } call)
        {
            if (value is not ErrorValue)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`{users.Head.Text}` must be an arrival process, found {value.Describe()}", $"write `{users.Head.Text} = poisson(50 / s) on A`");
            }

            return null;
        }

        var args = Evaluator.Positional(call);
        if (args.Length != 1)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, call.Span, "`poisson` takes one rate", "e.g. `poisson(50 / s)`");
            return null;
        }

        if (!ExpectDimension(args[0], Dimension.Rate, "50 / s"))
        {
            return null;
        }

        var perSecond = (double)(((QuantityValue)args[0]).Magnitude * 1_000_000m);
        if (perSecond <= 0 || perSecond > 10_000_000)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, args[0].Span, "the arrival rate must be above 0 and at most 10_000_000 / s");
            return null;
        }

        return Accepted(call, perSecond);
    }

    /// <summary>
    /// One rollup in a list (`on A, B`, `for A, B`): the name if it is a plain name of a
    /// declared rollup; otherwise null, with the error (and a near-miss suggestion) reported.
    /// </summary>
    protected PathSyntax? ReadRollupName(ArgumentSyntax arg, Dictionary<string, EntrySyntax> rollups)
    {
        if (arg.Expression is not PathSyntax { Parts.Length: 1 } p)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, arg.Span, "expected a rollup name");
            return null;
        }

        if (!rollups.ContainsKey(p.Text))
        {
            var suggestion = NameSuggester.Suggest(p.Text, rollups.Keys);
            Diagnostics.Error(DiagnosticCodes.UnknownReference, Source, p.Span, $"no rollup named `{p.Text}`", suggestion is not null ? $"did you mean `{suggestion}`?" : "declared rollups: " + string.Join(", ", rollups.Keys));
            return null;
        }

        return p;
    }

    protected ImmutableArray<string> ReadTargets(EntrySyntax users, Dictionary<string, EntrySyntax> rollups)
    {
        var targets = EntryForms.On(users);
        if (targets.IsDefault)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, users.Span, $"`{users.Head.Text}` must say which rollups they use", "append `on A` or `on A, B`");
            return default;
        }

        var names = new List<string>();

        // Membership only (the list keeps the order): a list search made long target lists quadratic.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var arg in targets)
        {
            if (ReadRollupName(arg, rollups) is not { } p)
            {
                ok = false;
                continue;
            }

            if (!seen.Add(p.Text))
            {
                Diagnostics.Error(DiagnosticCodes.Duplicate, Source, p.Span, $"rollup `{p.Text}` is listed twice");
                ok = false;
                continue;
            }

            names.Add(p.Text);
        }

        return ok ? [.. names] : default;
    }

    protected DistributionModel? ReadDistribution(EntrySyntax entry, Dimension dimension)
    {
        ExtraArgs(entry, 0, "a distribution field takes just its value");
        return ReadDistributionValue(Value(entry), dimension, "1 gwei");
    }

    /// <summary>A distribution (or a plain quantity, a constant) whose parameters have <paramref name="dimension"/>; <paramref name="example"/> is what the hint shows.</summary>
    protected DistributionModel? ReadDistributionValue(BoundValue value, Dimension dimension, string example)
    {
        if (value is QuantityValue)
        {
            // A plain quantity is a constant distribution.
            return ExpectDimension(value, dimension, example) ? Accepted(value, new DistributionModel(DistributionKind.Constant, NonNegative(value), 0)) : null;
        }

        if (value is not CallValue call || !DistributionNames.Contains(call.Name))
        {
            if (value is not ErrorValue)
            {
                var hint = value is CallValue c2 && NameSuggester.Suggest(c2.Name, DistributionNames) is { } s
                    ? $"did you mean `{s}`?"
                    : "use one of: " + string.Join(", ", DistributionNames.Select(n => "`" + n + "(...)`"));
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value is CallValue c ? c.NameSpan : value.Span, $"expected a distribution, found {value.Describe()}", hint);
            }

            return null;
        }

        var args = Evaluator.Positional(call);
        var (kind, arity) = call.Name switch
        {
            "constant" => (DistributionKind.Constant, 1),
            "uniform" => (DistributionKind.Uniform, 2),
            "exponential" => (DistributionKind.Exponential, 1),
            "lognormal" => (DistributionKind.LogNormal, 2),
            _ => (DistributionKind.Normal, 2),
        };
        if (args.Length != arity)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, call.Span, $"`{call.Name}` takes {arity} argument{(arity == 1 ? string.Empty : "s")}, found {args.Length}");
            return null;
        }

        var ok = args.All(a => ExpectDimension(a, dimension, example));
        if (!ok)
        {
            return null;
        }

        var a0 = NonNegative(args[0]);
        var a1 = arity == 2 ? NonNegative(args[1]) : 0;
        if (kind == DistributionKind.LogNormal && a0 <= 0)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, args[0].Span, "the mean of `lognormal(mean, sd)` must be above zero");
            return null;
        }

        if (kind == DistributionKind.Uniform && a1 < a0)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, call.Span, "`uniform(low, high)` needs low <= high");
            return null;
        }

        return Accepted(call, new DistributionModel(kind, a0, a1));
    }

    protected double NonNegative(BoundValue value)
    {
        var q = (QuantityValue)value;
        if (q.Magnitude < 0)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, q.Span, "this value must not be negative");
            return 0;
        }

        return (double)q.Magnitude;
    }

    protected bool ExpectDimension(BoundValue value, Dimension dimension, string example)
    {
        if (value is ErrorValue)
        {
            return false;
        }

        if (value is QuantityValue q && q.Dimension == dimension && !q.IsPercent)
        {
            return true;
        }

        var units = Units.NamesFor(dimension);
        Diagnostics.Error(
            DiagnosticCodes.WrongUnit,
            Source,
            value.Span,
            $"expected {dimension.Describe()}, found {value.Describe()}",
            $"write it with a unit, e.g. `{example}`" + (units.Length > 0 ? $" (units: {units})" : string.Empty));
        return false;
    }

    /// <summary>A time within the bounds its schema field declares.</summary>
    protected SimDuration? ReadDuration(EntrySyntax entry, FieldSchema field) =>
        ReadDuration(entry, new SimDuration((long)field.Minimum!.Value), new SimDuration((long)field.Maximum!.Value));

    /// <summary>A whole number (of the field's unit, if any) within the bounds its schema field declares.</summary>
    protected ulong? ReadInteger(EntrySyntax entry, FieldSchema field) =>
        ReadInteger(entry, (ulong)field.Minimum!.Value, (ulong)field.Maximum!.Value, field.Kind switch
        {
            FieldKind.Gas => Dimension.Gas1,
            FieldKind.Size => Dimension.Bytes1,
            FieldKind.Bits => Dimension.Bits1,
            _ => null,
        });

    protected SimDuration? ReadDuration(EntrySyntax entry, SimDuration min, SimDuration max)
    {
        var value = ScalarValue(entry);
        return value is null ? null : ReadDurationValue(value, min, max, entry.Head.Text, "2 s");
    }

    /// <summary>
    /// The one time reader: a duration in whole microseconds within [<paramref name="min"/>, <paramref name="max"/>].
    /// <paramref name="field"/> names the value in the range message (null for a clause's operand, e.g. `at … for`).
    /// </summary>
    protected SimDuration? ReadDurationValue(BoundValue value, SimDuration min, SimDuration max, string? field, string example)
    {
        if (!ExpectDimension(value, Dimension.Duration, example))
        {
            return null;
        }

        if (field is not null)
        {
            Observe(field, value, FormattableString.Invariant($"{min.Microseconds} us"), FormattableString.Invariant($"{max.Microseconds} us"));
        }

        var us = ((QuantityValue)value).Magnitude;
        if (us != decimal.Truncate(us))
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, "times are simulated in whole microseconds; this one is finer", "round it to a whole number of microseconds");
            return null;
        }

        if (us < min.Microseconds || us > max.Microseconds)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, field is not null ? $"`{field}` must be between {min} and {max}" : us < min.Microseconds ? $"a time here must be at least {min}" : $"a time here must be at most {max}");
            return null;
        }

        return Accepted(value, new SimDuration((long)us));
    }

    protected void Observe(string? field, BoundValue value, string min, string max) =>
        ScenarioBinder.RangeObserver?.Invoke(new CheckedRange(field, Source, value.Span, min, max));

    protected ulong? ReadInteger(EntrySyntax entry, ulong min, ulong max, Dimension? dimension = null)
    {
        var value = ScalarValue(entry);
        return value is null ? null : ReadIntegerValue(value, min, max, dimension ?? Dimension.None, entry.Head.Text);
    }

    protected ulong? ReadIntegerValue(BoundValue value, ulong min, ulong max, Dimension dimension, string? what = null)
    {
        if (value is ErrorValue)
        {
            return null;
        }

        // A count of gas may be written with or without the `gas` unit.
        if (value is not QuantityValue q || q.IsPercent || (q.Dimension != dimension && !(dimension == Dimension.Gas1 && q.Dimension == Dimension.None)))
        {
            Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, value.Span, $"expected {(dimension == Dimension.None ? "a whole number" : dimension.Describe())}, found {value.Describe()}");
            return null;
        }

        var unit = dimension == Dimension.Bits1 ? " bits" : dimension == Dimension.Bytes1 ? " B" : string.Empty;
        Observe(what, value, FormattableString.Invariant($"{min}{unit}"), FormattableString.Invariant($"{max}{unit}"));
        if (q.Magnitude != decimal.Truncate(q.Magnitude) || q.Magnitude < min || q.Magnitude > max)
        {
            var label = what is null ? "this value" : $"`{what}`";
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, FormattableString.Invariant($"{label} must be a whole number between {min:N0} and {max:N0}").Replace(",", "_", StringComparison.Ordinal));
            return null;
        }

        return Accepted(value, (ulong)q.Magnitude);
    }

    protected UInt128? ReadWei(BoundValue value, UInt128 min, UInt128 max)
    {
        if (!ExpectDimension(value, Dimension.Ether1, "1 gwei"))
        {
            return null;
        }

        var q = (QuantityValue)value;
        Observe(null, value, FormattableString.Invariant($"{min} wei"), FormattableString.Invariant($"{max} wei"));
        if (q.Magnitude != decimal.Truncate(q.Magnitude) || q.Magnitude < 0)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, "amounts are whole, non-negative numbers of wei", "use fewer decimals or a smaller unit");
            return null;
        }

        var wei = (UInt128)q.Magnitude;
        if (wei < min || wei > max)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, $"this amount must be between {Wei.FormatEther(min)} and {Wei.FormatEther(max)}");
            return null;
        }

        return Accepted(value, wei);
    }

    /// <summary>The name <paramref name="entry"/> gives, one of <paramref name="choices"/>, or null with a diagnostic listing them.</summary>
    /// <param name="entry">The setting.</param>
    /// <param name="choices">The names it accepts.</param>
    /// <param name="otherForms">What else it accepts that is not a name (<c>csharp { ... }</c>), listed after them; null for nothing.</param>
    protected string? ReadChoice(EntrySyntax entry, ImmutableArray<string> choices, string? otherForms = null)
    {
        var value = ScalarValue(entry);
        if (value is NameValue n && choices.Contains(n.Path))
        {
            return Accepted(value, n.Path);
        }

        if (value is null or ErrorValue)
        {
            return null;
        }

        var suggestion = value is NameValue nv ? NameSuggester.Suggest(nv.Path, choices) : null;
        Diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            Source,
            value.Span,
            value is NameValue bad ? $"`{bad.Path}` is not a valid `{entry.Head.Text}`" : $"`{entry.Head.Text}` must be a name, found {value.Describe()}",
            (suggestion is not null ? $"did you mean `{suggestion}`? " : string.Empty) + "valid values: " + string.Join(", ", choices) + (otherForms is null ? string.Empty : ", " + otherForms));
        return null;
    }

    /// <summary>The value of a setting written either <c>name = value</c> or <c>name value</c>.</summary>
    protected BoundValue? ScalarValue(EntrySyntax entry)
    {
        if (entry.IsField)
        {
            if (entry.Args.Length > 0)
            {
                // Checked here so that the message is only formatted when it is reported.
                ExtraArgs(entry, 0, $"`{entry.Head.Text}` takes one value");
            }

            return Evaluated(entry, Evaluator.Evaluate(entry.Value!));
        }

        if (entry.Args.Length != 1)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Args.Length == 0 ? entry.Head.Span : entry.Args[1].Span.Cover(entry.Args[^1].Span), $"`{entry.Head.Text}` takes one value", $"write `{entry.Head.Text} = VALUE`");
            return null;
        }

        if (entry.Body is not null)
        {
            Diagnostics.Error(DiagnosticCodes.UnexpectedToken, Source, entry.Body.Span, $"`{entry.Head.Text}` does not take a block");
        }

        return Evaluated(entry, Evaluator.Evaluate(entry.Args[0].Expression));
    }

    /// <summary>
    /// The value of an entry whose arguments, if any, the caller reads itself (<c>users = ... on A</c>);
    /// unlike <see cref="ScalarValue"/> it does not reject arguments after a field's value.
    /// </summary>
    protected BoundValue Value(EntrySyntax entry) =>
        (entry.IsField ? Evaluated(entry, Evaluator.Evaluate(entry.Value!)) : ScalarValue(entry)) ?? new ErrorValue(entry.Span);

    /// <summary>Records in the bound tree the value read for <paramref name="entry"/>: every field's value passes through here.</summary>
    protected BoundValue Evaluated(EntrySyntax entry, BoundValue value)
    {
        State.Bound.Evaluated(entry, value);
        return value;
    }

    /// <summary>Marks in the bound tree the field whose value is <paramref name="value"/> as accepted, and returns what its reader made of it.</summary>
    protected T Accepted<T>(BoundValue value, T result)
    {
        State.Bound.Accepted(value, result);
        return result;
    }

    /// <summary>Marks in the bound tree the field written as <paramref name="entry"/> as accepted, when its reader reads more than one value (a block, a form).</summary>
    protected T Accepted<T>(EntrySyntax entry, T result)
    {
        State.Bound.Accepted(entry, result);
        return result;
    }

    /// <summary>The construct the bound tree holds for <paramref name="body"/>, once <see cref="Entries"/> has read it: what lowering reads.</summary>
    protected BoundConstruct? Construct(BodySyntax? body) => body is null ? null : State.Bound.ConstructOf(body);

    protected void ExtraArgs(EntrySyntax entry, int allowed, string message)
    {
        if (entry.Args.Length > allowed)
        {
            Diagnostics.Error(DiagnosticCodes.UnexpectedToken, Source, entry.Args[allowed].Span.Cover(entry.Args[^1].Span), "unexpected arguments: " + message);
        }
    }

    /// <summary>
    /// Indexes the entries of a block by name, reporting unknown names (with a suggestion),
    /// duplicates, and statements that are not entries.
    /// </summary>
    protected Dictionary<string, EntrySyntax> Entries(BodySyntax body, ConstructSchema schema, string where)
    {
        // The block is a construct of the bound tree, and each entry its schema knows one of its fields.
        State.Bound.Open(body, schema, Source);
        var result = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
        foreach (var statement in body.Statements)
        {
            if (statement is not EntrySyntax entry)
            {
                if (statement is ErrorStatementSyntax { HeadName: { } broken })
                {
                    State.Suggested.Add((body.Span.Start, broken));
                }

                ReportNotAnEntry(statement);
                continue;
            }

            var name = entry.Head.Text;
            var field = schema.Find(name);
            if (field is null)
            {
                if (Unknown(entry.Head, schema.Names, where) is { } suggestion)
                {
                    State.Suggested.Add((body.Span.Start, suggestion));
                }

                continue;
            }

            if (field.Repeatable)
            {
                continue;
            }

            if (result.TryGetValue(name, out var first))
            {
                var line = Source.GetPosition(first.Head.Span.Start).Line;
                Diagnostics.Error(DiagnosticCodes.Duplicate, Source, entry.Head.Span, $"`{name}` is already set {where} (line {line})", "remove one of them");
                continue;
            }

            result[name] = entry;
        }

        return result;
    }

    protected static IEnumerable<EntrySyntax> AllNamed(BodySyntax body, string name) =>
        body.Statements.OfType<EntrySyntax>().Where(e => e.Head.Text == name);

    protected string? Unknown(NameSyntax name, string[] known, string where)
    {
        var suggestion = NameSuggester.Suggest(name.Text, known);
        Diagnostics.Error(
            DiagnosticCodes.UnknownName,
            Source,
            name.Span,
            $"unknown name `{name.Text}` {where}",
            suggestion is not null ? $"did you mean `{suggestion}`?" : "expected one of: " + string.Join(", ", known));
        return suggestion;
    }

    protected void ReportNotAnEntry(StatementSyntax statement)
    {
        if (statement is ErrorStatementSyntax)
        {
            return; // already reported by the parser
        }

        Diagnostics.Error(DiagnosticCodes.UnexpectedToken, Source, statement.Span, "assertions are only allowed inside `expect`", "move it into `expect { ... }`");
    }

    protected void MissingField(TextSpan at, string field, string where, string example, BodySyntax? body = null)
    {
        if (body is not null && State.Suggested.Contains((body.Span.Start, field)))
        {
            return;
        }

        Diagnostics.Error(DiagnosticCodes.MissingField, Source, at, $"{where} is missing `{field}`", $"add `{example}`");
    }

    /// <summary>A percentage from 0 % to 100 %, as a fraction; <paramref name="example"/> is the value the hint shows.</summary>
    protected double? ReadShare(EntrySyntax entry, string example)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return null;
        }

        Observe(entry.Head.Text, value, "0 %", "100 %");
        if (value is not QuantityValue { IsPercent: true } percent || percent.Magnitude < 0 || percent.Magnitude > 1)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`{entry.Head.Text}` must be a percentage between 0 % and 100 %, found {value.Describe()}", $"e.g. `{entry.Head.Text} = {example}`");
            return null;
        }

        return Accepted(value, (double)percent.Magnitude);
    }

    protected HookModel Hook(HookKind kind, string owner, HookSyntax syntax)
    {
        var hook = new HookModel(kind, owner, syntax.Code, syntax.IsExpression, Source, syntax.CodeSpan);
        State.Hooks.Add(hook);
        State.Bound.HookBound(syntax, hook);
        return hook;
    }

    /// <summary>A clause's time operand (`at START for LENGTH`): any whole number of microseconds from 0.</summary>
    protected SimDuration? ReadTime(BoundValue value) =>
        ReadDurationValue(value, SimDuration.Zero, new SimDuration(long.MaxValue / 4), field: null, "10 min");

    /// <summary>The one boolean reader: `true` or `false`, with an optional <paramref name="help"/> line.</summary>
    protected bool? ReadBool(EntrySyntax entry, string? help = null)
    {
        var value = ScalarValue(entry);
        if (value is BoolValue b)
        {
            return Accepted(value, b.Value);
        }

        if (value is not (null or ErrorValue))
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`{entry.Head.Text}` must be `true` or `false`, found {value.Describe()}", help);
        }

        return null;
    }

    /// <summary>Runs <paramref name="bind"/> with diagnostics going to the file <paramref name="statement"/> was written in.</summary>
    protected T In<T>(StatementSyntax statement, Func<T> bind)
    {
        if (!State.Origins.TryGetValue(statement, out var origin) || ReferenceEquals(origin, Source))
        {
            return bind();
        }

        var (source, evaluatorSource) = (Source, Evaluator.Source);
        (Source, Evaluator.Source) = (origin, origin);
        try
        {
            return bind();
        }
        finally
        {
            (Source, Evaluator.Source) = (source, evaluatorSource);
        }
    }

    /// <summary>Runs <paramref name="bind"/> with diagnostics going to the file <paramref name="statement"/> was written in.</summary>
    protected void In(StatementSyntax statement, Action bind) => In<object?>(statement, () =>
    {
        bind();
        return null;
    });

    /// <summary>Reads an amount of ether or of a declared token, in its smallest unit.</summary>
    protected (string Token, UInt128 Amount)? ReadTokenAmount(BoundValue value)
    {
        if (value is ErrorValue)
        {
            return null;
        }

        var token = value is QuantityValue { IsPercent: false } q
            ? q.Dimension == Dimension.Ether1 ? "eth" : q.Dimension.Tokens == 1 && q.Dimension == Dimension.TokenAmount(q.Dimension.Token!) ? q.Dimension.Token : null
            : null;
        if (token is null)
        {
            var declared = State.TokenOrder.Count == 0 ? "declare tokens with `token usdc { decimals = 6 }`" : "units: eth, " + string.Join(", ", State.TokenOrder.Select(t => t.Name));
            Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, value.Span, $"expected an amount of a token, found {value.Describe()}", declared);
            return null;
        }

        var magnitude = ((QuantityValue)value).Magnitude;
        if (magnitude <= 0)
        {
            // Used for pool reserves, account funding and prices alike: say what is wrong with the value, not what it is for.
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, $"a token amount here must be more than zero, found `{Source.GetText(value.Span)}`", $"give a positive amount, or leave {token} out");
            return null;
        }

        if (magnitude != decimal.Truncate(magnitude))
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, $"`{Source.GetText(value.Span)}` is not a whole number of {token}'s smallest unit", "use fewer decimals");
            return null;
        }

        return Accepted(value, (token, (UInt128)magnitude));
    }

    /// <summary>
    /// Matches a call's positional and named arguments to the parameters of its schema; reports unknown,
    /// repeated and missing ones. Returns null after an error.
    /// </summary>
    protected Dictionary<string, BoundValue>? CallArguments(CallValue call, ConstructSchema schema)
    {
        var parameters = schema.Names;
        var result = new Dictionary<string, BoundValue>(StringComparer.Ordinal);
        var ok = true;
        var position = 0;
        foreach (var (name, value) in call.Args)
        {
            var parameter = name;
            if (parameter is null)
            {
                if (position >= parameters.Length)
                {
                    Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`{call.Name}` takes at most {parameters.Length} arguments", $"parameters: {string.Join(", ", parameters)}");
                    ok = false;
                    continue;
                }

                parameter = parameters[position++];
            }
            else if (!parameters.Contains(parameter))
            {
                var suggestion = NameSuggester.Suggest(parameter, parameters);
                Diagnostics.Error(DiagnosticCodes.UnknownName, Source, value.Span, $"`{call.Name}` has no parameter `{parameter}`", suggestion is not null ? $"did you mean `{suggestion}`?" : $"parameters: {string.Join(", ", parameters)}");
                ok = false;
                continue;
            }

            if (!result.TryAdd(parameter, value))
            {
                Diagnostics.Error(DiagnosticCodes.Duplicate, Source, value.Span, $"`{parameter}` is given twice to `{call.Name}`");
                ok = false;
            }
        }

        // A misspelt name already explains why its parameter is missing.
        foreach (var missing in ok ? schema.Fields.Where(p => p.Required && !result.ContainsKey(p.Name)).Select(p => p.Name) : [])
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, call.Span, $"`{call.Name}` is missing `{missing}`", $"parameters: {string.Join(", ", parameters)}");
            ok = false;
        }

        return ok ? result : null;
    }
}
