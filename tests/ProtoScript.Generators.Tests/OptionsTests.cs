namespace ProtoScript.Generators.Tests;

public class OptionsTests
{
    [Fact]
    public void The_namespace_defaults_to_the_root_namespace_and_Scenarios()
    {
        var (run, _) = GeneratorHarness.Run([GeneratorHarness.Example("quickstart.proto-script")], new Dictionary<string, string> { ["RootNamespace"] = "My.App" });

        Assert.Contains("namespace My.App.Scenarios;", run.GeneratedTrees.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ProtoScriptNamespace_property_sets_the_namespace()
    {
        var properties = new Dictionary<string, string> { ["RootNamespace"] = "My.App", [ScenarioGenerator.NamespaceProperty] = "Sims" };

        var (run, output) = GeneratorHarness.Run([GeneratorHarness.Example("quickstart.proto-script")], properties);

        Assert.Contains("namespace Sims;", run.GeneratedTrees.Single().ToString(), StringComparison.Ordinal);
        Assert.NotNull(output.GetTypeByMetadataName("Sims.Quickstart"));
    }

    [Theory]
    [InlineData("my-app", "my_app.Scenarios")]
    [InlineData("1st.class", "_1st.@class.Scenarios")]
    public void A_root_namespace_that_is_not_valid_CSharp_is_made_valid(string root, string expected)
    {
        var (run, output) = GeneratorHarness.Run([GeneratorHarness.Example("quickstart.proto-script")], new Dictionary<string, string> { ["RootNamespace"] = root });

        Assert.Contains("namespace " + expected + ";", run.GeneratedTrees.Single().ToString(), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("quickstart.proto-script", "Quickstart")]
    [InlineData("/a/b/fee-split_v2.proto-script", "FeeSplitV2")]
    [InlineData("2rollups.proto-script", "_2rollups")]
    [InlineData("quickstart.v2.PROTO-SCRIPT", "QuickstartV2")]
    [InlineData("---.proto-script", "Scenario")]
    public void The_class_name_is_the_file_name_in_PascalCase(string path, string expected)
    {
        Assert.Equal(expected, Emit.ScenarioEmitter.ClassNameFromPath(path));
    }
}
