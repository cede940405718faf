using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Turns a parsed document into a <see cref="ScenarioModel"/>: resolves names, checks
/// units and ranges, applies defaults and <c>like</c> inheritance. Every problem is a
/// diagnostic at the exact span; binding goes on after an error so that one run reports
/// all independent problems.
/// </summary>
public sealed partial class ScenarioBinder
{
    private static readonly string[] ScenarioEntries = ["seed", "duration", "token", "l1", "rollup", "workload", "expect", "hooks", "provers", "shared_sequencer", "builder", "fees"];
    private static readonly string[] HookLimitFields = ["max_steps", "max_call_depth", "max_allocated"];
    private static readonly string[] L1Fields = ["slot_time", "fork", "base_fee", "background_gas", "blobs", "finality"];
    private static readonly string[] RollupFields = ["block_time", "gas_limit", "ordering", "base_fee", "accounts", "amm", "batch", "derivation", "fees", "withdrawal_delay", "sequencer", "forced_inclusion", "auction", "validity"];
    private static readonly string[] WorkloadFields = ["users", "priority_fee", "value", "swaps", "swap_size", "cex_price", "arbitrageurs", "sync_delay", "deposits", "withdrawals", "cross_chain", "cross_chain_trust", "arbitrage_strategy"];
    private static readonly string[] OrderingChoices = ["fcfs", "priority_fee", "random", "auction"];
    private static readonly string[] DistributionNames = ["constant", "uniform", "exponential", "normal", "lognormal"];

    // The file being bound; switched to an imported file while binding statements that come from it.
    private SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly Evaluator _evaluator;

    // Names that are present but misspelt or broken, per block: such a field gets one error, not a second "missing" one.
    private readonly HashSet<(int Block, string Name)> _suggested = [];

    // Each rollup's statements after inheritance, so that `like` chains through several levels.
    private readonly Dictionary<string, List<StatementSyntax>> _resolvedRollups = new(StringComparer.Ordinal);

    private ScenarioBinder(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
        _evaluator = new Evaluator(source, diagnostics);
    }

    /// <summary>Binds a document; returns null when there were errors (they are in <paramref name="diagnostics"/>).</summary>
    /// <param name="source">The scenario file's text.</param>
    /// <param name="document">Its syntax tree.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="imports">The files it imports (resolved by <see cref="ScenarioCompiler"/>), whose declarations it may use.</param>
    public static ScenarioModel? Bind(SourceText source, DocumentSyntax document, DiagnosticBag diagnostics, ImmutableArray<ImportedDocument> imports = default)
    {
        var binder = new ScenarioBinder(source, diagnostics) { _imports = imports.IsDefault ? [] : imports };
        var errorsBefore = diagnostics.Items.Count(d => d.IsError);
        var model = binder.BindDocument(document);
        var errorsAfter = diagnostics.Items.Count(d => d.IsError);
        return errorsAfter > errorsBefore || diagnostics.HasErrors ? null : model;
    }

    private ScenarioModel? BindDocument(DocumentSyntax document)
    {
        EntrySyntax? scenario = null;
        foreach (var statement in document.Statements)
        {
            if (statement is not EntrySyntax entry)
            {
                ReportNotAnEntry(statement);
                continue;
            }

            if (entry.Head.Text is "sweep" or "import")
            {
                continue; // sweeps are bound by SweepBinder once the scenario is known; imports were read by ScenarioCompiler
            }

            if (entry.Head.Text != "scenario")
            {
                Unknown(entry.Head, ["scenario", "sweep", "import"], "at the top level of a file");
                continue;
            }

            if (scenario is not null)
            {
                _diagnostics.Error(DiagnosticCodes.Duplicate, _source, entry.Head.Span, "a file may contain only one `scenario`", "move the second scenario to its own file");
                continue;
            }

            scenario = entry;
        }

        if (scenario is null)
        {
            if (!_diagnostics.HasErrors)
            {
                _diagnostics.Error(DiagnosticCodes.MissingScenario, _source, new TextSpan(0, Math.Min(1, _source.Text.Length)), "the file has no `scenario` block", "start with `scenario \"name\" { ... }`");
            }

            return null;
        }

        return BindScenario(scenario);
    }

