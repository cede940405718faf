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
}
