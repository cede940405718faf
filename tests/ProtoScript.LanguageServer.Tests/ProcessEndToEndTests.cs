using System.Diagnostics;
using Newtonsoft.Json.Linq;
using StreamJsonRpc;

namespace ProtoScript.LanguageServer.Tests;

public sealed class ProcessEndToEndTests
{
    [Fact]
    public async Task The_real_proto_script_lsp_process_answers_initialize_and_exits_0_after_shutdown_and_exit()
    {
        // The CLI is built beside the tests (a project reference); run it as a user's editor would.
        var cli = Path.Combine(AppContext.BaseDirectory, "proto-script.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("lsp");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, new JsonMessageFormatter()));
            rpc.StartListening();
            var initialized = await rpc.InvokeWithParameterObjectAsync<JToken>("initialize", new { processId = Environment.ProcessId, rootUri = (string?)null, capabilities = new { } })
                .WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("proto-script", (string?)initialized["serverInfo"]!["name"]);
            Assert.Equal(1, (int?)initialized["capabilities"]!["textDocumentSync"]!["change"]);
            Assert.True((bool?)initialized["capabilities"]!["hoverProvider"]);
            await rpc.NotifyWithParameterObjectAsync("initialized", new { });
            await rpc.InvokeWithParameterObjectAsync<JToken>("shutdown", new { }).WaitAsync(TimeSpan.FromSeconds(30));
            await rpc.NotifyWithParameterObjectAsync("exit", new { });
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(string.Empty, await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
