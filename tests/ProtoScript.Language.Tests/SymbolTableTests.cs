using ProtoScript.Language.Binding;
using ProtoScript.Language.Model;

namespace ProtoScript.Language.Tests;

/// <summary>
/// The declaration pass's symbol table: every declared name with the span of its name, every
/// use resolved to its declaration, lookups by position, and all of it (with a partial model)
/// even when the file has errors.
/// </summary>
public class SymbolTableTests
{
    private const string Scenario = """
        scenario "symbols" {
          duration 5 min
          l1 ethereum { slot_time = 12 s }
          token usdc { decimals = 6 }
          rollup A {
            block_time = 2 s
            accounts 100 funded 1 eth, 1_000 usdc
            amm "ETH/USDC" { reserves = (100 eth, 300_000 usdc) }
            batch { to = ethereum.blobs }
            ordering = csharp => txs
          }
          rollup B like A { }
          provers for A { count = 2  selection = round_robin  proof_time = 10 s per block }
          shared_sequencer s for A, B { }
          builder b for A, B { }
          workload {
            users = poisson(5 / s) on A, B
            deposits = poisson(1 / min) on B
          }
          expect { report.A.transactions.included > 0 }
        }
        """;

    [Fact]
    public void Every_declared_name_is_a_symbol_with_the_span_of_its_name()
    {
        var result = TestSources.Compile(Scenario);
        var symbols = result.Symbols;
        var text = result.Source.Text;
        string Name(Symbol s) => result.Source.GetText(s.NameSpan);

        var a = Assert.Single(symbols.Named(SymbolKind.Rollup, "A"));
        Assert.Equal("A", Name(a));
        Assert.Equal(text.IndexOf("rollup A", StringComparison.Ordinal) + "rollup ".Length, a.NameSpan.Start);
        Assert.StartsWith("rollup A {", result.Source.GetText(a.DeclarationSpan), StringComparison.Ordinal);

        Assert.Equal("ethereum", Name(Assert.Single(symbols.Named(SymbolKind.L1, "ethereum"))));
        Assert.Equal("usdc", Name(Assert.Single(symbols.Named(SymbolKind.Token, "usdc"))));
        Assert.Equal("\"symbols\"", Name(Assert.Single(symbols.Named(SymbolKind.Scenario, "symbols"))));
        Assert.Equal("s", Name(Assert.Single(symbols.Named(SymbolKind.SharedSequencer, "s"))));
        Assert.Equal("b", Name(Assert.Single(symbols.Named(SymbolKind.Builder, "b"))));
        Assert.Equal("provers", Name(Assert.Single(symbols.Named(SymbolKind.Provers, "provers for A"))));
        Assert.Equal(["users", "deposits"], symbols.Symbols.Where(s => s.Kind == SymbolKind.Users).Select(s => s.Name));

        var pool = Assert.Single(symbols.Named(SymbolKind.Pool, "ETH/USDC"));
        Assert.Same(a, pool.Container);
        var hook = Assert.Single(symbols.Named(SymbolKind.Hook, "ordering"));
        Assert.Same(a, hook.Container);
    }

    [Fact]
    public void Every_use_of_a_rollup_refers_to_its_declaration_in_source_order()
    {
        var result = TestSources.Compile(Scenario);
        var a = result.Symbols.Named(SymbolKind.Rollup, "A").Single();
        var uses = result.Symbols.ReferencesTo(a).ToList();

        // like A, provers for A, shared_sequencer ... A, builder ... A, users ... on A, report.A
        Assert.Equal(6, uses.Count);
        Assert.All(uses, u => Assert.Equal("A", result.Source.GetText(u.Span)));
        Assert.Equal(uses.Select(u => u.Span.Start).Order(), uses.Select(u => u.Span.Start));
        Assert.Equal(result.Source.Text.IndexOf("like A", StringComparison.Ordinal) + "like ".Length, uses[0].Span.Start);
        Assert.Equal(result.Source.Text.IndexOf("report.A", StringComparison.Ordinal) + "report.".Length, uses[^1].Span.Start);

        var b = result.Symbols.Named(SymbolKind.Rollup, "B").Single();
        Assert.Equal(4, result.Symbols.ReferencesTo(b).Count()); // shared sequencer, builder, users, deposits
    }

