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
