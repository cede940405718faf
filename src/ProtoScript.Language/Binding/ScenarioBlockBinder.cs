using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>The scenario block: its top-level entries, in the order their dependencies need.</summary>
internal sealed class ScenarioBlockBinder(BindingState state) : ConstructBinder(state)
{
    internal ScenarioModel? BindDocument(DocumentSyntax document)
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
                Unknown(entry.Head, SchemaCatalog.File.Names, "at the top level of a file");
                continue;
            }

            if (scenario is not null)
            {
                Diagnostics.Error(DiagnosticCodes.Duplicate, Source, entry.Head.Span, "a file may contain only one `scenario`", "move the second scenario to its own file");
                continue;
            }

            scenario = entry;
        }

        if (scenario is null)
        {
            if (!Diagnostics.HasErrors)
            {
                Diagnostics.Error(DiagnosticCodes.MissingScenario, Source, new TextSpan(0, Math.Min(1, Source.Text.Length)), "the file has no `scenario` block", "start with `scenario \"name\" { ... }`");
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
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, scenario.Args.Length > 0 ? scenario.Args[0].Span : scenario.Head.Span, "`scenario` takes one name in quotes", "write `scenario \"my scenario\" { ... }`");
        }
        else
        {
            name = nameSyntax.Value;
        }

        if (scenario.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, scenario.Span, "`scenario` needs a block in braces", "write `scenario \"name\" { ... }`");
            return null;
        }

        State.Bound.Declares(scenario, scenario.Body);
        var entries = Entries(scenario.Body, SchemaCatalog.Scenario, "in a scenario");
        Binders.Imports.BindImports();
        Binders.Markets.BindTokens(AllNamed(scenario.Body, "token"));
        var seed = entries.TryGetValue("seed", out var seedEntry) ? ReadInteger(seedEntry, SchemaCatalog.Scenario["seed"]) : 1UL;
        var duration = entries.TryGetValue("duration", out var durationEntry) ? ReadDuration(durationEntry, SchemaCatalog.Scenario["duration"]) : null;
        if (durationEntry is null)
        {
            MissingField(scenario.Head.Span, "duration", "scenario", "duration 10 min", scenario.Body);
        }

        var l1 = entries.TryGetValue("l1", out var l1Entry) ? Binders.L1.BindL1(l1Entry)
            : State.ImportedL1 is { } importedL1 ? In(importedL1, () => Binders.L1.BindL1(importedL1))
            : new L1Model("ethereum", SimDuration.FromSeconds(12));

        // Rollups are bound after the L1 and the duration, which their batches and fault windows are checked against.
        var context = ScenarioContext.Of(l1, duration);
        var rollups = new List<RollupModel>();
        var rollupSyntax = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
        foreach (var entry in AllNamed(scenario.Body, "rollup"))
        {
            var rollup = Binders.Rollup.BindRollup(entry, rollupSyntax, context);
            if (rollup is not null)
            {
                rollups.Add(rollup);
            }
        }

        // A scenario-level `fees` block is the fee rule of every rollup that declares none of its own.
        if (entries.TryGetValue("fees", out var scenarioFees) && In(scenarioFees, () => Binders.Fees.BindFees(scenarioFees, "the scenario", "scenario fees")) is { } sharedFees)
        {
            for (var i = 0; i < rollups.Count; i++)
            {
                if (rollups[i].Fees is null)
                {
                    rollups[i] = rollups[i] with { Fees = sharedFees };
                    if (rollups[i].Batch.Target == DaTarget.Auto)
                    {
                        // The L1 data fee is priced from one market; see the rollup-level refusal in RollupBinder.
                        Diagnostics.Error(
                            DiagnosticCodes.InvalidValue,
                            Source,
                            scenarioFees.Head.Span,
                            $"the scenario's `fees` block applies to rollup `{rollups[i].Name}`, whose batches go to `auto`: its L1 data fee is priced from one market, blobs or calldata, and a batcher that switches between them is not modelled there",
                            $"post rollup `{rollups[i].Name}`'s batches to blobs or calldata, or give it no `fees` block");
                    }
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
            workload = Binders.Workload.BindWorkload(workloadEntry, rollupSyntax, duration);
        }
        else
        {
            Diagnostics.Warning(DiagnosticCodes.MissingField, Source, scenario.Head.Span, "the scenario has no `workload`: no transactions will be sent", "add `workload { users = poisson(10 / s) on A }`");
        }

        WarnAboutIdleRollups(rollupSyntax, workload);
        var provers = Binders.Provers.BindAllProvers(scenario.Body, rollupSyntax, context);
        Binders.Bridge.CheckProofGated(rollups, rollupSyntax, provers);
        Binders.CrossChain.CheckValidityTrust(workloadEntry, workload, provers);
        var (sharedSequencers, builders) = Binders.SharedSequencing.BindSequencing(scenario.Body, rollupSyntax, rollups, context);
        Binders.Sequencer.CheckWithholding(rollups, rollupSyntax, workload, provers, sharedSequencers, builders);
        Binders.Bundles.WarnAboutAsynchronousPaths(sharedSequencers, builders);
        Binders.CrossArbitrage.CheckAtomicPaths(sharedSequencers, builders);
        Binders.Pbs.BindPbs(scenario.Body, rollupSyntax, rollups, workload, sharedSequencers, builders);
        Binders.Markets.CheckBackRunning(rollups, workload.Trading, sharedSequencers, builders);
        Binders.Consensus.CheckCombinations(rollups, rollupSyntax, sharedSequencers, builders);
        Binders.Population.CheckAccounts(rollups);
        Binders.Mempool.CheckCombinations(rollups, rollupSyntax, workload, builders);

        if (duration is { } d && d < l1.SlotTime)
        {
            Diagnostics.Warning(DiagnosticCodes.OutOfRange, Source, durationEntry!.Span, $"the duration {d} is shorter than one L1 slot ({l1.SlotTime}): no L1 block will be produced");
        }

        var expectations = entries.TryGetValue("expect", out var expectEntry)
            ? Binders.Expect.BindExpect(expectEntry, rollupSyntax)
            : [];

        var limits = entries.TryGetValue("hooks", out var hooksEntry) ? BindHookLimits(hooksEntry) : HookLimitsModel.Default;

        // Without a valid duration this is the partial model of a failed binding; Bind refuses it.
        return new ScenarioModel(name, seed ?? 1UL, duration ?? SimDuration.Zero, l1, [.. rollups], workload)
        {
            Expectations = expectations,
            Hooks = [.. State.Hooks],
            Tokens = [.. State.TokenOrder],
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
        // A malformed `like` still marks the rollup it names as used: one mistake, one diagnostic.
        var parents = rollups.Values
            .Select(e => EntryForms.Like(e)?.Parent?.Text)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, entry) in rollups.OrderBy(r => r.Value.Span.Start))
        {
            if (!targeted.Contains(name) && !parents.Contains(name))
            {
                Diagnostics.Warning(DiagnosticCodes.Unused, Source, entry.Args[0].Span, $"rollup `{name}` is not used: no workload sends transactions to it", $"add it to the workload (`users = ... on {string.Join(", ", targeted.Order(StringComparer.Ordinal).Append(name))}`) or remove it");
            }
        }
    }

    private HookLimitsModel BindHookLimits(EntrySyntax entry)
    {
        ExtraArgs(entry, 0, "`hooks` takes a block, e.g. `hooks { max_steps = 1_000_000 }`");
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, "`hooks` needs a block in braces", "write `hooks { max_steps = 1_000_000 }`");
            return HookLimitsModel.Default;
        }

        var fields = Entries(entry.Body, SchemaCatalog.Hooks, "in `hooks`");
        foreach (var field in SchemaCatalog.Hooks.Fields)
        {
            if (fields.TryGetValue(field.Name, out var written))
            {
                ReadInteger(written, field);
            }
        }

        // Lowering: the budget from the bound construct, defaults for what is absent or rejected.
        var hooks = Construct(entry.Body)!;
        var d = HookLimitsModel.Default;
        return new HookLimitsModel((long?)hooks.Integer("max_steps") ?? d.MaxSteps, (int?)hooks.Integer("max_call_depth") ?? d.MaxCallDepth, (long?)hooks.Integer("max_allocated") ?? d.MaxAllocatedBytes);
    }
}
