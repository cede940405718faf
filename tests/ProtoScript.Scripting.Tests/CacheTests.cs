using static ProtoScript.Scripting.Tests.Hooks;

namespace ProtoScript.Scripting.Tests;

public sealed class CacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "protoscript-hook-cache-tests", Guid.NewGuid().ToString("N"));

    private HookOptions Options => new() { CacheDirectory = _directory };

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_second_compile_of_the_same_hooks_loads_them_without_the_compiler()
    {
        var hook = Expression("y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)");
        var first = new HookCompiler(Options);
        using (var compiled = first.Compile([hook]).Hooks!)
        {
            Assert.False(compiled.FromCache);
        }

        var second = new HookCompiler(Options);
        var result = second.Compile([hook]);

        Assert.True(result.Success);
        using var hooks = result.Hooks;
        Assert.True(hooks.FromCache);
        Assert.Equal(1, first.CompilationCount);
        Assert.Equal(0, second.CompilationCount);
        Assert.True(hooks.OrderingRule(hook).Compare(Tx(1, fee: 1), Tx(2, fee: 2)) > 0);
    }

    [Fact]
    public void A_hook_moved_in_its_file_still_hits_the_cache_and_reports_its_new_place()
    {
        var code = "(int)(x.Nonce / (y.Nonce - y.Nonce))";
        using (new HookCompiler(Options).Compile([Expression(code)]).Hooks!)
        {
        }

        var moved = Locate(TestPath, "\n\n  ordering = csharp => " + code + "\n", code, isExpression: true);
        using var hooks = new HookCompiler(Options).Compile([moved]).Hooks!;

        Assert.True(hooks.FromCache);
        var e = Assert.Throws<HookException>(() => hooks.OrderingRule(moved).Compare(Tx(1, 1), Tx(2, 2)));
        Assert.StartsWith("test.proto-script:3:24: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_hook_misses_the_cache()
    {
        var compiler = new HookCompiler(Options);
        using (compiler.Compile([Expression("x.Nonce.CompareTo(y.Nonce)")]).Hooks!)
        {
        }

        using var hooks = compiler.Compile([Expression("y.Nonce.CompareTo(x.Nonce)")]).Hooks!;

        Assert.False(hooks.FromCache);
        Assert.Equal(2, compiler.CompilationCount);
        Assert.Equal(2, Directory.GetFiles(_directory, "*.dll").Length);
    }

    [Fact]
    public void The_key_depends_on_code_kind_form_and_order_but_not_on_position()
    {
        var a = Expression("x.Nonce.CompareTo(y.Nonce)");
        var b = Expression("y.Nonce.CompareTo(x.Nonce)");
        var aElsewhere = Locate("other.proto-script", "ordering = csharp => x.Nonce.CompareTo(y.Nonce)", "x.Nonce.CompareTo(y.Nonce)", isExpression: true);

        Assert.Equal(HookCache.Key([a]), HookCache.Key([aElsewhere]));
        Assert.NotEqual(HookCache.Key([a]), HookCache.Key([b]));
        Assert.NotEqual(HookCache.Key([a, b]), HookCache.Key([b, a]));
        Assert.NotEqual(HookCache.Key([a]), HookCache.Key([a with { IsExpression = false }]));
        Assert.NotEqual(HookCache.Key([a]), HookCache.Key([a with { Kind = Language.Model.HookKind.Derivation }]));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("empty")]
    public void A_corrupt_cache_file_is_ignored_and_rewritten(string damage)
    {
        var hook = Expression("x.Nonce.CompareTo(y.Nonce)");
        using (new HookCompiler(Options).Compile([hook]).Hooks!)
        {
        }

        var file = Assert.Single(Directory.GetFiles(_directory, "*.dll"));
        var good = File.ReadAllBytes(file);
        var bad = damage switch
        {
            "truncated" => good[..(good.Length / 2)],
            "flipped" => [.. good.Select((b, i) => i == good.Length - 100 ? (byte)(b ^ 0xFF) : b)],
            _ => [],
        };
        File.WriteAllBytes(file, bad);

        var compiler = new HookCompiler(Options);
        using var hooks = compiler.Compile([hook]).Hooks!;

        Assert.False(hooks.FromCache);
        Assert.Equal(1, compiler.CompilationCount);
        Assert.Equal(good, File.ReadAllBytes(file));
        Assert.True(hooks.OrderingRule(hook).Compare(Tx(1, 1), Tx(2, 2)) == 0);
    }

    [Fact]
    public void A_cache_file_copied_over_another_hooks_entry_is_a_miss_and_is_replaced()
    {
        // Two hooks that order the other way round, so running the wrong one shows.
        var ascending = Expression("x.PriorityFeePerGas.CompareTo(y.PriorityFeePerGas)");
        var descending = Expression("y.PriorityFeePerGas.CompareTo(x.PriorityFeePerGas)");
        using (new HookCompiler(Options).Compile([ascending]).Hooks!)
        {
        }

        using (new HookCompiler(Options).Compile([descending]).Hooks!)
        {
        }

        var ascendingFile = Path.Combine(_directory, HookCache.Key([ascending]) + ".dll");
        var descendingFile = Path.Combine(_directory, HookCache.Key([descending]) + ".dll");
        var descendingEntry = File.ReadAllBytes(descendingFile);
        File.Copy(ascendingFile, descendingFile, overwrite: true);

        var compiler = new HookCompiler(Options);
        using var hooks = compiler.Compile([descending]).Hooks!;

        Assert.False(hooks.FromCache);
        Assert.Equal(1, compiler.CompilationCount);
        Assert.True(hooks.OrderingRule(descending).Compare(Tx(1, fee: 1), Tx(2, fee: 2)) > 0);
        Assert.Equal(descendingEntry, File.ReadAllBytes(descendingFile));
    }

    [Fact]
    public void An_entry_is_bound_to_its_key_and_a_header_pasted_on_another_image_is_refused()
    {
        var image = new byte[] { 1, 2, 3, 4, 5 };
        var key = new string('a', 64);
        var other = new string('b', 64);
        var entry = HookCache.Wrap(key, image);

        Assert.Equal(image, HookCache.Unwrap(key, entry));
        Assert.Null(HookCache.Unwrap(other, entry));

        // The right key's header in front of a different image: the hash covers key and image together.
        var forged = HookCache.Wrap(key, [9, 9, 9, 9, 9]);
        Assert.Null(HookCache.Unwrap(key, [.. entry[..^image.Length], .. forged[^5..]]));

        // An entry of the old layout (the image's hash, then the image) is never read as the new one.
        Assert.Null(HookCache.Unwrap(key, [.. System.Security.Cryptography.SHA256.HashData(image), .. image]));
    }

    [Fact]
    public void A_compiled_scenario_whose_cache_file_holds_another_scenario_is_recompiled()
    {
        static Language.CompilationResult Scenario(string ordering) => Language.ScenarioCompiler.Compile(
            "swap.proto-script",
            "scenario \"swap\" {\n  duration 1 min\n  rollup A {\n    block_time = 2 s\n    ordering = " + ordering + "\n    accounts 10 funded 1 eth\n  }\n  workload {\n    users = poisson(1 / s) on A\n  }\n}\n");
        var fcfs = Scenario("fcfs");
        var priority = Scenario("priority_fee");
        Assert.True(fcfs.Success && priority.Success);
        using (CompiledScenario.Compile(fcfs, Options).Scenario!)
        {
        }

        using (CompiledScenario.Compile(priority, Options).Scenario!)
        {
        }

        var fcfsFile = Path.Combine(_directory, HookCache.ScenarioKey(CompiledScenario.EmitSource(fcfs.Model!, []), []) + ".dll");
        var priorityFile = Path.Combine(_directory, HookCache.ScenarioKey(CompiledScenario.EmitSource(priority.Model!, []), []) + ".dll");
        var priorityEntry = File.ReadAllBytes(priorityFile);
        File.Copy(fcfsFile, priorityFile, overwrite: true);

        using var again = CompiledScenario.Compile(priority, Options).Scenario!;

        Assert.False(again.FromCache);
        Assert.Equal(priority.Model!.Rollups[0].Ordering, again.Model.Rollups[0].Ordering);
        Assert.Equal(priorityEntry, File.ReadAllBytes(priorityFile));
    }

    [Fact]
    public void Hooks_with_errors_are_never_cached()
    {
        var compiler = new HookCompiler(Options);
        Assert.False(compiler.Compile([Expression("nope")]).Success);
        Assert.False(compiler.Compile([Expression("nope")]).Success);

        Assert.Equal(2, compiler.CompilationCount);
        Assert.False(Directory.Exists(_directory) && Directory.EnumerateFiles(_directory).Any());
    }

    [Fact]
    public void The_cache_directory_comes_from_the_option_then_the_variable_then_XDG_then_home()
    {
        var env = new Dictionary<string, string?> { ["PROTOSCRIPT_CACHE_DIR"] = "/from/variable", ["XDG_CACHE_HOME"] = "/xdg" };
        string? Get(string name) => env.GetValueOrDefault(name);

        Assert.Equal("/from/option", new HookOptions { CacheDirectory = "/from/option" }.ResolveCacheDirectory(Get));
        Assert.Equal("/from/variable", new HookOptions().ResolveCacheDirectory(Get));
        env.Remove("PROTOSCRIPT_CACHE_DIR");
        Assert.Equal("/xdg/protoscript/hooks", new HookOptions().ResolveCacheDirectory(Get));
        env.Remove("XDG_CACHE_HOME");
        Assert.Equal(
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "protoscript", "hooks"),
            new HookOptions().ResolveCacheDirectory(Get));
    }

    [Fact]
    public void Caching_can_be_turned_off()
    {
        var hook = Expression("x.Nonce.CompareTo(y.Nonce)");
        var compiler = new HookCompiler(Options with { UseCache = false });
        using (compiler.Compile([hook]).Hooks!)
        {
        }

        using var again = compiler.Compile([hook]).Hooks!;

        Assert.Null(compiler.CacheDirectory);
        Assert.False(again.FromCache);
        Assert.False(Directory.Exists(_directory));
    }
}
