using GeneratedScenario.Scenarios;
using ProtoScript.Reporting;
using ProtoScript.Testing;

namespace ProtoScript.Generators.Tests;

/// <summary>
/// examples/GeneratedScenario is built by <c>dotnet build</c> with the generator loaded as an
/// analyzer, as a user's project would be; these tests call the classes that build generated.
/// </summary>
public class ConsumerProjectTests
{
    [Fact]
    public void Quickstart_built_by_dotnet_build_prints_the_verified_report()
    {
        var result = Quickstart.Run();

        var report = TextReportWriter.Write(result, ExpectationChecker.Check(Quickstart.Model, result));

        Snapshot.Verify(report, ScenarioSnapshot.VerifiedPath(Repository.Example("quickstart.proto-script")));
    }

    [Fact]
    public void Congestion_built_by_dotnet_build_prints_the_verified_report_with_its_expectations()
    {
        var result = Congestion.Run();

        var report = TextReportWriter.Write(result, ExpectationChecker.Check(Congestion.Model, result));

        Assert.Equal(4, Congestion.Model.Expectations.Length);
        Snapshot.Verify(report, ScenarioSnapshot.VerifiedPath(Repository.Example("congestion.proto-script")));
    }
}
