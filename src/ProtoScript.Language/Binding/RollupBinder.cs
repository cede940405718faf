using System.Collections.Immutable;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>A <c>rollup</c> block: its own fields, <c>like</c> inheritance, and the nested constructs it delegates to their binders.</summary>
internal sealed class RollupBinder(BindingState state) : ConstructBinder(state)
{
    // Each rollup's statements after inheritance, so that `like` chains through several levels.
    private readonly Dictionary<string, List<StatementSyntax>> _resolvedRollups = new(StringComparer.Ordinal);

    internal RollupModel? BindRollup(EntrySyntax entry, Dictionary<string, EntrySyntax> declared, ScenarioContext context)
    {
        if (entry.Args.Length == 0 || entry.Args[0].Expression is not PathSyntax { Parts.Length: 1 } namePath)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Args.Length > 0 ? entry.Args[0].Span : entry.Head.Span, "`rollup` needs a name", "write `rollup A { ... }`");
            return null;
        }

        var name = namePath.Text;
        if (declared.ContainsKey(name))
        {
            Diagnostics.Error(DiagnosticCodes.Duplicate, Source, namePath.Span, $"rollup `{name}` is declared twice", "give each rollup its own name");
            return null;
        }

        // Inheritance: the parent's resolved fields (its own parent's included), overridden by the child's own.
        var statements = new List<StatementSyntax>();
        if (EntryForms.Like(entry) is { } like)
        {
            if (like is { IsWellFormed: true, Parent: { } parentPath })
            {
                if (_resolvedRollups.TryGetValue(parentPath.Text, out var inherited))
                {
                    statements.AddRange(inherited);
                }
                else
                {
                    var suggestion = NameSuggester.Suggest(parentPath.Text, declared.Keys.Concat(State.Templates));
                    Diagnostics.Error(DiagnosticCodes.UnknownReference, Source, parentPath.Span, $"no rollup named `{parentPath.Text}` is declared before this one", suggestion is not null ? $"did you mean `{suggestion}`?" : "a rollup can only be `like` one declared above it" + (declared.Count > 0 ? ": " + string.Join(", ", declared.Keys) : string.Empty));
                }
            }
            else
            {
                Diagnostics.Error(DiagnosticCodes.UnexpectedToken, Source, entry.Args[1].Span.Cover(entry.Args[^1].Span), "expected `like OTHER` or a block after the rollup's name", "write `rollup B like A { ... }`");
            }
        }

        declared[name] = entry;
        if (entry.Body is null)
        {
            Diagnostics.Error(DiagnosticCodes.MissingField, Source, entry.Span, $"rollup `{name}` needs a block in braces", "write `rollup A { block_time = 2 s }`");
            return null;
        }

        statements.AddRange(entry.Body.Statements);
        _resolvedRollups[name] = statements;

        // Check names on the rollup's own statements only; inherited ones were checked on the parent.
        Entries(entry.Body, SchemaCatalog.Rollup, $"in rollup `{name}`");
        var fields = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
        foreach (var s in statements.OfType<EntrySyntax>())
        {
            if (SchemaCatalog.Rollup.Contains(s.Head.Text))
            {
                fields[s.Head.Text] = s;
            }
        }

        InheritFields(entry.Body, statements, fields);
        var amms = Binders.Markets.BindAmms(statements.OfType<EntrySyntax>(), name);
        State.RollupPools[name] = amms;
        if (amms.Length < statements.OfType<EntrySyntax>().Count(e => e.Head.Text == "amm"))
        {
            State.RollupsWithBrokenPools.Add(name);
        }

        SimDuration? blockTime = null;
        if (fields.TryGetValue("block_time", out var bt))
        {
            blockTime = In(bt, () => ReadDuration(bt, SchemaCatalog.Rollup["block_time"]));
        }
        else
        {
            MissingField(namePath.Span, "block_time", $"rollup `{name}`", "block_time = 2 s", entry.Body);
        }

        var gasLimit = fields.TryGetValue("gas_limit", out var gl) ? In(gl, () => ReadInteger(gl, SchemaCatalog.Rollup["gas_limit"])) : 30_000_000UL;
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
                var choice = In(ord, () => ReadChoice(ord, SchemaCatalog.Rollup["ordering"].Choices));
                ordering = choice is null ? OrderingRule.Fcfs : OrderingRuleNames.Parse(choice) ?? OrderingRule.Fcfs;
            }
        }

        var auction = Binders.Auction.BindAuction(fields, ordering, name);
        var validityHook = Binders.Validity.BindValidity(fields, name);
        var batch = fields.TryGetValue("batch", out var batchEntry) ? In(batchEntry, () => Binders.DataAvailability.BindBatch(batchEntry, name, context)) : BatchModel.Default;
        var derivation = fields.TryGetValue("derivation", out var derivationEntry) ? In(derivationEntry, () => Binders.DataAvailability.BindDerivation(derivationEntry, name)) : DerivationModel.Standard;
        var fees = fields.TryGetValue("fees", out var feesEntry) ? In(feesEntry, () => Binders.Fees.BindFees(feesEntry, name)) : null;
        if (batch.Target == DaTarget.Auto && fees is not null && batchEntry?.Body?.Statements.OfType<EntrySyntax>().FirstOrDefault(e => e.Head.Text == "to") is { } autoEntry)
        {
            // A fees block charges users an L1 data fee priced from one market (blob base fee or base fee).
            var line = Source.GetPosition(feesEntry!.Head.Span.Start).Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Diagnostics.Error(
                DiagnosticCodes.InvalidValue,
                Source,
                autoEntry.Head.Span,
                $"`to = {context.L1Name}.auto` cannot be combined with the `fees` block of line {line}: its L1 data fee is priced from one market, blobs or calldata, and a batcher that switches between them is not modelled there",
                $"post to `{context.L1Name}.blobs` or `{context.L1Name}.calldata`, or remove the `fees` block");
        }

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
            State.RollupTokenFunding[name] = tokenBalances;
        }
        else
        {
            MissingField(namePath.Span, "accounts", $"rollup `{name}`", "accounts 1_000 funded 10 eth", entry.Body);
        }

        if (blockTime is null || gasLimit is null || accounts == 0)
        {
            return null;
        }

        var flashblocks = Binders.Flashblocks.BindFlashblocks(fields, blockTime);
        var model = new RollupModel(name, blockTime.Value, gasLimit.Value, ordering, baseFee, accounts, funded)
        {
            OrderingHook = orderingHook,
            Auction = auction,
            ValidityHook = validityHook,
            Batch = batch,
            Derivation = derivation,
            Fees = fees,
            Bridge = Binders.Bridge.BindBridge(fields),
            Sequencer = fields.TryGetValue("sequencer", out var sequencerEntry) ? In(sequencerEntry, () => Binders.Sequencer.BindSequencer(sequencerEntry, name, context)) : SequencerModel.Reliable,
            ForcedInclusion = fields.TryGetValue("forced_inclusion", out var forcedEntry) ? In(forcedEntry, () => Binders.Sequencer.BindForcedInclusion(forcedEntry, name, batch, derivation, context)) : ForcedInclusionModel.None,
            Amms = amms,
            TokenBalances = tokenBalances,
            Flashblocks = flashblocks,
            ExpressLane = Binders.ExpressLane.BindExpressLane(fields, name),
            Mempool = Binders.Mempool.BindMempool(fields, name),
        };
        Binders.Flashblocks.CheckCombinations(fields, model);
        Binders.ExpressLane.CheckCombinations(fields, model);
        return model;
    }

    /// <summary>
    /// Gives the rollup's bound construct the fields it inherits through <c>like</c> and does
    /// not override, before they are read again in its context (so that they record into it).
    /// </summary>
    private void InheritFields(BodySyntax own, List<StatementSyntax> statements, Dictionary<string, EntrySyntax> effective)
    {
        if (State.Bound.ConstructOf(own) is not { } construct)
        {
            return;
        }

        var written = own.Statements.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var inherited in statements.OfType<EntrySyntax>().Where(s => !written.Contains(s)))
        {
            if (SchemaCatalog.Rollup.Find(inherited.Head.Text) is { } field && (field.Repeatable || ReferenceEquals(effective[inherited.Head.Text], inherited)))
            {
                State.Bound.Inherit(construct, inherited, State.Origins.GetValueOrDefault(inherited) ?? Source);
            }
        }
    }

    private (int Count, UInt128 Funded, ImmutableArray<TokenBalanceModel> Tokens) ReadAccounts(EntrySyntax entry)
    {
        // accounts N funded AMOUNT [, TOKEN_AMOUNT ...]
        if (entry.IsField || entry.Args.Length < 3 || entry.Args[1].Expression is not PathSyntax { Text: "funded" } || entry.Args.Skip(3).Any(a => !a.CommaBefore))
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`accounts` is written `accounts COUNT funded AMOUNT[, TOKEN AMOUNT ...]`", "e.g. `accounts 10_000 funded 100 eth` or `accounts 10_000 funded 100 eth, 50_000 usdc`");
            return (0, UInt128.Zero, []);
        }

        var countValue = Evaluator.Evaluate(entry.Args[0].Expression);
        var count = ReadIntegerValue(countValue, 2, RollupModel.MaxAccounts, Dimension.None, "accounts");
        var funded = ReadWei(Evaluator.Evaluate(entry.Args[2].Expression), UInt128.Zero, Wei.PerEther * 1_000_000_000);
        var tokens = ImmutableArray.CreateBuilder<TokenBalanceModel>();
        var ok = true;
        foreach (var arg in entry.Args.Skip(3))
        {
            var amount = ReadTokenAmount(Evaluator.Evaluate(arg.Expression));
            if (amount is null)
            {
                ok = false;
            }
            else if (amount.Value.Token == "eth" || tokens.Any(t => t.Token == amount.Value.Token))
            {
                Diagnostics.Error(DiagnosticCodes.Duplicate, Source, arg.Span, $"accounts are funded in {amount.Value.Token} twice", "give each token once");
                ok = false;
            }
            else
            {
                tokens.Add(new TokenBalanceModel(amount.Value.Token, amount.Value.Amount));
            }
        }

        return count is null || funded is null || !ok ? (0, UInt128.Zero, []) : ((int)count.Value, funded.Value, tokens.ToImmutable());
    }
}
