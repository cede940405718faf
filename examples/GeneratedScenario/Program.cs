using ProtoScript.Reporting;

// Quickstart was generated at build time from ../quickstart.proto-script: nothing is parsed here.
// Named in full rather than imported: `dotnet format` may load this project before the generator
// is built, and would then take a `using GeneratedScenario.Scenarios;` for an unused one.
var result = GeneratedScenario.Scenarios.Quickstart.Run();
Console.Write(TextReportWriter.Write(result, ExpectationChecker.Check(GeneratedScenario.Scenarios.Quickstart.Model, result)));
