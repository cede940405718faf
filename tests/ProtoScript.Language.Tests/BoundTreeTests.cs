using ProtoScript.Language.Binding;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Tests;

/// <summary>
/// The bound tree: every construct and field the binder read, with its schema, its spans and
/// its evaluated value in base units; lookups by position; a tree even when the file has
/// errors; and the model lowered from it.
/// </summary>
public class BoundTreeTests
{
    private const string Scenario = """
        scenario "bound" {
          duration 5 min
          l1 ethereum { slot_time = 12 s  base_fee = 2 gwei }
          rollup A {
            block_time = 2 s
            gas_limit = 1_000_000
            ordering = priority_fee
            accounts 100 funded 1 eth
            batch { every = 30 s  compression = zlib }
            fees { l1_data_fee = true  distribute = split { sequencer = 40 %  treasury = 60 % } }
          }
          rollup B like A {
            block_time = 250 ms
          }
          workload {
            users = poisson(5 / s) on A, B
          }
        }
        """;

    [Fact]
    public void A_fields_bound_value_is_in_base_units_with_its_dimension()
    {
        var bound = TestSources.Compile(Scenario).Bound;
        var rollupA = RollupConstruct(bound, "A");

        var blockTime = rollupA.Field("block_time")!;
        Assert.Same(SchemaCatalog.Rollup.Find("block_time"), blockTime.Schema);
        Assert.True(blockTime.IsAccepted);
        Assert.Equal(2_000_000m, blockTime.Quantity!.Magnitude);
        Assert.Equal(Dimension.Duration, blockTime.Quantity.Dimension);
        Assert.Equal("2 s = 2_000_000 us, a time (ms, s, min, h)", blockTime.Describe());

        var baseFee = bound.Scenario!.Children.Single(c => c.Kind == "l1").Field("base_fee")!;
        Assert.Equal(2_000_000_000m, baseFee.Quantity!.Magnitude);
        Assert.Equal(Dimension.Ether1, baseFee.Quantity.Dimension);

        Assert.Equal("priority_fee", rollupA.Field("ordering")!.Choice);
        var fees = rollupA.Field("fees")!.Block!;
        Assert.True(fees.Field("l1_data_fee")!.Boolean);
        Assert.Equal(0.4m, fees.Field("distribute")!.Block!.Field("sequencer")!.Quantity!.Magnitude);
    }

    [Fact]
    public void A_field_knows_the_spans_of_its_assignment_and_its_value_and_its_construct_the_span_of_its_block()
    {
        var result = TestSources.Compile(Scenario);
        var gasLimit = RollupConstruct(result.Bound, "A").Field("gas_limit")!;

        Assert.Equal("gas_limit = 1_000_000", result.Source.GetText(gasLimit.Span));
        Assert.Equal("1_000_000", result.Source.GetText(gasLimit.ValueSpan!.Value));
        var batch = gasLimit.Construct.Field("batch")!.Block!;
        Assert.Equal("batch { every = 30 s  compression = zlib }", result.Source.GetText(batch.Span));
        Assert.Same(gasLimit.Construct, batch.Parent);
        Assert.Equal("rollup.batch", batch.Kind);
    }

    [Fact]
    public void A_like_rollup_has_the_fields_it_writes_and_those_it_inherits_marked_as_inherited()
    {
        var result = TestSources.Compile(Scenario);
        var rollupB = RollupConstruct(result.Bound, "B");

        var written = rollupB.Fields.Where(f => !f.IsInherited).Select(f => f.Name).ToArray();
        var inherited = rollupB.Fields.Where(f => f.IsInherited).Select(f => f.Name).ToArray();
        Assert.Equal(["block_time"], written);
        Assert.Equal(["gas_limit", "ordering", "accounts", "batch", "fees"], inherited);

        // The written field overrides; the inherited ones are bound again for B and point at A's text.
        Assert.Equal(250_000m, rollupB.Field("block_time")!.Quantity!.Magnitude);
        var batch = rollupB.Field("batch")!;
        Assert.True(batch.IsInherited);
        Assert.True(batch.Block!.IsInherited);
        Assert.Equal(30_000_000m, batch.Block.Field("every")!.Quantity!.Magnitude);
        Assert.Same(RollupConstruct(result.Bound, "A").Field("batch")!.Syntax, batch.Syntax);
        Assert.Equal(30_000_000L, TimeSpanOfModel(result, "B"));
    }

