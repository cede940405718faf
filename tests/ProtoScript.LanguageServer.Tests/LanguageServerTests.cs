using Newtonsoft.Json.Linq;

namespace ProtoScript.LanguageServer.Tests;

public sealed class LanguageServerTests
{
    // Lines are numbered from 0 below, as LSP counts them.
    private const string Scenario =
        "scenario \"lsp\" {\n" + // 0
        "  duration 10 min\n" + // 1
        "\n" + // 2
        "  rollup A {\n" + // 3
        "    block_time = 2 s\n" + // 4
        "    gas_limit = 1_050_000\n" + // 5
        "    accounts 1_000 funded 10 eth\n" + // 6
        "  }\n" + // 7
        "\n" + // 8
        "  rollup B like A {\n" + // 9
        "    ordering = priority_fee\n" + // 10
        "  }\n" + // 11
        "\n" + // 12
        "  workload {\n" + // 13
        "    users = poisson(5 / s) on A, B\n" + // 14
        "  }\n" + // 15
        "}\n";

    [Fact]
    public async Task A_clean_scenario_publishes_no_diagnostics()
    {
        await using var client = await LspClient.StartAsync();
        var diagnostics = await client.OpenAsync(Scenario);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_misspelt_field_is_a_diagnostic_at_its_zero_based_range_with_its_code()
    {
        await using var client = await LspClient.StartAsync();
        var diagnostics = await client.OpenAsync(Scenario.Replace("block_time", "blok_time", StringComparison.Ordinal));
        // The binder also reports that `B`, `like A`, now lacks `block_time`: a second diagnostic on line 9.
        Assert.Equal([4, 9], diagnostics.Select(d => (int)d["range"]!["start"]!["line"]!));
        var diagnostic = diagnostics[0]!;
        Assert.Equal("PS3001", (string?)diagnostic["code"]);
        Assert.Equal(1, (int?)diagnostic["severity"]);
        Assert.Equal(Range(4, 4, 4, 13), diagnostic["range"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Contains("did you mean `block_time`?", (string?)diagnostic["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_republishes_the_diagnostics_of_the_new_text()
    {
        await using var client = await LspClient.StartAsync();
        Assert.NotEmpty(await client.OpenAsync(Scenario.Replace("block_time", "blok_time", StringComparison.Ordinal)));
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = LspClient.Uri, version = 2 }, contentChanges = new[] { new { text = Scenario } } });
        Assert.Empty(await client.DiagnosticsAsync(2));
    }

    [Fact]
    public async Task An_edit_within_the_debounce_cancels_the_diagnostics_of_the_text_it_replaced()
    {
        await using var client = await LspClient.StartAsync(debounceMilliseconds: 1000);
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = LspClient.Uri, languageId = "proto-script", version = 1, text = Scenario.Replace("block_time", "blok_time", StringComparison.Ordinal) } });
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = LspClient.Uri, version = 2 }, contentChanges = new[] { new { text = Scenario } } });
        var first = await client.NextPublishedAsync();
        Assert.Equal(2, (int?)first["version"]);
        Assert.Empty(first["diagnostics"]!);
    }

    [Fact]
    public async Task The_quick_fix_replaces_the_misspelt_field_with_the_suggestion()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario.Replace("block_time", "blok_time", StringComparison.Ordinal));
        var actions = await client.RequestAsync("textDocument/codeAction", new
        {
            textDocument = new { uri = LspClient.Uri },
            range = new { start = new { line = 4, character = 6 }, end = new { line = 4, character = 6 } },
            context = new { diagnostics = Array.Empty<object>() },
        });
        var action = Assert.Single(actions);
        Assert.Equal("quickfix", (string?)action["kind"]);
        var edit = Assert.Single(action["edit"]!["changes"]![LspClient.Uri]!);
        Assert.Equal("block_time", (string?)edit["newText"]);
        Assert.Equal(Range(4, 4, 4, 13), edit["range"]!.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task Formatting_returns_the_canonical_text()
    {
        await using var client = await LspClient.StartAsync();
        var messy = Scenario.Replace("    block_time = 2 s", "        block_time   =   2 s", StringComparison.Ordinal);
        await client.OpenAsync(messy);
        var edits = await client.RequestAsync("textDocument/formatting", new { textDocument = new { uri = LspClient.Uri }, options = new { tabSize = 2, insertSpaces = true } });
        var edit = Assert.Single(edits);
        Assert.Equal(Scenario, (string?)edit["newText"]);
        Assert.Equal(Range(0, 0, 17, 0), edit["range"]!.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task Formatting_refuses_a_file_with_syntax_errors_and_says_why()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario.Replace("block_time = 2 s", "block_time = = 2 s", StringComparison.Ordinal));
        var edits = await client.RequestAsync("textDocument/formatting", new { textDocument = new { uri = LspClient.Uri }, options = new { tabSize = 2, insertSpaces = true } });
        Assert.Empty(edits);
        var message = Assert.Single(client.Messages);
        Assert.Equal(1, (int?)message["type"]);
        Assert.Contains("not formatted", (string?)message["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_on_a_quantity_gives_its_value_in_base_units()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario);
        var hover = await client.RequestAsync("textDocument/hover", LspClient.At(4, 18));
        var text = (string?)hover["contents"]!["value"];
        Assert.Contains("`2 s` = 2000000 µs", text, StringComparison.Ordinal);
        Assert.Contains("time", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_on_a_field_gives_its_meaning_from_the_schema_catalogue()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario);
        var hover = await client.RequestAsync("textDocument/hover", LspClient.At(4, 6));
        Assert.Contains("**block_time** (rollup): " + Language.Binding.SchemaCatalog.Rollup.Find("block_time")!.Doc, (string?)hover["contents"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_on_a_rollup_name_says_what_it_is()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario);
        var hover = await client.RequestAsync("textDocument/hover", LspClient.At(9, 16));
        var text = (string?)hover["contents"]!["value"];
        Assert.StartsWith("**rollup A** (line 4): a rollup", text, StringComparison.Ordinal);
        Assert.Contains("block_time = 2 s", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_inside_a_rollup_block_offers_its_fields()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario.Replace("    gas_limit = 1_050_000\n", "    gas_limit = 1_050_000\n    \n", StringComparison.Ordinal));
        var items = await client.RequestAsync("textDocument/completion", LspClient.At(6, 4));
        var labels = items.Select(i => (string?)i["label"]).ToList();
        Assert.Contains("block_time", labels);
        Assert.Contains("ordering", labels);
        Assert.DoesNotContain("duration", labels);
        Assert.Empty(await client.RequestAsync("textDocument/completion", LspClient.At(1, 11)));
    }

    [Fact]
    public async Task Completion_after_a_number_offers_units_and_after_like_the_rollups()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario);
        var units = (await client.RequestAsync("textDocument/completion", LspClient.At(4, 19))).Select(i => (string?)i["label"]).ToList();
        Assert.Contains("ms", units);
        Assert.Contains("gwei", units);
        var rollups = (await client.RequestAsync("textDocument/completion", LspClient.At(9, 16))).Select(i => (string?)i["label"]).ToList();
        Assert.Equal(["A", "B"], rollups);
    }

    [Fact]
    public async Task Definition_of_a_like_base_is_the_rollup_declaration()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario);
        var location = Assert.Single(await client.RequestAsync("textDocument/definition", LspClient.At(9, 16)));
        Assert.Equal(LspClient.Uri, (string?)location["uri"]);
        Assert.Equal(Range(3, 9, 3, 10), location["range"]!.ToString(Newtonsoft.Json.Formatting.None));
        var fromWorkload = Assert.Single(await client.RequestAsync("textDocument/definition", LspClient.At(14, 33)));
        Assert.Equal(Range(9, 9, 9, 10), fromWorkload["range"]!.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task Document_symbols_outline_the_scenario()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario + "sweep rollup.A.block_time in [1 s, 2 s] runs 1\n");
        var symbols = await client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = LspClient.Uri } });
        Assert.Equal(["scenario \"lsp\"", "sweep rollup.A.block_time in [1 s, 2 s] runs 1"], symbols.Select(s => (string?)s["name"]));
        Assert.Equal(["rollup A", "rollup B like A", "workload"], symbols[0]!["children"]!.Select(s => (string?)s["name"]));
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_the_server_with_exit_code_0()
    {
        await using var client = await LspClient.StartAsync();
        Assert.Equal(0, await client.ShutdownAsync());
    }

    [Fact]
    public async Task An_unknown_method_gets_a_json_rpc_error_and_the_server_keeps_serving()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync(Scenario);
        await Assert.ThrowsAsync<StreamJsonRpc.RemoteMethodNotFoundException>(() => client.RequestAsync("textDocument/noSuchThing", new { }));
        var hover = await client.RequestAsync("textDocument/hover", LspClient.At(4, 18));
        Assert.Contains("2000000 µs", (string?)hover["contents"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_the_server_with_exit_code_1()
    {
        await using var client = await LspClient.StartAsync();
        Assert.Equal(1, await client.ExitAsync());
    }

    private static string Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        new JObject
        {
            ["start"] = new JObject { ["line"] = startLine, ["character"] = startCharacter },
            ["end"] = new JObject { ["line"] = endLine, ["character"] = endCharacter },
        }.ToString(Newtonsoft.Json.Formatting.None);
}
