using System.Text.RegularExpressions;
using ProtoScript.Language.Binding;
using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

/// <summary>
/// The schema catalogue is what the binder checks field names against and what an editor
/// would complete and hover from: every field is documented, the diagnostics come from it,
/// and it agrees with the field tables of docs/language.md.
/// </summary>
public partial class SchemaCatalogTests
{
    [Fact]
    public void Every_schema_field_has_a_one_line_doc()
    {
        var undocumented = SchemaCatalog.All
            .SelectMany(s => s.Fields.Select(f => (Schema: s.Name, Field: f)))
            .Where(x => string.IsNullOrWhiteSpace(x.Field.Doc) || x.Field.Doc.Contains('\n', StringComparison.Ordinal) || !x.Field.Doc.EndsWith('.'))
            .Select(x => $"{x.Schema}.{x.Field.Name}")
            .ToList();
        Assert.True(undocumented.Count == 0, "fields without a one-line doc: " + string.Join(", ", undocumented));
        Assert.All(SchemaCatalog.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Doc), s.Name));
    }

    [Fact]
    public void Schema_names_and_field_names_are_unique()
    {
        Assert.Equal(SchemaCatalog.All.Length, SchemaCatalog.All.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(SchemaCatalog.All, s => Assert.Equal(s.Fields.Length, s.Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count()));
    }

    [Fact]
    public void A_choice_field_lists_its_choices_and_only_choice_fields_do_so_with_a_default_among_them()
    {
        foreach (var schema in SchemaCatalog.All)
        {
            foreach (var field in schema.Fields.Where(f => !f.Choices.IsEmpty && f.Default is not null && f.Kind == FieldKind.Choice))
            {
                Assert.Contains(field.Default!, field.Choices);
            }
        }
    }

    [Fact]
    public void Find_returns_a_schema_by_its_key()
    {
        Assert.Same(SchemaCatalog.Rollup, SchemaCatalog.Find("rollup"));
        Assert.Same(SchemaCatalog.Batch, SchemaCatalog.Find("rollup.batch"));
        Assert.Null(SchemaCatalog.Find("nothing"));
        Assert.Equal(FieldKind.Time, SchemaCatalog.Rollup.Find("block_time")!.Kind);
        Assert.True(SchemaCatalog.Rollup.Find("block_time")!.Required);
    }

    public static TheoryData<string, string, string> UnknownFieldSites() => new()
    {
        // schema key, scenario with the unknown field `zzzzzz`, the hint's "where"
        { "scenario", Replace("  seed 1\n", "  seed 1\n  zzzzzz = 1\n"), "in a scenario" },
        { "l1", Replace("slot_time = 12 s", "slot_time = 12 s  zzzzzz = 1"), "in `l1`" },
        { "rollup", Replace("    block_time = 2 s\n", "    block_time = 2 s\n    zzzzzz = 1\n"), "in rollup `A`" },
        { "rollup.batch", Replace("    block_time = 2 s\n", "    block_time = 2 s\n    batch { zzzzzz = 1 }\n"), "in the batch of rollup `A`" },
        { "workload", Replace("    priority_fee = exponential(1 gwei)\n", "    priority_fee = exponential(1 gwei)\n    zzzzzz = 1\n"), "in `workload`" },
        { "fees", Replace("    block_time = 2 s\n", "    block_time = 2 s\n    fees { zzzzzz = 1 }\n"), "in the fees of rollup `A`" },
        { "hooks", Replace("  seed 1\n", "  seed 1\n  hooks { zzzzzz = 1 }\n"), "in `hooks`" },
    };

    [Theory]
    [MemberData(nameof(UnknownFieldSites))]
    public void An_unknown_field_lists_the_fields_of_its_construct_schema(string schemaName, string text, string where)
    {
        var schema = SchemaCatalog.Find(schemaName)!;
        var unknown = TestSources.Compile(text).Diagnostics.Single(d => d.Message == $"unknown name `zzzzzz` {where}");
        Assert.Equal("expected one of: " + string.Join(", ", schema.Fields.Select(f => f.Name)), unknown.Hint);
    }

    [Fact]
    public void A_misspelt_field_is_matched_against_the_schema_for_the_suggestion()
    {
        // Every rollup field, misspelt by swapping two letters, is suggested back.
        foreach (var field in SchemaCatalog.Rollup.Fields.Where(f => f.Name.Length >= 6))
        {
            var misspelt = field.Name[..2] + field.Name[3] + field.Name[2] + field.Name[4..];
            var text = Replace("    block_time = 2 s\n", $"    block_time = 2 s\n    {misspelt} = 1\n");
            var unknown = TestSources.Compile(text).Diagnostics.First(d => d.Message.StartsWith($"unknown name `{misspelt}`", StringComparison.Ordinal));
            Assert.Equal($"did you mean `{field.Name}`?", unknown.Hint);
        }
    }

    [Fact]
    public void Every_field_with_bounds_has_both_and_in_order()
    {
        var fields = SchemaCatalog.All.SelectMany(s => s.Fields).Where(f => f.Minimum is not null || f.Maximum is not null).ToList();
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.True(f.Minimum is { } min && f.Maximum is { } max && min <= max, f.Name));
    }

    [Theory]
    [InlineData("slot_time = 12 s", "slot_time = 50 ms", "l1", "slot_time")]
    [InlineData("block_time = 2 s", "block_time = 2 h", "rollup", "block_time")]
    public void A_time_out_of_range_is_reported_with_the_bounds_of_its_schema_field(string valid, string invalid, string schema, string field)
    {
        var f = SchemaCatalog.Find(schema)!.Find(field)!;
        var error = TestSources.Single(Replace(valid, invalid));
        Assert.Equal($"`{field}` must be between {new Model.SimDuration((long)f.Minimum!.Value)} and {new Model.SimDuration((long)f.Maximum!.Value)}", error.Message);
    }

    [Fact]
    public void A_whole_number_out_of_range_is_reported_with_the_bounds_of_its_schema_field()
    {
        var error = TestSources.Single(Replace("gas_limit = 1_000_000", "gas_limit = 20_000"));
        var f = SchemaCatalog.Rollup.Find("gas_limit")!;
        Assert.Equal(FormattableString.Invariant($"`gas_limit` must be a whole number between {f.Minimum:N0} and {f.Maximum:N0}").Replace(",", "_", StringComparison.Ordinal), error.Message);
    }

    /// <summary>Which docs/language.md table documents which schema: by the `## ` section and the table's first header cell.</summary>
    private static readonly (string Section, string Header, string Schema)[] DocumentedTables =
    [
        ("The scenario", "Entry", "scenario"),
        ("`l1`", "Field", "l1"),
        ("`l1`", "`blobs` field", "l1.blobs"),
        ("`rollup`", "Field", "rollup"),
        ("`rollup`", "`batch` field", "rollup.batch"),
        ("`rollup`", "`standard` derivation field", "rollup.derivation.standard"),
        ("`rollup`", "`sequencer` line (each repeatable)", "rollup.sequencer"),
        ("`rollup`", "`bft` field", "rollup.sequencer.bft"),
        ("`rollup`", "`raft` field", "rollup.sequencer.raft"),
        ("`rollup`", "`amm` field", "rollup.amm"),
        ("`rollup`", "`fees` field", "fees"),
        ("`rollup`", "`eip1559` field", "fees.base_fee_market.eip1559"),
        ("`rollup`", "`speed_limit` field", "fees.base_fee_market.speed_limit"),
        ("`workload`", "Field", "workload"),
        ("`workload`", "`workload` field", "workload"),
        ("`workload`", "`bundles` field", "workload.bundles"),
        ("`provers`", "Field", "provers"),
        ("`provers`", "`deadline` field", "provers.deadline"),
        ("`provers`", "`aggregation` field", "provers.aggregation"),
        ("`provers`", "`verification` field", "provers.verification"),
        ("`shared_sequencer`", "Field", "shared_sequencer"),
        ("`builder`", "Field", "builder"),
        ("`builder`", "`pbs` field", "rollup.pbs"),
        ("`rollup`", "`express_lane` field", "rollup.express_lane"),
        ("`rollup`", "`mempool` field", "rollup.mempool"),
        ("`workload`", "`population` field", "workload.population"),
    ];

    /// <summary>Fields documented in a section of their own rather than in their parent's table.</summary>
    private static readonly string[] DocumentedElsewhere = ["scenario.provers", "rollup.amm", "rollup.fees"];

    [Fact]
    public void Every_field_in_a_docs_table_is_in_its_schema()
    {
        var tables = AllTables();
        Assert.All(DocumentedTables, d => Assert.Contains(tables, t => t.Section == d.Section && t.Header == d.Header && t.Names.Count > 0));
        var unknown = DocTables()
            .SelectMany(t => t.Names.Select(n => (t.Schema, Name: n)))
            .Where(x => !SchemaCatalog.Find(x.Schema)!.Contains(x.Name))
            .Select(x => $"{x.Schema}.{x.Name}")
            .ToList();
        Assert.True(unknown.Count == 0, "docs/language.md documents fields the schema does not have: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_schema_field_of_a_documented_construct_is_in_its_docs_table()
    {
        var documented = DocTables().GroupBy(t => t.Schema).ToDictionary(g => g.Key, g => g.SelectMany(t => t.Names).ToHashSet(StringComparer.Ordinal));
        var missing = documented
            .SelectMany(d => SchemaCatalog.Find(d.Key)!.Fields.Where(f => !d.Value.Contains(f.Name)).Select(f => $"{d.Key}.{f.Name}"))
            .Where(n => !DocumentedElsewhere.Contains(n))
            .ToList();
        Assert.True(missing.Count == 0, "schema fields missing from docs/language.md's tables: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_choices_in_the_docs_tables_are_the_schemas_choices()
    {
        var tables = AllTables();
        var selection = tables.Single(t => t.Section == "`provers`" && t.Header == "Selection").Names;
        Assert.Equal(SchemaCatalog.Provers.Find("selection")!.Choices.Order(StringComparer.Ordinal), selection.Order(StringComparer.Ordinal));
        var forced = tables.Single(t => t.Section == "`rollup`" && t.Header == "`forced_inclusion`").Names;
        Assert.Equal(SchemaCatalog.Rollup.Find("forced_inclusion")!.Choices, forced);
    }

    private static List<(string Schema, List<string> Names)> DocTables() =>
        [.. AllTables()
            .Select(t => (Table: t, Map: DocumentedTables.FirstOrDefault(d => d.Section == t.Section && d.Header == t.Header)))
            .Where(x => x.Map.Schema is not null)
            .Select(x => (x.Map.Schema, x.Table.Names))];

    /// <summary>Every table of docs/language.md: its `## ` section, its first header cell and the leading name of each row's first cell.</summary>
    private static List<(string Section, string Header, List<string> Names)> AllTables()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "language.md"));
        var tables = new List<(string Section, string Header, List<string> Names)>();
        var section = string.Empty;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                section = lines[i][3..].Trim();
                continue;
            }

            if (!lines[i].StartsWith('|') || (i > 0 && lines[i - 1].StartsWith('|')))
            {
                continue;
            }

            var header = FirstCell(lines[i]);
            var names = new List<string>();
            for (var j = i + 2; j < lines.Length && lines[j].StartsWith('|'); j++)
            {
                var match = LeadingName().Match(FirstCell(lines[j]));
                if (match.Success)
                {
                    names.Add(match.Groups["name"].Value);
                }
            }

            tables.Add((section, header, names));
        }

        return tables;
    }

    private static string FirstCell(string row) => row.Split('|')[1].Trim();

    private static string Replace(string what, string with) => TestSources.Valid.Replace(what, with, StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProtoScript.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (ProtoScript.sln) was not found");
    }

    [GeneratedRegex("^`(?<name>[a-z_0-9]+)")]
    private static partial Regex LeadingName();

    [Fact]
    public void The_ordering_choices_are_the_ordering_rule_enum_s_members_in_snake_case()
    {
        Assert.Equal(["fcfs", "priority_fee", "random", "auction"], SchemaCatalog.Rollup.Find("ordering")!.Choices.ToArray());
        Assert.Equal(OrderingRule.PriorityFee, TestSources.Compile(TestSources.Valid).Model!.Rollups[0].Ordering);
        var random = TestSources.Compile(TestSources.Valid.Replace("ordering = priority_fee", "ordering = random", StringComparison.Ordinal)).Model!;
        Assert.Equal(OrderingRule.Random, random.Rollups[0].Ordering);
    }
}
