using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary><c>sequencer { consensus = bft { ... } }</c> and <c>consensus = raft { ... }</c>: the set of nodes that runs a rollup's sequencer.</summary>
internal sealed class ConsensusBinder(BindingState state) : ConstructBinder(state)
{
    private const string Example = "consensus = bft { nodes = 4  crashed = 1 }";

    /// <summary>The set, or null (with a located diagnostic) when it is written wrongly.</summary>
    /// <param name="entry">The <c>consensus</c> line.</param>
    /// <param name="owner">Whose set it is, for messages: "rollup `A`", "shared sequencer `S`".</param>
    /// <param name="context">The run's length, for crash windows.</param>
    internal ConsensusModel? Bind(EntrySyntax entry, string owner, ScenarioContext context)
    {
        if (entry is not { IsField: true, Value: ObjectSyntax { Head: PathSyntax { Text: "bft" or "raft" } head, Body: var body } })
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Value?.Span ?? entry.Span, "`consensus` must be a BFT set or a Raft set", $"write `{Example}` or `consensus = raft {{ nodes = 3 }}`");
            return null;
        }

        var bft = head.Text == "bft";
        var schema = bft ? SchemaCatalog.SequencerBft : SchemaCatalog.SequencerRaft;
        var fields = Entries(body, schema, $"in the `{head.Text}` set of {owner}");
        var nodes = fields.TryGetValue("nodes", out var n) ? ReadInteger(n, schema["nodes"]) : bft ? 4UL : 3UL;
        if (nodes is not { } count)
        {
            return null;
        }

        var faults = ReadFaults(body, (int)count, context);
        if (faults.IsDefault)
        {
            return null;
        }

        var protocol = bft ? ConsensusProtocol.Bft : ConsensusProtocol.Raft;
        var model = new ConsensusModel(protocol, (int)count, faults);
        if (!bft)
        {
            return model with
            {
                Failover = Time(fields, schema, "failover") ?? SimDuration.FromSeconds(3),
                Replication = Time(fields, schema, "replication") ?? SimDuration.FromMilliseconds(10),
            };
        }

        var defaults = ConsensusTimeouts.CometBft;
        var timeouts = new ConsensusTimeouts(
            Time(fields, schema, "timeout_propose") ?? defaults.Propose,
            Time(fields, schema, "timeout_propose_delta") ?? defaults.ProposeDelta,
            Time(fields, schema, "timeout_prevote") ?? defaults.Prevote,
            Time(fields, schema, "timeout_prevote_delta") ?? defaults.PrevoteDelta,
            Time(fields, schema, "timeout_precommit") ?? defaults.Precommit,
            Time(fields, schema, "timeout_precommit_delta") ?? defaults.PrecommitDelta,
            Time(fields, schema, "timeout_commit") ?? defaults.Commit);
        HookModel? hook = null;
        var rotation = ProposerRotation.RoundRobin;
        if (fields.TryGetValue("proposer", out var p) && p is { IsField: true, Value: HookSyntax code })
        {
            ExtraArgs(p, 0, "a hook is the whole value of `proposer`");
            hook = Hook(HookKind.BftProposer, owner.Replace("`", string.Empty, StringComparison.Ordinal) + " proposer", code);
            rotation = ProposerRotation.Hooked;
        }
        else if (p is not null && ReadChoice(p, schema["proposer"].Choices, "csharp { ... }") == "stake_weighted")
        {
            rotation = ProposerRotation.StakeWeighted;
        }

        ImmutableArray<ulong> stakes = [];
        if (fields.TryGetValue("stakes", out var s))
        {
            // A hook sees the stakes too, and may weigh by them.
            if (rotation == ProposerRotation.RoundRobin)
            {
                Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, s.Head.Span, "`stakes` choose the proposer only with `proposer = stake_weighted` or a `proposer` hook", "add `proposer = stake_weighted`, or remove `stakes`");
            }

            stakes = ReadStakes(s, (int)count);
        }

        return model with
        {
            VoteDelay = Time(fields, schema, "vote_delay") ?? SimDuration.FromMilliseconds(100),
            Timeouts = timeouts,
            Rotation = rotation,
            Stakes = stakes.IsDefault ? [] : stakes,
            ProposerHook = hook,
        };
    }

    /// <summary>
    /// A set of nodes replaces the rollup's one operator and drives its blocks slot by slot, so
    /// block producers that run their own slots or their own timing are refused with it.
    /// </summary>
    internal void CheckCombinations(List<RollupModel> rollups, Dictionary<string, EntrySyntax> syntax, ImmutableArray<SharedSequencerModel> shared, ImmutableArray<BuilderModel> builders)
    {
        foreach (var rollup in rollups)
        {
            if (rollup.Sequencer.Consensus is null || !syntax.TryGetValue(rollup.Name, out var entry))
            {
                continue;
            }

            var name = rollup.Name;
            string? what = shared.FirstOrDefault(s => s.Rollups.Contains(name)) is { } s ? $"shared sequencer `{s.Name}`, which orders its blocks"
                : builders.FirstOrDefault(b => b.Rollups.Contains(name)) is { } b ? $"cross-chain builder `{b.Name}`, which builds its blocks"
                : rollup.Pbs is not null ? "a PBS auction (`builder NAME for " + name + "`)"
                : rollup.ExpressLane is not null ? "an `express_lane`"
                : rollup.Flashblocks is not null ? "`flashblocks`"
                : !rollup.Sequencer.Withhold.IsEmpty ? "`withhold` windows"
                : null;
            if (what is null)
            {
                continue;
            }

            RefuseAtSequencer(
                entry,
                $"rollup `{name}` has a `consensus` set of sequencer nodes and also {what}; the two cannot both decide its blocks",
                "model the set on a rollup of its own, or remove `consensus`");
        }
    }

    private SimDuration? Time(Dictionary<string, EntrySyntax> fields, ConstructSchema schema, string name) =>
        fields.TryGetValue(name, out var entry) ? ReadDuration(entry, schema[name]) : null;

    private ImmutableArray<ulong> ReadStakes(EntrySyntax entry, int nodes)
    {
        if (Value(entry) is not ListValue list)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Value?.Span ?? entry.Span, "`stakes` must be a list of whole numbers, one per node", "write `stakes = [40, 30, 20, 10]`");
            return default;
        }

        if (list.Items.Length != nodes)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, list.Span, $"`stakes` has {list.Items.Length} entries for {nodes} nodes", "give one stake per node");
            return default;
        }

        var stakes = ImmutableArray.CreateBuilder<ulong>(nodes);
        foreach (var item in list.Items)
        {
            if (ReadIntegerValue(item, 1, 1_000_000_000_000, Dimension.None, "a stake") is not { } stake)
            {
                return default;
            }

            stakes.Add(stake);
        }

        return stakes.MoveToImmutable();
    }

    // Faults given by count take the lowest-numbered nodes that no earlier fault line named or took.
    private ImmutableArray<NodeFault> ReadFaults(BodySyntax body, int nodes, ScenarioContext context)
    {
        var faults = ImmutableArray.CreateBuilder<NodeFault>();
        var taken = new bool[nodes];
        var ok = true;
        foreach (var line in body.Statements.OfType<EntrySyntax>().Where(e => e.Head.Text is "crashed" or "censor" or "equivocate"))
        {
            var kind = line.Head.Text switch
            {
                "crashed" => NodeFaultKind.Crashed,
                "censor" => NodeFaultKind.Censoring,
                _ => NodeFaultKind.Equivocating,
            };
            var args = line.Args;
            ExpressionSyntax? who = line.Value;
            var share = 0.0;
            if (kind == NodeFaultKind.Censoring)
            {
                if (args.Length < 2 || !EntryForms.IsKeyword(args[0], "by") || ReadCensoredShare(Value(line)) is not { } s)
                {
                    Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, line.Span, "`censor` is written `censor = SHARE by COUNT` or `censor = SHARE by [NODE, ...]`", "e.g. `censor = 10 % by 1`: one node leaves out the first 10 % of user accounts when it proposes");
                    ok = false;
                    continue;
                }

                share = s;
                who = args[1].Expression;
                args = args[2..];
            }

            // `crashed = 2 at 10 min for 5 min`: the number reads `at` as its unit, so the window's start is the first argument.
            var at = EntryForms.At(args);
            if (who is NumberSyntax { Unit.Text: "at" } counted && args.Length == 3)
            {
                at = args;
                who = counted with { Unit = null, Span = counted.NumberSpan };
            }

            TimeWindow? window = null;
            if (args.Length > 0)
            {
                if (kind != NodeFaultKind.Crashed || at.IsDefault)
                {
                    Diagnostics.Error(DiagnosticCodes.UnexpectedToken, Source, args[0].Span.Cover(args[^1].Span), $"unexpected arguments after `{line.Head.Text}`", kind == NodeFaultKind.Crashed ? "a crash may last a window: `crashed = 1 at 10 min for 5 min`" : $"`{line.Head.Text}` holds for the whole run");
                    ok = false;
                    continue;
                }

                window = Binders.Sequencer.ReadWindow(line, at[0].Expression, at[1..], "crashed = 1 at 10 min for 5 min", context);
                if (window is null)
                {
                    ok = false;
                    continue;
                }
            }

            var chosen = who is null ? default : ReadNodes(line, who, nodes, taken);
            if (chosen.IsDefault)
            {
                ok = false;
                continue;
            }

            faults.Add(new NodeFault(kind, chosen, window, share));
        }

        return ok ? faults.ToImmutable() : default;
    }

    private ImmutableArray<int> ReadNodes(EntrySyntax line, ExpressionSyntax who, int nodes, bool[] taken)
    {
        var raw = Evaluator.Evaluate(who);
        var value = ReferenceEquals(who, line.Value) ? Evaluated(line, raw) : raw;
        if (value is ErrorValue)
        {
            return default;
        }

        if (value is ListValue list)
        {
            var named = ImmutableArray.CreateBuilder<int>(list.Items.Length);
            foreach (var item in list.Items)
            {
                if (ReadIntegerValue(item, 1, (ulong)nodes, Dimension.None, "a node number") is not { } node)
                {
                    return default;
                }

                var index = (int)node - 1;
                if (named.Contains(index))
                {
                    Diagnostics.Error(DiagnosticCodes.Duplicate, Source, item.Span, $"node {node} is listed twice", "list each node once");
                    return default;
                }

                named.Add(index);
                taken[index] = true;
            }

            return named.ToImmutable();
        }

        if (value is not QuantityValue { IsPercent: false, Dimension: var d } q || d != Dimension.None || q.Magnitude != decimal.Truncate(q.Magnitude) || q.Magnitude < 0)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, value.Span, $"`{line.Head.Text}` takes a count of nodes or a list of node numbers, found {value.Describe()}", $"e.g. `{line.Head.Text} = 1` or `{line.Head.Text} = [2, 3]` (nodes are numbered 1 … {nodes})");
            return default;
        }

        var free = Enumerable.Range(0, nodes).Where(i => !taken[i]).ToList();
        if (q.Magnitude > free.Count)
        {
            // More faulty nodes than the set has is the one fault count that cannot be simulated.
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, $"a set of {nodes} nodes has {free.Count} node(s) left for `{line.Head.Text}`, not {q.Magnitude}", $"give at most {free.Count}, or more `nodes`");
            return default;
        }

        var chosen = free.Take((int)q.Magnitude).ToImmutableArray();
        foreach (var index in chosen)
        {
            taken[index] = true;
        }

        return Accepted(value, chosen);
    }

    private double? ReadCensoredShare(BoundValue value)
    {
        if (value is not QuantityValue { IsPercent: true } percent || percent.Magnitude <= 0 || percent.Magnitude > 1)
        {
            return null;
        }

        return (double)percent.Magnitude;
    }
}