    [Fact]
    public void Token_units_and_the_batch_target_refer_to_their_token_and_l1()
    {
        var result = TestSources.Compile(Scenario);
        var usdc = result.Symbols.Named(SymbolKind.Token, "usdc").Single();
        Assert.Equal(2, result.Symbols.ReferencesTo(usdc).Count()); // funded ..., 1_000 usdc and the pool's reserves

        var l1 = result.Symbols.Named(SymbolKind.L1, "ethereum").Single();
        var target = Assert.Single(result.Symbols.ReferencesTo(l1));
        Assert.Equal(result.Source.Text.IndexOf("ethereum.blobs", StringComparison.Ordinal), target.Span.Start);
    }

    [Fact]
    public void Find_at_a_position_returns_the_definition_or_the_reference_written_there()
    {
        var result = TestSources.Compile(Scenario);
        var text = result.Source.Text;
        var a = result.Symbols.Named(SymbolKind.Rollup, "A").Single();

        var onReference = result.Symbols.Find(result.Source.Path, text.IndexOf("on A, B", StringComparison.Ordinal) + 3);
        Assert.NotNull(onReference);
        Assert.Same(a, onReference.Symbol);
        Assert.False(onReference.IsDefinition);

        var onDefinition = result.Symbols.Find(result.Source.Path, a.NameSpan.Start);
        Assert.NotNull(onDefinition);
        Assert.Same(a, onDefinition.Symbol);
        Assert.True(onDefinition.IsDefinition);

        Assert.Null(result.Symbols.Find(result.Source.Path, text.IndexOf("duration", StringComparison.Ordinal) + 2));
        Assert.Null(result.Symbols.Find("another.proto-script", a.NameSpan.Start));
    }

    [Fact]
    public void A_like_of_an_imported_template_refers_to_the_template_in_its_own_file()
    {
        const string library = "rollup T {\n  block_time = 2 s\n  accounts 100 funded 1 eth\n}\n";
        const string scenario = """
            import "lib.proto-script"
            scenario "s" {
              duration 1 min
              rollup A like T { }
              workload { users = poisson(1 / s) on A }
            }
            """;
        var result = ScenarioCompiler.Compile("/work/s.proto-script", scenario, p => p == "/work/lib.proto-script" ? library : null);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));

        var template = Assert.Single(result.Symbols.Named(SymbolKind.Rollup, "T"));
        Assert.Equal("/work/lib.proto-script", template.Source.Path);
        Assert.Equal(library.IndexOf('T', StringComparison.Ordinal), template.NameSpan.Start);
        var use = Assert.Single(result.Symbols.ReferencesTo(template));
        Assert.Equal("/work/s.proto-script", use.Source.Path);
        Assert.Equal("lib.proto-script", Assert.Single(result.Symbols.Symbols.Where(s => s.Kind == SymbolKind.Import)).Name);
    }

    [Fact]
    public void A_file_with_errors_still_yields_its_symbols_and_a_partial_model()
    {
        const string broken = """
            scenario "broken" {
              rollup A {
                block_time = 2 eth
                accounts 100 funded 1 eth
              }
              rollup B {
                block_time = 2 s
                accounts 100 funded 1 eth
              }
              workload { users = poisson(5 / s) on A, B, C }
            }
            """;
        var result = TestSources.Compile(broken);
        Assert.False(result.Success);
        Assert.Null(result.Model);

        Assert.Equal(["A", "B"], result.Symbols.Symbols.Where(s => s.Kind == SymbolKind.Rollup).Select(s => s.Name));
        var a = result.Symbols.Named(SymbolKind.Rollup, "A").Single();
        Assert.Single(result.Symbols.ReferencesTo(a)); // `C` does not resolve and is not recorded

        var partial = result.PartialModel;
        Assert.NotNull(partial);
        Assert.Equal("broken", partial.Name);
        Assert.Equal(SimDuration.Zero, partial.Duration); // missing: its default in a partial model
        Assert.Equal(["B"], partial.Rollups.Select(r => r.Name)); // A's block time is wrong: left out
        Assert.Equal(SimDuration.FromSeconds(2), partial.Rollups[0].BlockTime);
    }

    [Fact]
    public void A_valid_file_has_its_model_as_its_partial_model()
    {
        var result = TestSources.Compile(TestSources.Valid);
        Assert.True(result.Success);
        Assert.Same(result.Model, result.PartialModel);
    }

    [Fact]
    public void A_file_without_a_scenario_still_has_the_symbols_it_declares()
    {
        var result = TestSources.Compile("token usdc { decimals = 6 }\nrollup A { block_time = 2 s }\n");
        Assert.Null(result.PartialModel);
        Assert.Equal(["usdc", "A"], result.Symbols.Symbols.Select(s => s.Name));
    }
}
