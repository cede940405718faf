using System.Diagnostics;
using System.Reflection;

namespace ProtoScript.Generators.Tests;

/// <summary>
/// A real <c>dotnet build</c> of a throwaway consumer project: the generator, the language and
/// Pidgin load in the SDK's compiler, and a scenario error fails the build at the scenario's
/// own file, line and column.
/// </summary>
public class ConsumerBuildTests
{
    private const string Broken = "scenario \"bad\" {\n  duration 1 min\n  l1 ethereum { slot_time = 12 s }\n  rollup A {\n    block_time = 2 gwei\n    gas_limit = 1_000_000\n    accounts 10 funded 1 eth\n  }\n}\n";

    [Fact]
    public void A_broken_scenario_fails_dotnet_build_at_its_file_line_and_column()
    {
        var dir = Path.Combine(Path.GetTempPath(), "protoscript-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.proto-script"), Broken);
            File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{Path.Combine(Repository.Root, "generators", "ProtoScript.Generators", "ProtoScript.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                    <ProjectReference Include="{Path.Combine(Repository.Root, "src", "ProtoScript.Engine", "ProtoScript.Engine.csproj")}" />
                    <AdditionalFiles Include="bad.proto-script" />
                  </ItemGroup>
                </Project>
                """);

            var (exitCode, output) = DotnetBuild(dir);

            Assert.NotEqual(0, exitCode);
            Assert.Contains(Path.Combine(dir, "bad.proto-script") + "(5,18): error PS3003: expected a time", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int ExitCode, string Output) DotnetBuild(string dir)
    {
        // The referenced projects were built with this test project, in its configuration; building
        // them again would race with other test assemblies. No build servers outlive the test.
        var configuration = typeof(ConsumerBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "build", "-c", configuration, "-nologo", "-nodeReuse:false", "-p:BuildProjectReferences=false", "-p:UseSharedCompilation=false" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