    [Fact]
    public void A_position_finds_the_innermost_field_and_construct_written_there()
    {
        var result = TestSources.Compile(Scenario);
        var text = result.Source.Text;

        var inEvery = text.IndexOf("30 s", StringComparison.Ordinal) + 1;
        var field = result.Bound.FieldAt(inEvery)!;
        Assert.Equal("every", field.Name);
        Assert.Equal("rollup.batch", field.Construct.Kind);
        Assert.False(field.IsInherited);
        Assert.Equal("rollup.batch", result.Bound.ConstructAt(inEvery)!.Kind);

        // Between the fields of a block: the innermost field is the one holding the block, whose
        // construct is what completion offers fields of.
        var betweenFields = text.IndexOf("  compression", StringComparison.Ordinal) + 1;
        var holder = result.Bound.FieldAt(betweenFields)!;
        Assert.Equal("batch", holder.Name);
        Assert.Same(holder.Block, result.Bound.ConstructAt(betweenFields));

        var inShare = text.IndexOf("40 %", StringComparison.Ordinal);
        Assert.Equal("fees.split", result.Bound.ConstructAt(inShare)!.Kind);
        Assert.Equal("sequencer", result.Bound.FieldAt(inShare)!.Name);

        var inB = text.IndexOf("250 ms", StringComparison.Ordinal);
        var rollupB = result.Bound.ConstructAt(inB)!;
        Assert.Equal("rollup", rollupB.Kind);
        Assert.Equal("B", rollupB.Symbol!.Name);

        Assert.Null(result.Bound.ConstructAt(text.Length + 10));
    }

    [Fact]
    public void A_fields_names_resolve_to_the_symbols_they_refer_to()
    {
        var result = TestSources.Compile(Scenario);
        var users = result.Bound.Scenario!.Children.Single(c => c.Kind == "workload").Field("users")!;

        Assert.Equal(["A", "B"], users.References.Select(r => r.Symbol.Name));
        Assert.All(users.References, r => Assert.Equal(Binding.SymbolKind.Rollup, r.Symbol.Kind));
    }

    [Fact]
    public void A_hook_field_holds_its_bound_hook()
    {
        var result = TestSources.Compile(TestSources.Valid.Replace("ordering = priority_fee", "ordering = csharp => txs", StringComparison.Ordinal));
        var ordering = RollupConstruct(result.Bound, "A").Field("ordering")!;

        Assert.IsType<HookValue>(ordering.Value);
        Assert.Same(result.Model!.Hooks.Single(), ordering.Hook);
    }

    [Fact]
    public void A_file_with_errors_still_yields_a_bound_tree_of_its_valid_parts()
    {
        var result = TestSources.Compile(TestSources.Valid
            .Replace("block_time = 2 s", "block_time = 2 gwei", StringComparison.Ordinal)
            .Replace("l1 ethereum { slot_time = 12 s }", "l1 ethereum { slot_time = 12 s  fork = pragueee }", StringComparison.Ordinal));

        Assert.False(result.Success);
        var rollupA = RollupConstruct(result.Bound, "A");
        var blockTime = rollupA.Field("block_time")!;
        Assert.False(blockTime.IsAccepted);
        Assert.Equal(Dimension.Ether1, blockTime.Quantity!.Dimension);
        Assert.True(rollupA.Field("gas_limit")!.IsAccepted);
        Assert.Equal(1_000_000m, rollupA.Field("gas_limit")!.Quantity!.Magnitude);

        var l1 = result.Bound.Scenario!.Children.Single(c => c.Kind == "l1");
        Assert.True(l1.Field("slot_time")!.IsAccepted);
        Assert.False(l1.Field("fork")!.IsAccepted);
        Assert.Null(l1.Field("fork")!.Choice);
    }

    [Fact]
    public void A_file_too_large_to_read_has_an_empty_bound_tree()
    {
        var result = ScenarioCompiler.Compile("big.proto-script", new string(' ', ScenarioCompiler.MaxSourceLength + 1));

        Assert.Empty(result.Bound.Roots);
        Assert.Null(result.Bound.FieldAt(0));
    }

    [Fact]
    public void The_model_is_lowered_from_the_bound_values()
    {
        var result = TestSources.Compile(Scenario);
        var model = result.Model!;
        var l1 = result.Bound.Scenario!.Children.Single(c => c.Kind == "l1");

        Assert.Equal((long)l1.Field("slot_time")!.Quantity!.Magnitude, model.L1.SlotTime.Microseconds);
        Assert.Equal((UInt128)l1.Field("base_fee")!.Quantity!.Magnitude, model.L1.BaseFee);
        var a = model.Rollups.Single(r => r.Name == "A");
        Assert.Equal(Model.CompressionKind.Zlib, a.Batch.Compression);
        Assert.True(a.Fees!.L1DataFee);
    }