    private ScenarioModel? BindScenario(EntrySyntax scenario)
    {
        var name = "scenario";
        if (scenario.Args.Length != 1 || scenario.Args[0].Expression is not StringSyntax nameSyntax)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, scenario.Args.Length > 0 ? scenario.Args[0].Span : scenario.Head.Span, "`scenario` takes one name in quotes", "write `scenario \"my scenario\" { ... }`");
        }
        else
        {
            name = nameSyntax.Value;
        }

        if (scenario.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, scenario.Span, "`scenario` needs a block in braces", "write `scenario \"name\" { ... }`");
            return null;
        }

        var entries = Entries(scenario.Body, ScenarioEntries, "in a scenario", repeatable: ["rollup", "token", "provers", "shared_sequencer", "builder"]);
        BindImports();
        BindTokens(AllNamed(scenario.Body, "token"));
        var seed = entries.TryGetValue("seed", out var seedEntry) ? ReadInteger(seedEntry, 0, ulong.MaxValue) : 1UL;
        var duration = entries.TryGetValue("duration", out var durationEntry) ? ReadDuration(durationEntry, SimDuration.FromMilliseconds(1), SimDuration.FromSeconds(30L * 24 * 3600)) : null;
        _runDuration = duration;
        if (durationEntry is null)
        {
            MissingField(scenario.Head.Span, "duration", "scenario", "duration 10 min", scenario.Body);
        }

        var l1 = entries.TryGetValue("l1", out var l1Entry) ? BindL1(l1Entry)
            : _importedL1 is { } importedL1 ? In(importedL1, () => BindL1(importedL1))
            : new L1Model("ethereum", SimDuration.FromSeconds(12));

        var rollups = new List<RollupModel>();
        var rollupSyntax = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
        foreach (var entry in AllNamed(scenario.Body, "rollup"))
        {
            var rollup = BindRollup(entry, rollupSyntax);
            if (rollup is not null)
            {
                rollups.Add(rollup);
            }
        }

        // A scenario-level `fees` block is the fee rule of every rollup that declares none of its own.
        if (entries.TryGetValue("fees", out var scenarioFees) && In(scenarioFees, () => BindFees(scenarioFees, "the scenario", "scenario fees")) is { } sharedFees)
        {
            for (var i = 0; i < rollups.Count; i++)
            {
                if (rollups[i].Fees is null)
                {
                    rollups[i] = rollups[i] with { Fees = sharedFees };
                }
            }
        }

        if (rollupSyntax.Count == 0)
        {
            MissingField(scenario.Head.Span, "rollup", "scenario", "rollup A { block_time = 2 s  accounts 1_000 funded 10 eth }");
        }

        WorkloadModel workload = new([]);
        if (entries.TryGetValue("workload", out var workloadEntry))
        {
            workload = BindWorkload(workloadEntry, rollupSyntax);
        }
        else
        {
            _diagnostics.Warning(DiagnosticCodes.MissingField, _source, scenario.Head.Span, "the scenario has no `workload`: no transactions will be sent", "add `workload { users = poisson(10 / s) on A }`");
        }

        WarnAboutIdleRollups(rollupSyntax, workload);
        var provers = BindAllProvers(scenario.Body, rollupSyntax);
        var (sharedSequencers, builders) = BindSequencing(scenario.Body, rollupSyntax, rollups);
        CheckWithholding(rollups, rollupSyntax, workload, provers, sharedSequencers, builders);

        if (duration is { } d && d < l1.SlotTime)
        {
            _diagnostics.Warning(DiagnosticCodes.OutOfRange, _source, durationEntry!.Span, $"the duration {d} is shorter than one L1 slot ({l1.SlotTime}): no L1 block will be produced");
        }

        var expectations = entries.TryGetValue("expect", out var expectEntry)
            ? BindExpect(expectEntry, rollupSyntax)
            : [];

        var limits = entries.TryGetValue("hooks", out var hooksEntry) ? BindHookLimits(hooksEntry) : HookLimitsModel.Default;

        if (duration is null)
        {
            return null;
        }

        return new ScenarioModel(name, seed ?? 1UL, duration.Value, l1, [.. rollups], workload)
        {
            Expectations = expectations,
            Hooks = [.. _hooks],
            Tokens = [.. _tokenOrder],
            HookLimits = limits,
            Provers = provers,
            SharedSequencers = sharedSequencers,
            Builders = builders,
        };
    }

    /// <summary>A rollup that no workload sends to and that no other rollup is `like` only adds empty blocks to the report.</summary>
    private void WarnAboutIdleRollups(Dictionary<string, EntrySyntax> rollups, WorkloadModel workload)
    {
        if (workload.Streams.IsEmpty)
        {
            return; // the missing workload has its own warning
        }

        var targeted = workload.Streams.SelectMany(s => s.Rollups).ToHashSet(StringComparer.Ordinal);
        var parents = rollups.Values
            .Where(e => e.Args.Length == 3 && e.Args[2].Expression is PathSyntax)
            .Select(e => ((PathSyntax)e.Args[2].Expression).Text)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, entry) in rollups.OrderBy(r => r.Value.Span.Start))
        {
            if (!targeted.Contains(name) && !parents.Contains(name))
            {
                _diagnostics.Warning(DiagnosticCodes.Unused, _source, entry.Args[0].Span, $"rollup `{name}` is not used: no workload sends transactions to it", $"add it to the workload (`users = ... on {string.Join(", ", targeted.Order(StringComparer.Ordinal).Append(name))}`) or remove it");
            }
        }
    }

    private HookLimitsModel BindHookLimits(EntrySyntax entry)
    {
        ExtraArgs(entry, 0, "`hooks` takes a block, e.g. `hooks { max_steps = 1_000_000 }`");
        if (entry.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, entry.Span, "`hooks` needs a block in braces", "write `hooks { max_steps = 1_000_000 }`");
            return HookLimitsModel.Default;
        }

        var fields = Entries(entry.Body, HookLimitFields, "in `hooks`");
        var d = HookLimitsModel.Default;
        var steps = fields.TryGetValue("max_steps", out var s) ? ReadInteger(s, 1_000, 1_000_000_000_000) : null;
        var depth = fields.TryGetValue("max_call_depth", out var c) ? ReadInteger(c, 1, 1_000) : null;
        var bytes = fields.TryGetValue("max_allocated", out var a) ? ReadInteger(a, 1024, 16L * 1024 * 1024 * 1024, Dimension.Bytes1) : null;
        return new HookLimitsModel((long?)steps ?? d.MaxSteps, (int?)depth ?? d.MaxCallDepth, (long?)bytes ?? d.MaxAllocatedBytes);
    }

    private L1Model BindL1(EntrySyntax entry)
    {
        var name = "ethereum";
        if (entry.Args.Length >= 1 && entry.Args[0].Expression is PathSyntax { Parts.Length: 1 } p)
        {
            name = p.Text;
        }

        ExtraArgs(entry, 1, "`l1` takes one name, e.g. `l1 ethereum { ... }`");
        var fields = entry.Body is null ? [] : Entries(entry.Body, L1Fields, "in `l1`");
        var slot = fields.TryGetValue("slot_time", out var slotEntry)
            ? ReadDuration(slotEntry, SimDuration.FromMilliseconds(100), SimDuration.FromSeconds(3600)) ?? SimDuration.FromSeconds(12)
            : SimDuration.FromSeconds(12);
        var l1 = new L1Model(name, slot);
        if (fields.TryGetValue("fork", out var forkEntry) && ReadChoice(forkEntry, [.. L1Model.KnownForks]) is { } fork)
        {
            l1 = l1 with { Fork = fork };
        }

        if (fields.TryGetValue("base_fee", out var baseFeeEntry) && ReadWei(Value(baseFeeEntry), UInt128.One, Wei.PerEther) is { } baseFee)
        {
            l1 = l1 with { BaseFee = baseFee };
        }

        if (fields.TryGetValue("background_gas", out var backgroundEntry) && ReadShare(backgroundEntry, "50 %") is { } share)
        {
            l1 = l1 with { BackgroundGas = share };
        }

        if (fields.TryGetValue("blobs", out var blobsEntry))
        {
            l1 = l1 with { Blobs = BindBlobs(blobsEntry) };
        }

        var finality = fields.TryGetValue("finality", out var finalityEntry)
            ? ReadDuration(finalityEntry, SimDuration.FromMilliseconds(0), SimDuration.FromSeconds(7 * 24 * 3600))
            : null;
        _l1Name = name;
        _slotTime = slot;
        return l1 with { Finality = finality ?? new SimDuration(slot.Microseconds * 64) };
    }

    private RollupModel? BindRollup(EntrySyntax entry, Dictionary<string, EntrySyntax> declared)
    {
        if (entry.Args.Length == 0 || entry.Args[0].Expression is not PathSyntax { Parts.Length: 1 } namePath)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Args.Length > 0 ? entry.Args[0].Span : entry.Head.Span, "`rollup` needs a name", "write `rollup A { ... }`");
            return null;
        }

        var name = namePath.Text;
        if (declared.ContainsKey(name))
        {
            _diagnostics.Error(DiagnosticCodes.Duplicate, _source, namePath.Span, $"rollup `{name}` is declared twice", "give each rollup its own name");
            return null;
        }

        // Inheritance: the parent's resolved fields (its own parent's included), overridden by the child's own.
        var statements = new List<StatementSyntax>();
        if (entry.Args.Length >= 2)
        {
            if (entry.Args[1].Expression is PathSyntax { Text: "like" } && entry.Args.Length == 3 && entry.Args[2].Expression is PathSyntax { Parts.Length: 1 } parentPath)
            {
                if (_resolvedRollups.TryGetValue(parentPath.Text, out var inherited))
                {
                    statements.AddRange(inherited);
                }
                else
                {
                    var suggestion = NameSuggester.Suggest(parentPath.Text, declared.Keys.Concat(_templates));
                    _diagnostics.Error(DiagnosticCodes.UnknownReference, _source, parentPath.Span, $"no rollup named `{parentPath.Text}` is declared before this one", suggestion is not null ? $"did you mean `{suggestion}`?" : "a rollup can only be `like` one declared above it" + (declared.Count > 0 ? ": " + string.Join(", ", declared.Keys) : string.Empty));
                }
            }
            else
            {
                _diagnostics.Error(DiagnosticCodes.UnexpectedToken, _source, entry.Args[1].Span.Cover(entry.Args[^1].Span), "expected `like OTHER` or a block after the rollup's name", "write `rollup B like A { ... }`");
            }
        }

        declared[name] = entry;
        if (entry.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, entry.Span, $"rollup `{name}` needs a block in braces", "write `rollup A { block_time = 2 s }`");
            return null;
        }

        statements.AddRange(entry.Body.Statements);
        _resolvedRollups[name] = statements;

        // Check names on the rollup's own statements only; inherited ones were checked on the parent.
        Entries(entry.Body, RollupFields, $"in rollup `{name}`", repeatable: ["amm"]);
        var amms = BindAmms(statements.OfType<EntrySyntax>(), name);
        _rollupPools[name] = amms;
        var fields = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
        foreach (var s in statements.OfType<EntrySyntax>())
        {
            if (RollupFields.Contains(s.Head.Text))
            {
                fields[s.Head.Text] = s;
            }
        }

        SimDuration? blockTime = null;
        if (fields.TryGetValue("block_time", out var bt))
        {
            blockTime = In(bt, () => ReadDuration(bt, SimDuration.FromMilliseconds(1), SimDuration.FromSeconds(3600)));
        }
        else
        {
            MissingField(namePath.Span, "block_time", $"rollup `{name}`", "block_time = 2 s", entry.Body);
        }

        var gasLimit = fields.TryGetValue("gas_limit", out var gl) ? In(gl, () => ReadInteger(gl, 21_000, 10_000_000_000, Dimension.Gas1)) : 30_000_000UL;
        var ordering = OrderingRule.Fcfs;
        HookModel? orderingHook = null;
        if (fields.TryGetValue("ordering", out var ord))
        {
            if (ord is { IsField: true, Value: HookSyntax hook })
            {
                orderingHook = In(ord, () =>
                {
                    ExtraArgs(ord, 0, "a hook is the whole value of `ordering`");
                    return Hook(HookKind.Ordering, $"rollup {name} ordering", hook);
                });
            }
            else
            {
                var choice = In(ord, () => ReadChoice(ord, OrderingChoices));
                ordering = choice switch
                {
                    "priority_fee" => OrderingRule.PriorityFee,
                    "random" => OrderingRule.Random,
                    "auction" => OrderingRule.Auction,
                    _ => OrderingRule.Fcfs,
                };
            }
        }

        var auction = BindAuction(fields, ordering, name);
        var validityHook = BindValidity(fields, name);
        var batch = fields.TryGetValue("batch", out var batchEntry) ? In(batchEntry, () => BindBatch(batchEntry, name)) : BatchModel.Default;
        var derivation = fields.TryGetValue("derivation", out var derivationEntry) ? In(derivationEntry, () => BindDerivation(derivationEntry, name)) : DerivationModel.Standard;
        var fees = fields.TryGetValue("fees", out var feesEntry) ? In(feesEntry, () => BindFees(feesEntry, name)) : null;

        UInt128 baseFee = 1_000_000; // 0.001 gwei, the order of today's L2 base fees
        if (fields.TryGetValue("base_fee", out var bf))
        {
            baseFee = In(bf, () => ReadWei(Value(bf), UInt128.Zero, Wei.PerEther)) ?? baseFee;
        }

        int accounts = 0;
        UInt128 funded = UInt128.Zero;
        ImmutableArray<TokenBalanceModel> tokenBalances = [];
        if (fields.TryGetValue("accounts", out var acc))
        {
            (accounts, funded, tokenBalances) = In(acc, () => ReadAccounts(acc));
        }
        else
        {
            MissingField(namePath.Span, "accounts", $"rollup `{name}`", "accounts 1_000 funded 10 eth", entry.Body);
        }

        if (blockTime is null || gasLimit is null || accounts == 0)
        {
            return null;
        }

        return new RollupModel(name, blockTime.Value, gasLimit.Value, ordering, baseFee, accounts, funded)
        {
            OrderingHook = orderingHook,
            Auction = auction,
            ValidityHook = validityHook,
            Batch = batch,
            Derivation = derivation,
            Fees = fees,
            Bridge = BindBridge(fields),
            Sequencer = fields.TryGetValue("sequencer", out var sequencerEntry) ? In(sequencerEntry, () => BindSequencer(sequencerEntry, name)) : SequencerModel.Reliable,
            ForcedInclusion = fields.TryGetValue("forced_inclusion", out var forcedEntry) ? In(forcedEntry, () => BindForcedInclusion(forcedEntry, name, batch, derivation)) : ForcedInclusionModel.None,
            Amms = amms,
            TokenBalances = tokenBalances,
        };
    }

    private ImmutableArray<ExpectationModel> BindExpect(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        ExtraArgs(entry, 0, "`expect` takes no arguments");
        if (entry.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, entry.Span, "`expect` needs a block in braces", "write `expect { conserved total_supply }`");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ExpectationModel>();
        foreach (var statement in entry.Body.Statements)
        {
            var expectation = statement switch
            {
                EntrySyntax { Head.Text: "conserved" } conserved => BindConserved(conserved),
                EntrySyntax { Head.Text: "derivable", IsField: false } derivable => BindDerivable(derivable),
                EntrySyntax other => UnknownExpectation(other),
                AssertionSyntax assertion => BindComparison(assertion, rollups),
                _ => null,
            };
            if (expectation is not null)
            {
                result.Add(expectation);
            }
        }

        return result.ToImmutable();
    }

    private ExpectationModel? UnknownExpectation(EntrySyntax entry)
    {
        if (entry.IsField)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Head.Span, $"`{entry.Head.Text} = ...` is an assignment; an expectation compares", $"write `report.A.{entry.Head.Text} == VALUE` or `conserved total_supply`");
            return null;
        }

        Unknown(entry.Head, ["conserved", "derivable"], "in `expect`");
        return null;
    }

    private ExpectationModel? BindConserved(EntrySyntax entry)
    {
        if (entry.Args.Length != 1 || entry.Args[0].Expression is not PathSyntax { Text: "total_supply" })
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Args.Length > 0 ? entry.Args[0].Span : entry.Head.Span, "only `total_supply` can be checked for conservation", "write `conserved total_supply`");
            return null;
        }

        return new ExpectationModel(ExpectationKind.ConservedTotalSupply, _source.GetText(entry.Span), Location(entry.Span));
    }

    private ExpectationModel? BindDerivable(EntrySyntax entry)
    {
        if (entry.Args.Length > 0 || entry.Body is not null)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Args.Length > 0 ? entry.Args[0].Span : entry.Span, "`derivable` takes no arguments", "write `derivable` on its own line");
            return null;
        }

        return new ExpectationModel(ExpectationKind.Derivable, _source.GetText(entry.Span), Location(entry.Span));
    }

    private ExpectationModel? BindComparison(AssertionSyntax assertion, Dictionary<string, EntrySyntax> rollups)
    {
        if (assertion.Expression is not BinarySyntax { Operator: TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual } comparison)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, assertion.Span, "an expectation must compare a report metric with a value", "e.g. `report.A.latency.p99 <= 4 s`");
            return null;
        }

        var (pathSyntax, valueSyntax, flipped) = comparison.Left is PathSyntax { Parts: [{ Text: "report" }, ..] } lp
            ? (lp, comparison.Right, false)
            : comparison.Right is PathSyntax { Parts: [{ Text: "report" }, ..] } rp ? (rp, comparison.Left, true) : (null, comparison.Right, false);
        if (pathSyntax is null)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, comparison.Left.Span, "one side of an expectation must be a report metric such as `report.A.transactions.included`");
            return null;
        }

        var metric = ResolveMetric(pathSyntax, rollups);
        var value = _evaluator.Evaluate(valueSyntax);
        if (metric is null || value is ErrorValue)
        {
            return null;
        }

        var (dimension, example) = metric.Unit switch
        {
            MetricUnit.Time => (Dimension.Duration, "2 s"),
            MetricUnit.Wei => (Dimension.Ether1, "1 gwei"),
            MetricUnit.Gas => (Dimension.Gas1, "21_000 gas"),
            MetricUnit.Bytes => (Dimension.Bytes1, "1 MiB"),
            _ => (Dimension.None, "100"),
        };
        var isPlainGasOrBytes = metric.Unit is MetricUnit.Gas or MetricUnit.Bytes && value is QuantityValue { Dimension: var d } && d == Dimension.None;
        if (!isPlainGasOrBytes && !ExpectDimension(value, dimension, example))
        {
            return null;
        }

        var op = comparison.Operator switch
        {
            TokenKind.EqualEqual => ComparisonOperator.Equal,
            TokenKind.NotEqual => ComparisonOperator.NotEqual,
            TokenKind.Less => flipped ? ComparisonOperator.Greater : ComparisonOperator.Less,
            TokenKind.LessEqual => flipped ? ComparisonOperator.GreaterOrEqual : ComparisonOperator.LessOrEqual,
            TokenKind.Greater => flipped ? ComparisonOperator.Less : ComparisonOperator.Greater,
            _ => flipped ? ComparisonOperator.LessOrEqual : ComparisonOperator.GreaterOrEqual,
        };
        return new ExpectationModel(ExpectationKind.Comparison, _source.GetText(assertion.Span), Location(assertion.Span), metric, op, ((QuantityValue)value).Magnitude);
    }

    private MetricPath? ResolveMetric(PathSyntax path, Dictionary<string, EntrySyntax> rollups)
    {
        if (path.Parts.Length < 3)
        {
            _diagnostics.Error(DiagnosticCodes.UnknownName, _source, path.Span, $"`{path.Text}` is not a report metric", "write `report.CHAIN.METRIC`, e.g. `report.A.latency.p99` or `report.l1.blocks`");
            return null;
        }

        var chain = path.Parts[1];
        var name = string.Join('.', path.Parts.Skip(2).Select(p => p.Text));
        var nameSpan = path.Parts[2].Span.Cover(path.Parts[^1].Span);
        var catalog = chain.Text == MetricCatalog.L1Section ? MetricCatalog.L1
            : chain.Text == MetricCatalog.CrossChainSection ? MetricCatalog.CrossChain
            : MetricCatalog.Rollup;
        if (chain.Text is not (MetricCatalog.L1Section or MetricCatalog.CrossChainSection) && !rollups.ContainsKey(chain.Text))
        {
            _diagnostics.Error(DiagnosticCodes.UnknownReference, _source, chain.Span, $"the report has no chain `{chain.Text}`", "chains: " + string.Join(", ", new[] { MetricCatalog.L1Section, MetricCatalog.CrossChainSection }.Concat(rollups.Keys)));
            return null;
        }

        if (!catalog.TryGetValue(name, out var unit))
        {
            var suggestion = NameSuggester.Suggest(name, catalog.Keys);
            _diagnostics.Error(DiagnosticCodes.UnknownName, _source, nameSpan, $"unknown report metric `{name}`", suggestion is not null ? $"did you mean `{suggestion}`?" : "metrics: " + string.Join(", ", catalog.Keys.Order(StringComparer.Ordinal)));
            return null;
        }

        return new MetricPath(chain.Text, name, unit);
    }

    private SourceLocation Location(TextSpan span)
    {
        var position = _source.GetPosition(span.Start);
        return new SourceLocation(_source.Path, position.Line, position.Column);
    }

    private (int Count, UInt128 Funded, ImmutableArray<TokenBalanceModel> Tokens) ReadAccounts(EntrySyntax entry)
    {
        // accounts N funded AMOUNT [, TOKEN_AMOUNT ...]
        if (entry.IsField || entry.Args.Length < 3 || entry.Args[1].Expression is not PathSyntax { Text: "funded" } || entry.Args.Skip(3).Any(a => !a.CommaBefore))
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Span, "`accounts` is written `accounts COUNT funded AMOUNT[, TOKEN AMOUNT ...]`", "e.g. `accounts 10_000 funded 100 eth` or `accounts 10_000 funded 100 eth, 50_000 usdc`");
            return (0, UInt128.Zero, []);
        }

        var countValue = _evaluator.Evaluate(entry.Args[0].Expression);
        var count = ReadIntegerValue(countValue, 2, RollupModel.MaxAccounts, Dimension.None, "accounts");
        var funded = ReadWei(_evaluator.Evaluate(entry.Args[2].Expression), UInt128.Zero, Wei.PerEther * 1_000_000_000);
        var tokens = ImmutableArray.CreateBuilder<TokenBalanceModel>();
        var ok = true;
        foreach (var arg in entry.Args.Skip(3))
        {
            var amount = ReadTokenAmount(_evaluator.Evaluate(arg.Expression));
            if (amount is null)
            {
                ok = false;
            }
            else if (amount.Value.Token == "eth" || tokens.Any(t => t.Token == amount.Value.Token))
            {
                _diagnostics.Error(DiagnosticCodes.Duplicate, _source, arg.Span, $"accounts are funded in {amount.Value.Token} twice", "give each token once");
                ok = false;
            }
            else
            {
                tokens.Add(new TokenBalanceModel(amount.Value.Token, amount.Value.Amount));
            }
        }

        return count is null || funded is null || !ok ? (0, UInt128.Zero, []) : ((int)count.Value, funded.Value, tokens.ToImmutable());
    }

    private WorkloadModel BindWorkload(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        if (entry.Body is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, entry.Span, "`workload` needs a block in braces", "write `workload { users = poisson(10 / s) on A }`");
            return new WorkloadModel([]);
        }

        ExtraArgs(entry, 0, "`workload` takes no arguments");
        var fields = Entries(entry.Body, WorkloadFields, "in `workload`");
        var priorityFee = fields.TryGetValue("priority_fee", out var pf)
            ? ReadDistribution(pf, Dimension.Ether1) ?? new DistributionModel(DistributionKind.Constant, 0, 0)
            : new DistributionModel(DistributionKind.Constant, 0, 0);
        var value = fields.TryGetValue("value", out var v)
            ? ReadDistribution(v, Dimension.Ether1) ?? new DistributionModel(DistributionKind.Constant, 0, 0)
            : new DistributionModel(DistributionKind.Constant, 1e15, 0);

        if (!fields.TryGetValue("users", out var users))
        {
            MissingField(entry.Head.Span, "users", "workload", "users = poisson(10 / s) on A", entry.Body);
            return new WorkloadModel([]);
        }

        var rate = ReadPoisson(users);
        var targets = ReadTargets(users, rollups);
        var trading = BindTrading(fields, targets);
        if (rate is null || targets.IsDefault)
        {
            return new WorkloadModel([]);
        }

        var stream = new UserStreamModel(rate.Value, targets, priorityFee, value) { WithdrawalShare = BindWithdrawalShare(fields) };
        return new WorkloadModel([stream])
        {
            Trading = trading,
            Deposits = BindDeposits(fields, rollups, value),
            CrossChain = BindCrossChain(fields, targets),
            ArbitrageStrategy = BindArbitrageStrategy(fields, trading),
        };
    }

    private double? ReadPoisson(EntrySyntax users)
    {
        var value = Value(users);
        if (value is not CallValue { Name: "poisson" } call)
        {
            if (value is not ErrorValue)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, value.Span, $"`{users.Head.Text}` must be an arrival process, found {value.Describe()}", $"write `{users.Head.Text} = poisson(50 / s) on A`");
            }

            return null;
        }

        var args = Evaluator.Positional(call);
        if (args.Length != 1)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, call.Span, "`poisson` takes one rate", "e.g. `poisson(50 / s)`");
            return null;
        }

        if (!ExpectDimension(args[0], Dimension.Rate, "50 / s"))
        {
            return null;
        }

        var perSecond = (double)(((QuantityValue)args[0]).Magnitude * 1_000_000m);
        if (perSecond <= 0 || perSecond > 10_000_000)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, args[0].Span, "the arrival rate must be above 0 and at most 10_000_000 / s");
            return null;
        }

        return perSecond;
    }

    /// <summary>
    /// One rollup in a list (`on A, B`, `for A, B`): the name if it is a plain name of a
    /// declared rollup; otherwise null, with the error (and a near-miss suggestion) reported.
    /// </summary>
    private PathSyntax? ReadRollupName(ArgumentSyntax arg, Dictionary<string, EntrySyntax> rollups)
    {
        if (arg.Expression is not PathSyntax { Parts.Length: 1 } p)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, arg.Span, "expected a rollup name");
            return null;
        }

        if (!rollups.ContainsKey(p.Text))
        {
            var suggestion = NameSuggester.Suggest(p.Text, rollups.Keys);
            _diagnostics.Error(DiagnosticCodes.UnknownReference, _source, p.Span, $"no rollup named `{p.Text}`", suggestion is not null ? $"did you mean `{suggestion}`?" : "declared rollups: " + string.Join(", ", rollups.Keys));
            return null;
        }

        return p;
    }

    private ImmutableArray<string> ReadTargets(EntrySyntax users, Dictionary<string, EntrySyntax> rollups)
    {
        if (users.Args.Length < 2 || users.Args[0].Expression is not PathSyntax { Text: "on" })
        {
            _diagnostics.Error(DiagnosticCodes.MissingField, _source, users.Span, $"`{users.Head.Text}` must say which rollups they use", "append `on A` or `on A, B`");
            return default;
        }

        var names = new List<string>();

        // Membership only (the list keeps the order): a list search made long target lists quadratic.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var arg in users.Args.Skip(1))
        {
            if (ReadRollupName(arg, rollups) is not { } p)
            {
                ok = false;
                continue;
            }

            if (!seen.Add(p.Text))
            {
                _diagnostics.Error(DiagnosticCodes.Duplicate, _source, p.Span, $"rollup `{p.Text}` is listed twice");
                ok = false;
                continue;
            }

            names.Add(p.Text);
        }

        return ok ? [.. names] : default;
    }

    private DistributionModel? ReadDistribution(EntrySyntax entry, Dimension dimension)
    {
        ExtraArgs(entry, 0, "a distribution field takes just its value");
        return ReadDistributionValue(Value(entry), dimension, "1 gwei");
    }

    /// <summary>A distribution (or a plain quantity, a constant) whose parameters have <paramref name="dimension"/>; <paramref name="example"/> is what the hint shows.</summary>
    private DistributionModel? ReadDistributionValue(BoundValue value, Dimension dimension, string example)
    {
        if (value is QuantityValue)
        {
            // A plain quantity is a constant distribution.
            return ExpectDimension(value, dimension, example) ? new DistributionModel(DistributionKind.Constant, NonNegative(value), 0) : null;
        }

        if (value is not CallValue call || !DistributionNames.Contains(call.Name))
        {
            if (value is not ErrorValue)
            {
                var hint = value is CallValue c2 && NameSuggester.Suggest(c2.Name, DistributionNames) is { } s
                    ? $"did you mean `{s}`?"
                    : "use one of: " + string.Join(", ", DistributionNames.Select(n => "`" + n + "(...)`"));
                _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, value is CallValue c ? c.NameSpan : value.Span, $"expected a distribution, found {value.Describe()}", hint);
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
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, call.Span, $"`{call.Name}` takes {arity} argument{(arity == 1 ? string.Empty : "s")}, found {args.Length}");
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
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, args[0].Span, "the mean of `lognormal(mean, sd)` must be above zero");
            return null;
        }

        if (kind == DistributionKind.Uniform && a1 < a0)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, call.Span, "`uniform(low, high)` needs low <= high");
            return null;
        }

        return new DistributionModel(kind, a0, a1);
    }

    private double NonNegative(BoundValue value)
    {
        var q = (QuantityValue)value;
        if (q.Magnitude < 0)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, q.Span, "this value must not be negative");
            return 0;
        }

        return (double)q.Magnitude;
    }

    private bool ExpectDimension(BoundValue value, Dimension dimension, string example)
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
        _diagnostics.Error(
            DiagnosticCodes.WrongUnit,
            _source,
            value.Span,
            $"expected {dimension.Describe()}, found {value.Describe()}",
            $"write it with a unit, e.g. `{example}`" + (units.Length > 0 ? $" (units: {units})" : string.Empty));
        return false;
    }

    private SimDuration? ReadDuration(EntrySyntax entry, SimDuration min, SimDuration max)
    {
        var value = ScalarValue(entry);
        if (value is null || !ExpectDimension(value, Dimension.Duration, "2 s"))
        {
            return null;
        }

        Observe(entry.Head.Text, value, FormattableString.Invariant($"{min.Microseconds} us"), FormattableString.Invariant($"{max.Microseconds} us"));

        var us = ((QuantityValue)value).Magnitude;
        if (us != decimal.Truncate(us))
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, value.Span, "times are simulated in whole microseconds; this one is finer", "round it to a whole number of microseconds");
            return null;
        }

        if (us < min.Microseconds || us > max.Microseconds)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, value.Span, $"`{entry.Head.Text}` must be between {min} and {max}");
            return null;
        }

        return new SimDuration((long)us);
    }

    /// <summary>
    /// Told of every range the binder checks a value against (where the value is, and its
    /// bounds written as source text), so that a test can run each bound the binder accepts;
    /// null outside such a test. Per thread, so tests binding in parallel do not see each other's.
    /// </summary>
    [ThreadStatic]
    internal static Action<CheckedRange>? RangeObserver;

    private void Observe(string? field, BoundValue value, string min, string max) =>
        RangeObserver?.Invoke(new CheckedRange(field, _source, value.Span, min, max));

    private ulong? ReadInteger(EntrySyntax entry, ulong min, ulong max, Dimension? dimension = null)
    {
        var value = ScalarValue(entry);
        return value is null ? null : ReadIntegerValue(value, min, max, dimension ?? Dimension.None, entry.Head.Text);
    }

    private ulong? ReadIntegerValue(BoundValue value, ulong min, ulong max, Dimension dimension, string? what = null)
    {
        if (value is ErrorValue)
        {
            return null;
        }

        // A count of gas may be written with or without the `gas` unit.
        if (value is not QuantityValue q || q.IsPercent || (q.Dimension != dimension && !(dimension == Dimension.Gas1 && q.Dimension == Dimension.None)))
        {
            _diagnostics.Error(DiagnosticCodes.WrongUnit, _source, value.Span, $"expected {(dimension == Dimension.None ? "a whole number" : dimension.Describe())}, found {value.Describe()}");
            return null;
        }

        var unit = dimension == Dimension.Bits1 ? " bits" : dimension == Dimension.Bytes1 ? " B" : string.Empty;
        Observe(what, value, FormattableString.Invariant($"{min}{unit}"), FormattableString.Invariant($"{max}{unit}"));
        if (q.Magnitude != decimal.Truncate(q.Magnitude) || q.Magnitude < min || q.Magnitude > max)
        {
            var label = what is null ? "this value" : $"`{what}`";
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, value.Span, FormattableString.Invariant($"{label} must be a whole number between {min:N0} and {max:N0}").Replace(",", "_", StringComparison.Ordinal));
            return null;
        }

        return (ulong)q.Magnitude;
    }

    private UInt128? ReadWei(BoundValue value, UInt128 min, UInt128 max)
    {
        if (!ExpectDimension(value, Dimension.Ether1, "1 gwei"))
        {
            return null;
        }

        var q = (QuantityValue)value;
        Observe(null, value, FormattableString.Invariant($"{min} wei"), FormattableString.Invariant($"{max} wei"));
        if (q.Magnitude != decimal.Truncate(q.Magnitude) || q.Magnitude < 0)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, value.Span, "amounts are whole, non-negative numbers of wei", "use fewer decimals or a smaller unit");
            return null;
        }

        var wei = (UInt128)q.Magnitude;
        if (wei < min || wei > max)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, _source, value.Span, $"this amount must be between {Wei.FormatEther(min)} and {Wei.FormatEther(max)}");
            return null;
        }

        return wei;
    }

    private string? ReadChoice(EntrySyntax entry, string[] choices)
    {
        var value = ScalarValue(entry);
        if (value is NameValue n && choices.Contains(n.Path))
        {
            return n.Path;
        }

        if (value is null or ErrorValue)
        {
            return null;
        }

        var suggestion = value is NameValue nv ? NameSuggester.Suggest(nv.Path, choices) : null;
        _diagnostics.Error(
            DiagnosticCodes.InvalidValue,
            _source,
            value.Span,
            value is NameValue bad ? $"`{bad.Path}` is not a valid `{entry.Head.Text}`" : $"`{entry.Head.Text}` must be a name, found {value.Describe()}",
            (suggestion is not null ? $"did you mean `{suggestion}`? " : string.Empty) + "valid values: " + string.Join(", ", choices));
        return null;
    }

    /// <summary>The value of a setting written either <c>name = value</c> or <c>name value</c>.</summary>
    private BoundValue? ScalarValue(EntrySyntax entry)
    {
        if (entry.IsField)
        {
            if (entry.Args.Length > 0)
            {
                // Checked here so that the message is only formatted when it is reported.
                ExtraArgs(entry, 0, $"`{entry.Head.Text}` takes one value");
            }

            return _evaluator.Evaluate(entry.Value!);
        }

        if (entry.Args.Length != 1)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidValue, _source, entry.Args.Length == 0 ? entry.Head.Span : entry.Args[1].Span.Cover(entry.Args[^1].Span), $"`{entry.Head.Text}` takes one value", $"write `{entry.Head.Text} = VALUE`");
            return null;
        }

        if (entry.Body is not null)
        {
            _diagnostics.Error(DiagnosticCodes.UnexpectedToken, _source, entry.Body.Span, $"`{entry.Head.Text}` does not take a block");
        }

        return _evaluator.Evaluate(entry.Args[0].Expression);
    }

    /// <summary>
    /// The value of an entry whose arguments, if any, the caller reads itself (<c>users = ... on A</c>);
    /// unlike <see cref="ScalarValue"/> it does not reject arguments after a field's value.
    /// </summary>
    private BoundValue Value(EntrySyntax entry) =>
        (entry.IsField ? _evaluator.Evaluate(entry.Value!) : ScalarValue(entry)) ?? new ErrorValue(entry.Span);

    private void ExtraArgs(EntrySyntax entry, int allowed, string message)
    {
        if (entry.Args.Length > allowed)
        {
            _diagnostics.Error(DiagnosticCodes.UnexpectedToken, _source, entry.Args[allowed].Span.Cover(entry.Args[^1].Span), "unexpected arguments: " + message);
        }
    }

    /// <summary>
    /// Indexes the entries of a block by name, reporting unknown names (with a suggestion),
    /// duplicates, and statements that are not entries.
    /// </summary>
    private Dictionary<string, EntrySyntax> Entries(BodySyntax body, string[] known, string where, string[]? repeatable = null)
    {
        var result = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
        foreach (var statement in body.Statements)
        {
            if (statement is not EntrySyntax entry)
            {
                if (statement is ErrorStatementSyntax { HeadName: { } broken })
                {
                    _suggested.Add((body.Span.Start, broken));
                }

                ReportNotAnEntry(statement);
                continue;
            }

            var name = entry.Head.Text;
            if (!known.Contains(name))
            {
                if (Unknown(entry.Head, known, where) is { } suggestion)
                {
                    _suggested.Add((body.Span.Start, suggestion));
                }

                continue;
            }

            if (repeatable?.Contains(name) == true)
            {
                continue;
            }

            if (result.TryGetValue(name, out var first))
            {
                var line = _source.GetPosition(first.Head.Span.Start).Line;
                _diagnostics.Error(DiagnosticCodes.Duplicate, _source, entry.Head.Span, $"`{name}` is already set {where} (line {line})", "remove one of them");
                continue;
            }

            result[name] = entry;
        }

        return result;
    }

    private static IEnumerable<EntrySyntax> AllNamed(BodySyntax body, string name) =>
        body.Statements.OfType<EntrySyntax>().Where(e => e.Head.Text == name);

    private string? Unknown(NameSyntax name, string[] known, string where)
    {
        var suggestion = NameSuggester.Suggest(name.Text, known);
        _diagnostics.Error(
            DiagnosticCodes.UnknownName,
            _source,
            name.Span,
            $"unknown name `{name.Text}` {where}",
            suggestion is not null ? $"did you mean `{suggestion}`?" : "expected one of: " + string.Join(", ", known));
        return suggestion;
    }

    private void ReportNotAnEntry(StatementSyntax statement)
    {
        if (statement is ErrorStatementSyntax)
        {
            return; // already reported by the parser
        }

        _diagnostics.Error(DiagnosticCodes.UnexpectedToken, _source, statement.Span, "assertions are only allowed inside `expect`", "move it into `expect { ... }`");
    }

    private void MissingField(TextSpan at, string field, string where, string example, BodySyntax? body = null)
    {
        if (body is not null && _suggested.Contains((body.Span.Start, field)))
        {
            return;
        }

        _diagnostics.Error(DiagnosticCodes.MissingField, _source, at, $"{where} is missing `{field}`", $"add `{example}`");
    }
}
