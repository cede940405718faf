using GeneratedScenario.Scenarios;
using ProtoScript.Reporting;

// Quickstart was generated at build time from ../quickstart.proto-script: nothing is parsed here.
var result = Quickstart.Run();
Console.Write(TextReportWriter.Write(result, ExpectationChecker.Check(Quickstart.Model, result)));
