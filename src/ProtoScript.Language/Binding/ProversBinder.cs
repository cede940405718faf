using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>Provers and prover selection: <c>provers for A, B { ... }</c>.</summary>
internal sealed class ProversBinder(BindingState state) : ConstructBinder(state)
{
    private static readonly string[] ScopeChoices = ["block", "transaction"];

    private static readonly ImmutableArray<string> SelectionChoices = SchemaCatalog.Provers["selection"].Choices;

    internal ImmutableArray<ProversModel> BindAllProvers(BodySyntax scenario, Dictionary<string, EntrySyntax> rollups, ScenarioContext context)
    {
        var result = ImmutableArray.CreateBuilder<ProversModel>();

        // Which block proves each rollup, so that a second one is reported where it names the rollup again.
        var provenBy = new Dictionary<string, NameSyntax>(StringComparer.Ordinal);
        foreach (var entry in AllNamed(scenario, "provers"))
        {
            if (BindProvers(entry, rollups, provenBy, context) is { } provers)
            {
                result.Add(provers);
            }
        }

        return result.ToImmutable();
    }

    private ProversModel? BindProvers(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups, Dictionary<string, NameSyntax> provenBy, ScenarioContext context)
    {
        const string example = "provers for A { count = 4  selection = round_robin  proof_time = normal(30 s, 5 s) per block }";
        if (EntryForms.For(entry, named: false) is not { } clause)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Head.Span, "`provers` must say which rollups they prove", $"write `{example}`");
            return null;
        }

        var names = new List<string>();
        var ok = true;
        foreach (var arg in clause.Targets)
        {
            if (ReadRollupName(arg, rollups) is not { } p)
            {
                ok = false;
                continue;
            }

            if (provenBy.TryGetValue(p.Text, out var first))
            {
                var line = Source.GetPosition(first.Span.Start).Line;
                Diagnostics.Error(DiagnosticCodes.Duplicate, Source, p.Span, $"rollup `{p.Text}` is already proven by the `provers` block on line {line}", "a rollup has one set of provers: list it in one `provers` block");
                ok = false;
                continue;
            }

            provenBy[p.Text] = entry.Head;
            names.Add(p.Text);
        }

        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`provers` needs a block in braces", $"write `{example}`");
            return null;
        }

        var where = $"in `provers for {string.Join(", ", names)}`";
        var fields = Entries(entry.Body, SchemaCatalog.Provers, where);
        var provers = Construct(entry.Body)!;

        // Binding: each field read against the schema into the bound tree; a field that depends
        // on another (the proof time on the pipeline, the selection on the count) reads it from there.
        // A market that names its provers has one prover per `prover` block: `count` may be left out.
        var named = fields.TryGetValue("selection", out var sel) ? NamedMarketProvers(sel) : 0;
        if (fields.TryGetValue("count", out var countEntry))
        {
            if (ReadInteger(countEntry, SchemaCatalog.Provers["count"]) is { } written && named > 0 && (int)written != named)
            {
                Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, countEntry.Span, $"`count` is {written} but the market names {named} provers", "remove `count`: a market with named provers has one prover per `prover` block");
                ok = false;
            }
        }
        else if (named == 0)
        {
            MissingField(entry.Head.Span, "count", "`provers`", "count = 4", entry.Body);
        }

        if (fields.TryGetValue("pipeline", out var pipelineEntry))
        {
            ReadChoice(pipelineEntry, SchemaCatalog.Provers["pipeline"].Choices);
        }

        var pipeline = Pipeline(provers);
        if (fields.TryGetValue("proof_time", out var timeEntry))
        {
            ReadScopedDistribution(timeEntry, pipeline);
        }
        else
        {
            MissingField(entry.Head.Span, "proof_time", "`provers`", "proof_time = normal(30 s, 5 s) per block", entry.Body);
        }

        if (fields.TryGetValue("shards", out var shardsEntry))
        {
            ReadInteger(shardsEntry, SchemaCatalog.Provers["shards"]);
            if (pipeline != ProvingScope.Shard)
            {
                Diagnostics.Warning(DiagnosticCodes.Unused, Source, shardsEntry.Head.Span, "`shards` is only used with `pipeline = per_shard`", "remove it, or set `pipeline = per_shard`");
            }
        }
        else if (pipeline == ProvingScope.Shard)
        {
            MissingField(entry.Head.Span, "shards", "`provers` with `pipeline = per_shard`", "shards = 16", entry.Body);
        }

        if (fields.TryGetValue("execution", out var executionEntry))
        {
            ExtraArgs(executionEntry, 0, "a distribution field takes just its value");
            ReadDistributionValue(Value(executionEntry), Dimension.Duration, "2 s");
            if (pipeline != ProvingScope.Shard)
            {
                Diagnostics.Warning(DiagnosticCodes.Unused, Source, executionEntry.Head.Span, "`execution` is only used with `pipeline = per_shard`", "remove it, or set `pipeline = per_shard`");
            }
        }

        if (fields.TryGetValue("aggregation_time", out var aggregationEntry))
        {
            ExtraArgs(aggregationEntry, 0, "a distribution field takes just its value");
            var value = Value(aggregationEntry);
            if (value is PerValue per)
            {
                // Aggregation happens once per block; `per block` may say so, nothing else can.
                value = per.Per == "block" ? per.Value : ReportWrongScope(per, "block", "aggregation is once per block");
            }

            ReadDistributionValue(value, Dimension.Duration, "1 s");
            if (pipeline == ProvingScope.Block)
            {
                Diagnostics.Warning(DiagnosticCodes.Unused, Source, aggregationEntry.Head.Span, "`aggregation_time` is only used with `pipeline = per_transaction` or `per_shard`", "remove it, or set `pipeline = per_transaction`");
            }
        }

        if (fields.TryGetValue("cost", out var costEntry))
        {
            if (named > 0)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, costEntry.Head.Span, "a market that names its provers has no `cost` of its own: each prover's `cost` and bid set what a job pays", "remove `cost` here; give each `prover` its `cost`");
                ok = false;
            }
            else
            {
                ReadCost(costEntry);
            }
        }

        ProofAggregationModel? aggregation = null;
        if (fields.TryGetValue("aggregation", out var treeEntry))
        {
            aggregation = ReadAggregation(treeEntry);
            if (aggregationEntry is not null)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, aggregationEntry.Head.Span, "`aggregation_time` is the flat aggregation; `aggregation { ... }` replaces it with a tree", "remove `aggregation_time` and write the node time as `aggregation { time = ... per level }`");
            }
        }

        ProofVerificationModel? verification = null;
        if (fields.TryGetValue("verification", out var verificationEntry))
        {
            verification = ReadVerification(verificationEntry, treeEntry is not null);
        }

        var count = named > 0 ? named : (int?)provers.Integer("count");
        if (fields.TryGetValue("selection", out var selectionEntry))
        {
            if (ReadSelection(selectionEntry, count, names) is { } bound)
            {
                Accepted(selectionEntry, bound);
            }
        }
        else
        {
            MissingField(entry.Head.Span, "selection", "`provers`", "selection = round_robin", entry.Body);
        }

        ProvingDeadlineModel? deadline = null;
        if (fields.TryGetValue("deadline", out var deadlineEntry))
        {
            deadline = ReadDeadline(deadlineEntry, provers, names);
            ok &= deadline is not null;
        }

        var offline = ImmutableArray.CreateBuilder<ProverOutage>();
        foreach (var line in entry.Body.Statements.OfType<EntrySyntax>().Where(l => l.Head.Text == "offline"))
        {
            if (deadlineEntry is null)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, line.Head.Span, "`offline` is only modelled with a `deadline`: it says which epochs a prover misses", "add `deadline { epoch = 32  window = 64 s }`, or remove `offline`");
                ok = false;
                continue;
            }

            if (ReadOutage(line, count, context) is { } outage)
            {
                offline.Add(outage);
            }
            else
            {
                ok = false;
            }
        }

        return ok && LowerProvers(provers, names) is { } model ? model with { Deadline = deadline, Offline = offline.ToImmutable(), Aggregation = aggregation, Verification = verification } : null;
    }

    /// <summary>
    /// <c>deadline { epoch = N  window = TIME  bond = AMOUNT  slash = SHARE  fallback = BOOL }</c>. Deadlines
    /// are refused where the epoch's claimant is not one prover proving whole blocks of one rollup.
    /// </summary>
    private ProvingDeadlineModel? ReadDeadline(EntrySyntax entry, BoundConstruct provers, List<string> rollups)
    {
        const string example = "deadline { epoch = 32  window = 64 s  bond = 1 eth }";
        ExtraArgs(entry, 0, "`deadline` takes a block");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`deadline` needs a block in braces", $"write `{example}`");
            return null;
        }

        var fields = Entries(entry.Body, SchemaCatalog.ProvingDeadline, "in `deadline`");
        var schema = SchemaCatalog.ProvingDeadline;
        ulong? epoch = null;
        SimDuration? window = null;
        if (fields.TryGetValue("epoch", out var e))
        {
            epoch = ReadInteger(e, schema["epoch"]);
        }
        else
        {
            MissingField(entry.Head.Span, "epoch", "`deadline`", "epoch = 32", entry.Body);
        }

        if (fields.TryGetValue("window", out var w))
        {
            window = ReadDuration(w, schema["window"]);
        }
        else
        {
            MissingField(entry.Head.Span, "window", "`deadline`", "window = 64 s", entry.Body);
        }

        UInt128 bond = 0;
        var ok = true;
        if (fields.TryGetValue("bond", out var b))
        {
            var value = ScalarValue(b);
            if (value is not null and not ErrorValue && ReadWei(value, 0, Wei.PerEther * 1_000_000) is { } wei)
            {
                bond = wei;
            }
            else
            {
                ok = false;
            }
        }

        var slash = 10_000;
        if (fields.TryGetValue("slash", out var s))
        {
            if (ReadShare(s, "100 %") is { } share)
            {
                slash = (int)Math.Round(share * 10_000, MidpointRounding.ToEven);
            }
            else
            {
                ok = false;
            }
        }

        var fallback = false;
        if (fields.TryGetValue("fallback", out var f))
        {
            if (ReadBool(f) is { } flag)
            {
                fallback = flag;
            }
            else
            {
                ok = false;
            }
        }

        // The claimant proves its epoch's blocks one after another as they are sealed; a race, a
        // split into transaction proofs or a prover shared with another rollup would need an epoch
        // proof assembled from several provers' work, which is not modelled.
        var refusal = Pipeline(provers) != ProvingScope.Block ? ($"`pipeline = {(Pipeline(provers) == ProvingScope.Transaction ? "per_transaction" : "per_shard")}`", "each epoch is claimed and proven by one prover, block by block", "use `pipeline = per_block`")
            : provers.Result<ProverSelectionModel>("selection") is { Kind: ProverSelectionKind.ProofOfNecessaryWork } ? ("`selection = proof_of_necessary_work`", "a race has no single claimant to post the epoch's bond", "use `stake`, `market`, `round_robin` or a C# selection")
            : provers.Result<ProverSelectionModel>("selection") is { MarketProvers.IsDefaultOrEmpty: false } ? ("a market of named provers", "its provers are auctioned job by job within their capacity and queue, which an epoch's claim would bypass", "use `market { spread = ... }`, `stake`, `round_robin` or a C# selection")
            : rollups.Count > 1 ? ($"provers shared by {rollups.Count} rollups", "each rollup's epochs and pruning are followed apart, so one prover cannot be queued by two of them", "give each rollup its own `provers` block")
            : ((string What, string Why, string Fix)?)null;
        if (refusal is { } r)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Head.Span, $"`deadline` cannot be used with {r.What}: {r.Why}", r.Fix);
            return null;
        }

        return ok && epoch is { } n && window is { } span ? new ProvingDeadlineModel((int)n, span, bond, slash, fallback) : null;
    }

    /// <summary><c>offline = PROVER at START for LENGTH</c>: the number reads <c>at</c> as its unit, as a crashed node's does.</summary>
    private ProverOutage? ReadOutage(EntrySyntax line, int? count, ScenarioContext context)
    {
        const string example = "offline = 0 at 2 min for 5 min";
        var args = line.Args;
        var at = EntryForms.At(args);
        ExpressionSyntax? who = line.Value;
        if (who is NumberSyntax { Unit.Text: "at" } counted && args.Length == 3)
        {
            at = args;
            who = counted with { Unit = null, Span = counted.NumberSpan };
        }

        if (who is null || at.IsDefault)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, line.Span, "`offline` is written `offline = PROVER at START for LENGTH`", $"e.g. `{example}`: prover 0 (the first) from minute 2 for 5 minutes");
            return null;
        }

        var max = (ulong)Math.Max((count ?? 1) - 1, 0);
        var prover = ReadIntegerValue(Evaluator.Evaluate(who), 0, max, Dimension.None, "offline");
        var window = Binders.Sequencer.ReadWindow(line, at[0].Expression, at[1..], example, context);
        return prover is { } p && window is { } span ? new ProverOutage((int)p, span) : null;
    }

    private ProofAggregationModel? ReadAggregation(EntrySyntax entry)
    {
        const string example = "aggregation { arity = 4  time = constant(1 s) per level  wrap = constant(5 s) }";
        ExtraArgs(entry, 0, $"`aggregation` takes a block, e.g. `{example}`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`aggregation` needs a block in braces", $"write `{example}`");
            return null;
        }

        var fields = Entries(entry.Body, SchemaCatalog.ProofAggregation, "in `aggregation`");
        ulong? arity = null;
        if (fields.TryGetValue("arity", out var arityEntry))
        {
            arity = ReadInteger(arityEntry, SchemaCatalog.ProofAggregation["arity"]);
        }
        else
        {
            MissingField(entry.Head.Span, "arity", "`aggregation`", "arity = 4", entry.Body);
        }

        var zero = new DistributionModel(DistributionKind.Constant, 0, 0);
        var level = zero;
        if (fields.TryGetValue("time", out var timeEntry))
        {
            ExtraArgs(timeEntry, 0, "a distribution field takes just its value");
            var value = Value(timeEntry);
            if (value is PerValue per)
            {
                // Each node of a level takes this time; `per level` may say so, nothing else can.
                value = per.Per == "level" ? per.Value : ReportWrongScope(per, "level", "an aggregation node's time is per level of the tree");
            }

            level = ReadDistributionValue(value, Dimension.Duration, "1 s") ?? zero;
        }

        var wrap = zero;
        if (fields.TryGetValue("wrap", out var wrapEntry))
        {
            ExtraArgs(wrapEntry, 0, "a distribution field takes just its value");
            wrap = ReadDistributionValue(Value(wrapEntry), Dimension.Duration, "5 s") ?? zero;
        }

        return arity is { } a ? new ProofAggregationModel((int)a, level, wrap) : null;
    }

    private ProofVerificationModel? ReadVerification(EntrySyntax entry, bool aggregated)
    {
        const string example = "verification { gas = 300_000  every = 1 min  across = rollups }";
        ExtraArgs(entry, 0, $"`verification` takes a block, e.g. `{example}`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`verification` needs a block in braces", $"write `{example}`");
            return null;
        }

        var fields = Entries(entry.Body, SchemaCatalog.ProofVerification, "in `verification`");
        var ok = true;
        ulong gas = 300_000;
        if (fields.TryGetValue("gas", out var gasEntry))
        {
            var read = ReadInteger(gasEntry, SchemaCatalog.ProofVerification["gas"]);
            ok &= read is not null;
            gas = read ?? gas;
        }

        var every = new SimDuration(60_000_000);
        if (fields.TryGetValue("every", out var everyEntry))
        {
            var read = ReadDuration(everyEntry, SchemaCatalog.ProofVerification["every"]);
            ok &= read is not null;
            every = read ?? every;
        }

        var across = false;
        if (fields.TryGetValue("across", out var acrossEntry))
        {
            var choice = ReadChoice(acrossEntry, SchemaCatalog.ProofVerification["across"].Choices);
            ok &= choice is not null;
            across = choice == "rollups";
            if (across && !aggregated)
            {
                // Without aggregation every proof is verified on its own: nothing could be shared.
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, acrossEntry.Span, "`across = rollups` verifies one aggregated proof for several rollups, but these provers do not aggregate", "add `aggregation { arity = 4  time = constant(1 s) per level }` to the `provers` block, or remove `across`");
                ok = false;
            }
        }

        return ok ? new ProofVerificationModel(gas, every, across) : null;
    }

    private static ProvingScope Pipeline(BoundConstruct provers) => provers.Choice("pipeline") switch
    {
        "per_transaction" => ProvingScope.Transaction,
        "per_shard" => ProvingScope.Shard,
        _ => ProvingScope.Block,
    };

    /// <summary>The provers' model, from their bound construct; null when a required field is absent or was rejected.</summary>
    private static ProversModel? LowerProvers(BoundConstruct provers, List<string> names)
    {
        var proofTime = provers.Result<DistributionModel>("proof_time");
        var selection = provers.Result<ProverSelectionModel>("selection");
        var count = selection is { MarketProvers.IsEmpty: false } ? selection.MarketProvers.Length : (int?)provers.Integer("count");
        var pipeline = Pipeline(provers);
        if (count is null || proofTime is null || selection is null || (pipeline == ProvingScope.Shard && provers.Integer("shards") is null))
        {
            return null;
        }

        var cost = provers.Field("cost");
        return new ProversModel([.. names], count.Value, selection, proofTime, pipeline)
        {
            Cost = provers.Wei("cost") ?? 0,
            CostScope = cost?.Value is PerValue { Per: "transaction" } && cost.IsAccepted ? ProvingScope.Transaction : ProvingScope.Block,
            AggregationTime = provers.Result<DistributionModel>("aggregation_time") ?? new DistributionModel(DistributionKind.Constant, 0, 0),
            Shards = pipeline == ProvingScope.Shard ? (int)provers.Integer("shards")!.Value : 0,
            Execution = (pipeline == ProvingScope.Shard ? provers.Result<DistributionModel>("execution") : null) ?? new DistributionModel(DistributionKind.Constant, 0, 0),
        };
    }

    /// <summary>
    /// <c>proof_time = DIST per block</c> or <c>per transaction</c>: the scope is required and
    /// must be what the pipeline proves, so that a time is never read at the wrong scale.
    /// </summary>
    private DistributionModel? ReadScopedDistribution(EntrySyntax entry, ProvingScope pipeline)
    {
        ExtraArgs(entry, 0, "a distribution field takes just its value");
        var expected = pipeline switch
        {
            ProvingScope.Block => "block",
            ProvingScope.Shard => "shard",
            _ => "transaction",
        };
        var value = Value(entry);
        if (value is ErrorValue)
        {
            return null;
        }

        if (value is not PerValue per)
        {
            Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, value.Span, $"`{entry.Head.Text}` must say what it is per", $"write `{entry.Head.Text} = normal(30 s, 5 s) per {expected}`");
            return null;
        }

        if (!ScopeChoices.Contains(per.Per) && per.Per != "shard")
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, per.PerSpan, $"`per {per.Per}` is not a proving scope", "write `per block`, `per transaction` or `per shard`");
            return null;
        }

        if (per.Per != expected)
        {
            ReportWrongScope(per, expected, pipeline switch
            {
                ProvingScope.Block => "with `pipeline = per_block` a proof covers a whole block",
                ProvingScope.Shard => "with `pipeline = per_shard` each shard of a block is proven on its own",
                _ => "with `pipeline = per_transaction` each transaction is proven on its own",
            });
            return null;
        }

        return ReadDistributionValue(per.Value, Dimension.Duration, "30 s");
    }

    private ErrorValue ReportWrongScope(PerValue per, string expected, string why)
    {
        Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, per.PerSpan, $"expected `per {expected}`, found `per {per.Per}`: {why}", $"write `per {expected}`");
        return new ErrorValue(per.Span);
    }

    private void ReadCost(EntrySyntax entry)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return;
        }

        if (value is not PerValue per || !ScopeChoices.Contains(per.Per))
        {
            Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, value is PerValue p ? p.PerSpan : value.Span, "`cost` must be an amount per block or per transaction", "write `cost = 0.002 eth per block`");
            return;
        }

        ReadWei(per.Value, 0, Wei.PerEther * 1_000_000);
    }

    private ProverSelectionModel? ReadSelection(EntrySyntax entry, int? count, List<string> rollups)
    {
        if (entry is { IsField: true, Value: HookSyntax hook })
        {
            ExtraArgs(entry, 0, "a hook is the whole value of `selection`");
            var owner = $"provers for {string.Join(", ", rollups)} selection";
            return new ProverSelectionModel(ProverSelectionKind.Hook) { Hook = Hook(HookKind.ProverSelection, owner, hook) };
        }

        BodySyntax? body = null;
        string? name;
        if (entry is { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Parts.Length: 1 } head, Body: var b } })
        {
            ExtraArgs(entry, 0, "`selection` takes one value");
            name = head.Text;
            body = b;
            if (!SelectionChoices.Contains(name))
            {
                var suggestion = NameSuggester.Suggest(name, SelectionChoices);
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, head.Span, $"`{name}` is not a prover selection", (suggestion is not null ? $"did you mean `{suggestion}`? " : string.Empty) + "valid values: " + string.Join(", ", SelectionChoices) + ", csharp { ... }");
                return null;
            }
        }
        else
        {
            name = ReadChoice(entry, SelectionChoices);
        }

        return name switch
        {
            "proof_of_necessary_work" => ReadProofOfNecessaryWork(body, count),
            "stake" => ReadStake(entry, body, count),
            "market" => ReadMarket(body, rollups),
            "round_robin" => ReadRoundRobin(body),
            _ => null,
        };
    }

    private ProverSelectionModel? ReadRoundRobin(BodySyntax? body)
    {
        if (body is not null)
        {
            Entries(body, SchemaCatalog.RoundRobin, "in `round_robin`");
        }

        return new ProverSelectionModel(ProverSelectionKind.RoundRobin);
    }

    private ProverSelectionModel ReadProofOfNecessaryWork(BodySyntax? body, int? count)
    {
        var model = new ProverSelectionModel(ProverSelectionKind.ProofOfNecessaryWork);
        if (body is null)
        {
            return model;
        }

        var fields = Entries(body, SchemaCatalog.ProofOfNecessaryWork, "in `proof_of_necessary_work`");
        if (fields.TryGetValue("difficulty", out var d) && ReadInteger(d, SchemaCatalog.ProofOfNecessaryWork["difficulty"]) is { } bits)
        {
            model = model with { DifficultyBits = (int)bits };
        }

        if (fields.TryGetValue("hash_rate", out var h) && ScalarValue(h) is { } rate && ReadHashRate(rate, "hash_rate") is { } perSecond)
        {
            model = model with { HashRatePerSecond = perSecond };
        }

        if (fields.TryGetValue("hash_rates", out var hs))
        {
            if (h is not null)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, hs.Head.Span, "`hash_rate` and `hash_rates` both set the provers' hash power", "keep `hash_rates = [...]` (one per prover) or `hash_rate` (the same for all), not both");
            }
            else if (ReadHashRates(hs, count) is { } rates)
            {
                model = model with { HashRatesPerSecond = rates };
            }
        }

        if (fields.TryGetValue("racers", out var r) && ReadInteger(r, SchemaCatalog.ProofOfNecessaryWork["racers"]) is { } racers)
        {
            if (count is { } c && (int)racers > c)
            {
                Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, r.Span, $"{racers} racers is more than the {c} provers", $"set `racers` to at most {c}");
            }
            else
            {
                model = model with { Racers = (int)racers };
            }
        }

        return model;
    }

    /// <summary>A nonce attempt rate in attempts per second, or null (reported) when it is not a rate between 1 / s and 1e15 / s.</summary>
    private double? ReadHashRate(BoundValue rate, string field)
    {
        if (!ExpectDimension(rate, Dimension.Rate, "1_000_000 / s"))
        {
            return null;
        }

        // Per microsecond; a magnitude past 1e9 is out of range before scaling could overflow a decimal.
        var magnitude = ((QuantityValue)rate).Magnitude;
        var perSecond = magnitude > 1_000_000_000m ? double.PositiveInfinity : (double)(magnitude * 1_000_000m);
        if (perSecond < 1 || perSecond > 1e15)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, rate.Span, $"`{field}` must be between 1 / s and 1e15 / s");
            return null;
        }

        return perSecond;
    }

    /// <summary>
    /// <c>hash_rates = [3_000_000 / s, 1_000_000 / s]</c>: each prover's own hash power, one per
    /// prover in index order, so a race can be skewed toward the stronger provers.
    /// </summary>
    private ImmutableArray<double>? ReadHashRates(EntrySyntax entry, int? count)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return null;
        }

        if (value is not ListValue list)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`hash_rates` must be a list of rates, found {value.Describe()}", "write `hash_rates = [3_000_000 / s, 1_000_000 / s]`, one per prover");
            return null;
        }

        if (count is { } c && list.Items.Length != c)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, list.Span, $"`hash_rates` has {list.Items.Length} entries for {c} provers", "give one hash rate per prover");
            return null;
        }

        var rates = ImmutableArray.CreateBuilder<double>(list.Items.Length);
        foreach (var item in list.Items)
        {
            if (ReadHashRate(item, "hash_rates") is not { } perSecond)
            {
                return null;
            }

            rates.Add(perSecond);
        }

        return rates.MoveToImmutable();
    }

    private ProverSelectionModel? ReadStake(EntrySyntax entry, BodySyntax? body, int? count)
    {
        var fields = body is null ? [] : Entries(body, SchemaCatalog.Stake, "in `stake`");
        if (!fields.TryGetValue("stakes", out var s))
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`stake` needs each prover's stake", "write `selection = stake { stakes = [32 eth, 64 eth, 96 eth] }`");
            return null;
        }

        var value = ScalarValue(s);
        if (value is null or ErrorValue)
        {
            return null;
        }

        if (value is not ListValue list)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`stakes` must be a list of amounts, found {value.Describe()}", "write `stakes = [32 eth, 64 eth]`");
            return null;
        }

        if (count is { } c && list.Items.Length != c)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, list.Span, $"`stakes` has {list.Items.Length} entries for {c} provers", "give one stake per prover");
            return null;
        }

        var stakes = ImmutableArray.CreateBuilder<UInt128>(list.Items.Length);
        UInt128 total = 0;
        foreach (var item in list.Items)
        {
            if (ReadWei(item, 0, Wei.PerEther * 1_000_000_000) is not { } wei)
            {
                return null;
            }

            stakes.Add(wei);
            total += wei;
        }

        if (total == 0)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, list.Span, "the stakes add up to zero: no prover could be chosen", "give at least one prover a stake above zero");
            return null;
        }

        return new ProverSelectionModel(ProverSelectionKind.Stake) { Stakes = stakes.MoveToImmutable() };
    }

    /// <summary>How many <c>prover</c> blocks <c>selection = market { ... }</c> holds (0 for any other selection).</summary>
    private static int NamedMarketProvers(EntrySyntax selection) =>
        selection is { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: "market" }, Body: { } body } } ? AllNamed(body, "prover").Count() : 0;

    private ProverSelectionModel? ReadMarket(BodySyntax? body, List<string> rollups)
    {
        var model = new ProverSelectionModel(ProverSelectionKind.Market);
        var fields = body is null ? [] : Entries(body, SchemaCatalog.Market, "in `market`");
        var named = body is null ? [] : AllNamed(body, "prover").ToList();
        if (fields.TryGetValue("spread", out var s) && ReadShare(s, "20 %") is { } share)
        {
            if (named.Count > 0)
            {
                Diagnostics.Warning(DiagnosticCodes.Unused, Source, s.Head.Span, "`spread` is not used when the market names its provers: each bids by its own rule", "remove `spread`");
            }

            model = model with { SpreadBasisPoints = (int)Math.Round(share * 10_000, MidpointRounding.ToEven) };
        }

        if (fields.TryGetValue("queue", out var q) && ReadInteger(q, SchemaCatalog.Market["queue"]) is { } queue)
        {
            if (named.Count == 0)
            {
                Diagnostics.Warning(DiagnosticCodes.Unused, Source, q.Head.Span, "`queue` is only used when the market names its provers", "remove `queue`, or name the provers: `prover NAME { cost = ... }`");
            }

            model = model with { QueueLimit = (int)queue };
        }

        if (named.Count == 0)
        {
            return model;
        }

        var provers = ImmutableArray.CreateBuilder<MarketProverModel>(named.Count);
        var names = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
        var ok = true;
        foreach (var entry in named)
        {
            if (In(entry, () => ReadMarketProver(entry, names, rollups)) is { } prover)
            {
                provers.Add(prover);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? model with { MarketProvers = provers.MoveToImmutable() } : null;
    }

    private MarketProverModel? ReadMarketProver(EntrySyntax entry, Dictionary<string, EntrySyntax> names, List<string> rollups)
    {
        const string example = "prover cheap { capacity = 1  speed = 1.0  cost = 0.001 eth per block  bid = cost_plus { margin = 10 % } }";
        if (entry.IsField || entry.Body is null || entry.Args.Length != 1 || entry.Args[0].Expression is not PathSyntax { Parts.Length: 1 } namePath)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "a market prover is written `prover NAME { cost = AMOUNT per block ... }`", $"e.g. `{example}`");
            return null;
        }

        var name = namePath.Text;
        if (names.TryGetValue(name, out var first))
        {
            var line = Source.GetPosition(first.Head.Span.Start).Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Diagnostics.Error(DiagnosticCodes.Duplicate, Source, namePath.Span, $"prover `{name}` is already declared (line {line})", "give each prover its own name");
            return null;
        }

        names[name] = entry;
        var schema = SchemaCatalog.MarketProver;
        var fields = Entries(entry.Body, schema, $"in prover `{name}`");
        var ok = true;
        var capacity = 1;
        if (fields.TryGetValue("capacity", out var c))
        {
            if (ReadInteger(c, schema["capacity"]) is { } read)
            {
                capacity = (int)read;
            }
            else
            {
                ok = false;
            }
        }

        var speed = 1.0;
        if (fields.TryGetValue("speed", out var sp))
        {
            if (ReadSpeed(sp) is { } read)
            {
                speed = read;
            }
            else
            {
                ok = false;
            }
        }

        UInt128 cost = 0;
        var scope = ProvingScope.Block;
        if (fields.TryGetValue("cost", out var costEntry))
        {
            if (ReadProverCost(costEntry) is { } read)
            {
                (cost, scope) = read;
            }
            else
            {
                ok = false;
            }
        }
        else
        {
            MissingField(namePath.Span, "cost", $"prover `{name}`", "cost = 0.001 eth per block", entry.Body);
            ok = false;
        }

        var prover = new MarketProverModel(name, capacity, speed, cost, scope, ProverBidKind.CostPlus);
        if (fields.TryGetValue("bid", out var bidEntry))
        {
            if (ReadBid(bidEntry, prover, $"provers for {string.Join(", ", rollups)} prover {name} bid") is { } withBid)
            {
                prover = Accepted(bidEntry, withBid);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? prover : null;
    }

    /// <summary>A plain positive number from 0.01 to 1 000: how many times faster than <c>proof_time</c>.</summary>
    private double? ReadSpeed(EntrySyntax entry)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return null;
        }

        Observe(entry.Head.Text, value, "0.01", "1000");
        if (value is not QuantityValue { IsPercent: false } q || q.Dimension != Dimension.None || q.Magnitude < 0.01m || q.Magnitude > 1_000m)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`speed` must be a plain number between 0.01 and 1000, found {value.Describe()}", "e.g. `speed = 2.0` (twice as fast as `proof_time`)");
            return null;
        }

        return Accepted(value, (double)q.Magnitude);
    }

    private (UInt128 Cost, ProvingScope Scope)? ReadProverCost(EntrySyntax entry)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return null;
        }

        if (value is not PerValue per || !ScopeChoices.Contains(per.Per))
        {
            Diagnostics.Error(DiagnosticCodes.WrongUnit, Source, value is PerValue p ? p.PerSpan : value.Span, "a prover's `cost` must be an amount per block or per transaction", "write `cost = 0.001 eth per block`");
            return null;
        }

        return ReadWei(per.Value, 0, Wei.PerEther * 1_000_000) is { } wei
            ? (wei, per.Per == "transaction" ? ProvingScope.Transaction : ProvingScope.Block)
            : null;
    }

    private MarketProverModel? ReadBid(EntrySyntax entry, MarketProverModel prover, string owner)
    {
        if (entry is { IsField: true, Value: HookSyntax hook })
        {
            ExtraArgs(entry, 0, "a hook is the whole value of `bid`");
            return prover with { Bid = ProverBidKind.Hook, BidHook = Hook(HookKind.ProverBid, owner, hook) };
        }

        var choices = SchemaCatalog.MarketProver["bid"].Choices;
        BodySyntax? body = null;
        string? name;
        if (entry is { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Parts.Length: 1 } head, Body: var b } })
        {
            ExtraArgs(entry, 0, "`bid` takes one value");
            name = head.Text;
            body = b;
            if (!choices.Contains(name))
            {
                var suggestion = NameSuggester.Suggest(name, choices);
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, head.Span, $"`{name}` is not a bidding rule", (suggestion is not null ? $"did you mean `{suggestion}`? " : string.Empty) + "valid values: " + string.Join(", ", choices) + ", csharp { ... }");
                return null;
            }
        }
        else
        {
            name = ReadChoice(entry, choices);
        }

        if (name == "cost_plus")
        {
            var fields = body is null ? [] : Entries(body, SchemaCatalog.CostPlusBid, "in `cost_plus`");
            var margin = fields.TryGetValue("margin", out var m) ? ReadShare(m, "10 %") : 0;
            return margin is { } share ? prover with { Bid = ProverBidKind.CostPlus, MarginBasisPoints = BasisPoints(share) } : null;
        }

        if (name == "load")
        {
            var fields = body is null ? [] : Entries(body, SchemaCatalog.LoadBid, "in `load`");
            var margin = fields.TryGetValue("base_margin", out var m) ? ReadShare(m, "5 %") : 0;
            var perJob = fields.TryGetValue("per_job", out var j) ? ReadShare(j, "20 %") : 0;
            return margin is { } baseShare && perJob is { } jobShare
                ? prover with { Bid = ProverBidKind.Load, MarginBasisPoints = BasisPoints(baseShare), PerJobBasisPoints = BasisPoints(jobShare) }
                : null;
        }

        return null;
    }

    private static int BasisPoints(double share) => (int)Math.Round(share * 10_000, MidpointRounding.ToEven);
}
