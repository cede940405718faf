using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using StreamJsonRpc;

namespace ProtoScript.LanguageServer.Tests;

/// <summary>An LSP client speaking to the server over an in-memory duplex stream, as an editor would over stdio.</summary>
internal sealed class LspClient : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly Task<int> _server;
    private readonly Notifications _notifications = new();

    private LspClient(Stream client, Task<int> server)
    {
        _server = server;
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(client, client, new JsonMessageFormatter()));
        _rpc.AddLocalRpcTarget(_notifications);
        _rpc.StartListening();
    }

    public const string Uri = "file:///tmp/protoscript-lsp-tests/scenario.proto-script";

    public static async Task<LspClient> StartAsync(int debounceMilliseconds = 20)
    {
        var (client, server) = ProtoScriptLanguageServer.CreateDuplexPair();
        var session = new LspClient(client, ProtoScriptLanguageServer.RunAsync(server, TimeSpan.FromMilliseconds(debounceMilliseconds)));
        await session.RequestAsync("initialize", new { processId = (int?)null, rootUri = (string?)null, capabilities = new { } });
        await session._rpc.NotifyWithParameterObjectAsync("initialized", new { });
        return session;
    }

    public Task<JToken> RequestAsync(string method, object parameters) =>
        _rpc.InvokeWithParameterObjectAsync<JToken>(method, parameters);

    public Task NotifyAsync(string method, object parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public async Task<JToken> OpenAsync(string text, int version = 1)
    {
        await NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "proto-script", version, text } });
        return await DiagnosticsAsync(version);
    }

    /// <summary>The diagnostics published for <paramref name="version"/> of the document (earlier versions' are skipped).</summary>
    public async Task<JToken> DiagnosticsAsync(int version)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var published = await _notifications.Diagnostics.Reader.ReadAsync(timeout.Token);
            if ((int?)published["version"] == version)
            {
                return published["diagnostics"]!;
            }
        }
    }

    /// <summary>The next publication, whatever its version.</summary>
    public async Task<JToken> NextPublishedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _notifications.Diagnostics.Reader.ReadAsync(timeout.Token);
    }

    public IReadOnlyCollection<JToken> Messages => _notifications.Messages;

    public static object At(int line, int character) => new { textDocument = new { uri = Uri }, position = new { line, character } };

    public async Task<int> ShutdownAsync()
    {
        await RequestAsync("shutdown", new { });
        await NotifyAsync("exit", new { });
        return await _server.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<int> ExitAsync()
    {
        await NotifyAsync("exit", new { });
        return await _server.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        await Task.WhenAny(_server, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    /// <summary>What the server sends unasked.</summary>
    public sealed class Notifications
    {
        public System.Threading.Channels.Channel<JToken> Diagnostics { get; } = System.Threading.Channels.Channel.CreateUnbounded<JToken>();

        public ConcurrentQueue<JToken> Messages { get; } = new();

        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(JToken parameters) => Diagnostics.Writer.TryWrite(parameters);

        [JsonRpcMethod("window/showMessage", UseSingleObjectParameterDeserialization = true)]
        public void ShowMessage(JToken parameters) => Messages.Enqueue(parameters);
    }
}