    [Fact]
    public void A_rejected_field_lowers_to_its_default_in_the_partial_model()
    {
        var result = TestSources.Compile(TestSources.Valid.Replace("l1 ethereum { slot_time = 12 s }", "l1 ethereum { slot_time = 12 gwei  background_gas = 30 % }", StringComparison.Ordinal));
        var l1 = result.Bound.Scenario!.Children.Single(c => c.Kind == "l1");

        Assert.False(l1.Field("slot_time")!.IsAccepted);
        Assert.True(l1.Field("background_gas")!.IsAccepted);
        Assert.Equal(Model.SimDuration.FromSeconds(12), result.PartialModel!.L1.SlotTime);
        Assert.Equal(0.3, result.PartialModel.L1.BackgroundGas);
    }

    [Fact]
    public void Provers_lower_their_selection_and_scoped_times_from_bound_fields()
    {
        var result = TestSources.Compile(TestSources.Valid.Replace("  workload {", """
              provers for A {
                count = 3
                pipeline = per_transaction
                proof_time = normal(30 s, 5 s) per transaction
                aggregation_time = 2 s
                cost = 0.002 eth per transaction
                selection = stake { stakes = [1 eth, 2 eth, 3 eth] }
              }
              workload {
            """, StringComparison.Ordinal));
        var bound = result.Bound.Scenario!.Children.Single(c => c.Kind == "provers");
        var provers = result.Model!.Provers.Single();

        Assert.Equal(3, provers.Count);
        Assert.Equal((long)bound.Field("aggregation_time")!.Quantity!.Magnitude, (long)provers.AggregationTime.A);
        Assert.Equal(Model.ProvingScope.Transaction, provers.CostScope);
        Assert.Equal((UInt128)bound.Field("cost")!.Quantity!.Magnitude, provers.Cost);
        Assert.True(bound.Field("selection")!.IsAccepted);
        Assert.Equal("provers.selection.stake", bound.Field("selection")!.Block!.Kind);
        Assert.Equal(Model.ProverSelectionKind.Stake, provers.Selection.Kind);
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "examples"), "*.proto-script").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_field_of_an_example_binds_to_a_schema(string example)
    {
        var path = Path.Combine(RepositoryRoot, "examples", example);
        var result = ScenarioCompiler.Compile(path, File.ReadAllText(path));
        Assert.True(result.Success);

        var fields = result.Bound.AllFields.Where(f => !f.IsInherited && f.Source.Path == path).ToLookup(f => f.Syntax, ReferenceEqualityComparer.Instance);
        var constructs = result.Bound.AllConstructs.Where(c => !c.IsInherited).Select(c => c.BodySpan).ToHashSet();
        var scenario = result.Syntax.Statements.OfType<EntrySyntax>().Single(e => e.Head.Text == "scenario");
        var unbound = new List<string>();
        Walk(scenario.Body!);
        Assert.Empty(unbound);

        void Walk(BodySyntax body)
        {
            if (!constructs.Contains(body.Span))
            {
                unbound.Add($"the block at {result.Source.GetPosition(body.Span.Start)} has no construct");
            }

            foreach (var entry in body.Statements.OfType<EntrySyntax>())
            {
                var bound = fields[entry].ToList();
                if (bound.Count != 1 || bound[0].Value is null && bound[0].Block is null && bound[0].Schema.Kind != FieldKind.Form)
                {
                    unbound.Add($"`{entry.Head.Text}` at {result.Source.GetPosition(entry.Span.Start)}: {bound.Count} bound field(s)" + (bound.Count == 1 ? ", no value" : string.Empty));
                }

                foreach (var nested in new[] { entry.Body, (entry.Value as ObjectSyntax)?.Body }.OfType<BodySyntax>())
                {
                    Walk(nested);
                }
            }
        }
    }

    private static long TimeSpanOfModel(CompilationResult result, string rollup) =>
        result.Model!.Rollups.Single(r => r.Name == rollup).Batch.Every.Microseconds;

    private static BoundConstruct RollupConstruct(BoundScenario bound, string name) =>
        bound.Scenario!.Children.Single(c => c.Kind == "rollup" && c.Symbol?.Name == name);

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ProtoScript.sln not found above " + AppContext.BaseDirectory);
    }
}
