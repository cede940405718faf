using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>Shared sequencers and cross-chain builders: <c>shared_sequencer NAME for A, B { ... }</c>, <c>builder NAME for A, B { ... }</c>.</summary>
internal sealed class SharedSequencingBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The default extra hop of an external shared sequencer: one round trip to another network.</summary>
    private static readonly SimDuration DefaultHop = SimDuration.FromMilliseconds(200);

    internal (ImmutableArray<SharedSequencerModel> Sequencers, ImmutableArray<BuilderModel> Builders) BindSequencing(
        BodySyntax scenario, Dictionary<string, EntrySyntax> rollupSyntax, IReadOnlyList<RollupModel> rollups, ScenarioContext? context = null)
    {
        // Each rollup has one sequencer and one builder per slot; a builder on a rollup with a
        // shared sequencer builds for exactly that sequencer's rollups.
        var sequencedBy = new Dictionary<string, (string Owner, int Line)>(StringComparer.Ordinal);
        var builtBy = new Dictionary<string, (string Owner, int Line)>(StringComparer.Ordinal);
        var sequencers = ImmutableArray.CreateBuilder<SharedSequencerModel>();
        var builders = ImmutableArray.CreateBuilder<BuilderModel>();
        var builderEntries = new List<(ForClause Clause, ImmutableArray<string> Members)>();
        foreach (var entry in scenario.Statements.OfType<EntrySyntax>().Where(e => e.Head.Text is "shared_sequencer" or "builder" && !PbsBinder.IsPbsBuilder(e)))
        {
            var isBuilder = entry.Head.Text == "builder";
            var (name, members, clause) = ReadFor(entry, rollupSyntax);
            if (name is null || members.IsDefault)
            {
                continue;
            }

            Claim(entry, clause, name, isBuilder ? builtBy : sequencedBy, isBuilder ? "built" : "ordered");
            CheckLockstep(entry, clause, members, rollups);
            Binders.Flashblocks.CheckNotCoordinated(entry, clause, rollups);
            Binders.ExpressLane.CheckNotCoordinated(entry, clause, rollups);
            var fields = entry.Body is null
                ? []
                : Entries(entry.Body, isBuilder ? SchemaCatalog.Builder : SchemaCatalog.SharedSequencer, $"in `{entry.Head.Text} {name}`");
            if (isBuilder)
            {
                builderEntries.Add((clause, members));
                foreach (var pbsOnly in new[] { "latency", "exclusive_flow", "bid", "strategy" }.Where(fields.ContainsKey))
                {
                    Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, fields[pbsOnly].Head.Span, $"`{pbsOnly}` is a setting of a PBS builder, which lists one rollup", $"remove `{pbsOnly}`, or declare one `builder NAME for ROLLUP` per rollup");
                }

                var simulate = fields.TryGetValue("simulate", out var s) ? ReadChoice(s, SchemaCatalog.Builder["simulate"].Choices) : "cross_chain";
                builders.Add(new BuilderModel(name, members, simulate != "none"));
                continue;
            }

            ConsensusModel? set = null;
            BftModel? consensus;
            var form = fields.TryGetValue("consensus", out var c) && context is not null ? IsHeightsAndRounds(c) : false;
            if (form is null)
            {
                consensus = null;
            }
            else if (form == true)
            {
                // The richer forms: Tendermint heights and rounds, or a Raft set, with the rollups' sequencer sets' fields.
                set = Binders.Consensus.Bind(c!, $"shared sequencer `{name}`", context!);
                consensus = set is null ? null : new BftModel(set.Nodes, 0, SimDuration.Zero);
            }
            else
            {
                consensus = c is not null ? ReadBft(c) : new BftModel(1, 0, SimDuration.Zero);
            }

            var executes = !fields.TryGetValue("executes", out var e) || ReadBool(e) != false;
            var kind = fields.TryGetValue("kind", out var k) && ReadChoice(k, SchemaCatalog.SharedSequencer["kind"].Choices) == "external" ? SharedSequencerKind.External : SharedSequencerKind.Enshrined;
            var hop = fields.TryGetValue("hop", out var h) ? ReadDuration(h, SchemaCatalog.SharedSequencer["hop"]) : null;
            if (hop is not null && kind != SharedSequencerKind.External)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, h!.Span, "`hop` is the extra latency of an external shared sequencer", "add `kind = external`, or remove `hop`");
            }

            HookModel? feeHook = null;
            UInt128? fee = null;
            if (fields.TryGetValue("fee", out var f) && f is { IsField: true, Value: HookSyntax feeCode })
            {
                ExtraArgs(f, 0, "a hook is the whole value of `fee`");
                feeHook = Hook(HookKind.SharedSequencerFee, $"shared sequencer {name} fee", feeCode);
            }
            else if (f is not null)
            {
                fee = ReadWei(Value(f), UInt128.Zero, Wei.PerEther);
            }

            if ((fee is not null || feeHook is not null) && kind != SharedSequencerKind.External)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, f!.Span, "`fee` is what an external shared sequencer's network charges; an enshrined one is part of the rollups and charges nothing beyond their fees", "add `kind = external`, or remove `fee`");
            }

            var aggregates = fields.TryGetValue("aggregate_data", out var a) && ReadBool(a) == true;
            if (aggregates)
            {
                CheckAggregatable(a!, members, rollups);
            }

            var (split, splitHook) = fields.TryGetValue("cost_split", out var cs) ? ReadCostSplit(cs, name, aggregates) : (DaCostSplitRule.ByBytes, null);

            sequencers.Add(new SharedSequencerModel(name, members, consensus ?? new BftModel(1, 0, SimDuration.Zero), executes)
            {
                Kind = kind,
                Hop = kind == SharedSequencerKind.External ? hop ?? DefaultHop : SimDuration.Zero,
                FeePerGas = kind == SharedSequencerKind.External ? fee ?? UInt128.Zero : UInt128.Zero,
                FeeHook = kind == SharedSequencerKind.External ? feeHook : null,
                AggregatesData = aggregates,
                CostSplit = aggregates ? split : DaCostSplitRule.ByBytes,
                CostSplitHook = aggregates ? splitHook : null,
                Set = set,
            });
        }

        foreach (var (builderClause, members) in builderEntries)
        {
            CheckBuilderMatchesSequencer(builderClause, members, sequencers);
        }

        return (sequencers.ToImmutable(), builders.ToImmutable());
    }

    // `cost_split = by_bytes | equal | csharp ...`: only an aggregator's postings have a cost to split.
    private (DaCostSplitRule Rule, HookModel? Hook) ReadCostSplit(EntrySyntax entry, string sequencer, bool aggregates)
    {
        if (!aggregates)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Head.Span, "`cost_split` splits the cost of the shared postings of `aggregate_data = true`; without it every rollup pays its own postings", "add `aggregate_data = true`, or remove `cost_split`");
            return (DaCostSplitRule.ByBytes, null);
        }

        if (entry is { IsField: true, Value: HookSyntax code })
        {
            ExtraArgs(entry, 0, "a hook is the whole value of `cost_split`");
            return (DaCostSplitRule.Hooked, Hook(HookKind.DaCostSplit, $"shared sequencer {sequencer} cost_split", code));
        }

        return ReadChoice(entry, SchemaCatalog.SharedSequencer["cost_split"].Choices) == "equal" ? (DaCostSplitRule.Equal, null) : (DaCostSplitRule.ByBytes, null);
    }

    // One batch stream fills the shared blobs: every member posts to blobs on the same schedule,
    // so a posting carries all of their batches of one interval.
    private void CheckAggregatable(EntrySyntax entry, ImmutableArray<string> members, IReadOnlyList<RollupModel> rollups)
    {
        var models = rollups.Where(r => members.Contains(r.Name)).ToList();
        if (models.Find(r => r.Batch.Target != DaTarget.Blobs) is { } calldata)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, $"`aggregate_data` fills shared blobs, but rollup `{calldata.Name}` posts its batches to {(calldata.Batch.Target == DaTarget.Auto ? "blobs or calldata, whichever is cheaper (`auto`)" : "calldata")}", $"post every rollup's batches to blobs (`batch {{ to = ethereum.blobs }}` in `{calldata.Name}`), or remove `aggregate_data`");
            return;
        }

        if (models.Count > 1 && models.Find(r => r.Batch.Every != models[0].Batch.Every) is { } other)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, $"`aggregate_data` posts the rollups' batches together, but `{models[0].Name}` batches every {models[0].Batch.Every} and `{other.Name}` every {other.Batch.Every}", $"give every rollup the same `batch {{ every = ... }}`, or remove `aggregate_data`");
        }
    }

    private (string? Name, ImmutableArray<string> Members, ForClause Clause) ReadFor(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups)
    {
        var what = entry.Head.Text;
        if (EntryForms.For(entry, named: true) is not { Name: { } name } clause)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, $"`{what}` needs a name and the rollups it serves", $"write `{what} NAME for A, B {{ ... }}`");
            return (null, default, default);
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

            if (names.Contains(p.Text, StringComparer.Ordinal))
            {
                Diagnostics.Error(DiagnosticCodes.Duplicate, Source, p.Span, $"rollup `{p.Text}` is listed twice");
                ok = false;
                continue;
            }

            names.Add(p.Text);
        }

        if (ok && names.Count < 2)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, clause.Targets[0].Span, $"a `{what}` orders the blocks of two rollups or more together", "list them: `for A, B`");
            ok = false;
        }

        return (name.Text, ok ? [.. names] : default, clause);
    }

    private void CheckBuilderMatchesSequencer(ForClause builder, ImmutableArray<string> members, ImmutableArray<SharedSequencerModel>.Builder sequencers)
    {
        foreach (var sequencer in sequencers.Where(s => s.Rollups.Intersect(members).Any()))
        {
            if (!sequencer.Rollups.Order(StringComparer.Ordinal).SequenceEqual(members.Order(StringComparer.Ordinal)))
            {
                Diagnostics.Error(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    builder.TargetsSpan,
                    $"a builder for rollups of shared sequencer `{sequencer.Name}` builds its whole slot: list exactly {string.Join(", ", sequencer.Rollups)}",
                    $"write `builder {builder.Name!.Text} for {string.Join(", ", sequencer.Rollups)}`");
            }
        }
    }

    private void Claim(EntrySyntax entry, ForClause clause, string owner, Dictionary<string, (string Owner, int Line)> claimedBy, string verb)
    {
        var line = Source.GetPosition(entry.Head.Span.Start).Line;
        foreach (var arg in clause.Targets)
        {
            var rollup = ((PathSyntax)arg.Expression).Text;
            if (claimedBy.TryGetValue(rollup, out var first))
            {
                Diagnostics.Error(
                    DiagnosticCodes.Duplicate,
                    Source,
                    arg.Span,
                    $"rollup `{rollup}` already has its blocks {verb} by `{first.Owner}` (line {first.Line})",
                    "a rollup has one shared sequencer and one cross-chain builder at most");
                continue;
            }

            claimedBy[rollup] = (owner, line);
        }
    }

    private void CheckLockstep(EntrySyntax entry, ForClause clause, ImmutableArray<string> members, IReadOnlyList<RollupModel> rollups)
    {
        var times = members.Select(m => rollups.FirstOrDefault(r => r.Name == m)).Where(r => r is not null).Select(r => r!).ToList();
        if (times.Count == members.Length && times.Any(r => r.BlockTime != times[0].BlockTime))
        {
            Diagnostics.Error(
                DiagnosticCodes.InvalidValue,
                Source,
                clause.TargetsSpan,
                $"the rollups of `{entry.Head.Text}` share one slot, but their block times differ: " + string.Join(", ", times.Select(r => $"{r.Name} {r.BlockTime}")),
                "give them the same `block_time`");
        }
    }

    /// <summary>
    /// True for <c>consensus = raft { ... }</c>, and for <c>consensus = bft { ... }</c> written with
    /// any field of a rollup's sequencer set besides <c>nodes</c>; <c>nodes</c>, <c>faulty</c> and
    /// <c>round</c> alone are the original form, kept as it was. A mix of the two is refused here (null).
    /// </summary>
    private bool? IsHeightsAndRounds(EntrySyntax entry)
    {
        if (entry is { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: "raft" } } })
        {
            return true;
        }

        if (entry is not { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: "bft" }, Body: var body } })
        {
            return false;
        }

        var names = body.Statements.OfType<EntrySyntax>().Select(e => e.Head).ToList();
        var richer = names.FirstOrDefault(n => n.Text != "nodes" && SchemaCatalog.SequencerBft.Find(n.Text) is not null && SchemaCatalog.Bft.Find(n.Text) is null);
        var original = names.FirstOrDefault(n => n.Text is "faulty" or "round");
        if (richer is not null && original is not null)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, original.Span, $"`{original.Text}` belongs to the one-draw form `bft {{ nodes  faulty  round }}`, and `{richer.Text}` to heights and rounds", "write either `bft { nodes = 4  faulty = 1  round = 500 ms }` or `bft { nodes = 4  vote_delay = 100 ms  crashed = 1 }`");
            return null;
        }

        return richer is not null;
    }

    private BftModel? ReadBft(EntrySyntax entry)
    {
        if (entry is not { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: "bft" }, Body: var body } })
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Value?.Span ?? entry.Span, "`consensus` must be a BFT set or a Raft set", "write `consensus = bft { nodes = 4  faulty = 1  round = 500 ms }`, `consensus = bft { nodes = 4  vote_delay = 100 ms }` or `consensus = raft { nodes = 3  failover = 3 s }`");
            return null;
        }

        var fields = Entries(body, SchemaCatalog.Bft, "in `bft`");
        var nodes = fields.TryGetValue("nodes", out var n) ? ReadInteger(n, SchemaCatalog.Bft["nodes"]) : 1;
        var faulty = fields.TryGetValue("faulty", out var f) ? ReadInteger(f, SchemaCatalog.Bft["faulty"]) : 0;
        var round = fields.TryGetValue("round", out var r) ? ReadDuration(r, SchemaCatalog.Bft["round"]) : SimDuration.Zero;
        if (nodes is null || faulty is null || round is null)
        {
            return null;
        }

        // Faulty nodes are crashed ones. Past ⌊(n − 1) / 3⌋ of them no quorum is alive and the set
        // halts (BftModel.Halts), which the engine simulates; only more faulty nodes than nodes is wrong.
        if (faulty > nodes)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, f!.Span, $"`faulty` ({faulty}) cannot exceed `nodes` ({nodes})", $"give at most {nodes} faulty, or more `nodes`");
            return null;
        }

        return new BftModel((int)nodes.Value, (int)faulty.Value, round.Value);
    }
}
