using ProtoScript.Reporting;
using ProtoScript.Testing;

namespace ProtoScript.Generators.Tests;

/// <summary>
/// examples/GeneratedScenario is built by <c>dotnet build</c> with the generator loaded as an
/// analyzer, as a user's project would be; these tests call the classes that build generated.
/// They are named in full: `dotnet format` may load this project before the generator is built,
/// and would then remove a `using GeneratedScenario.Scenarios;` as unused.
/// </summary>
public class ConsumerProjectTests
{
    [Fact]
    public void Quickstart_built_by_dotnet_build_prints_the_verified_report()
    {
        var result = GeneratedScenario.Scenarios.Quickstart.Run();

        var report = TextReportWriter.Write(result, ExpectationChecker.Check(GeneratedScenario.Scenarios.Quickstart.Model, result));

        Snapshot.Verify(report, ScenarioSnapshot.VerifiedPath(Repository.Example("quickstart.proto-script")));
    }

    [Fact]
    public void Congestion_built_by_dotnet_build_prints_the_verified_report_with_its_expectations()
    {
        var result = GeneratedScenario.Scenarios.Congestion.Run();

        var report = TextReportWriter.Write(result, ExpectationChecker.Check(GeneratedScenario.Scenarios.Congestion.Model, result));

        Assert.Equal(7, GeneratedScenario.Scenarios.Congestion.Model.Expectations.Length);
        Snapshot.Verify(report, ScenarioSnapshot.VerifiedPath(Repository.Example("congestion.proto-script")));
    }

    [Fact]
    public void Fee_split_built_by_dotnet_build_runs_its_fee_hook_from_the_generated_code_and_prints_the_verified_report()
    {
        // No hook set is compiled or passed here: the generated class holds the hook.
        var result = GeneratedScenario.Scenarios.FeeSplit.Run();

        var report = TextReportWriter.Write(result, ExpectationChecker.Check(GeneratedScenario.Scenarios.FeeSplit.Model, result, GeneratedScenario.Scenarios.FeeSplit.Rules));

        Assert.Contains("fee distribution (csharp)", report, StringComparison.Ordinal);
        Snapshot.Verify(report, ScenarioSnapshot.VerifiedPath(Repository.Example("fee-split.proto-script")));
    }
}
