using Nerdbank.Streams;
using StreamJsonRpc;

namespace ProtoScript.LanguageServer;

/// <summary>
/// The Language Server Protocol server for <c>.proto-script</c> files: JSON-RPC over a pair of
/// streams with LSP's <c>Content-Length</c> framing, answering from the language library's
/// parser, binder, formatter and schema catalogue.
/// </summary>
public static class ProtoScriptLanguageServer
{
    /// <summary>How long diagnostics wait after an edit, so that typing does not bind every keystroke.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Serves one client until it sends <c>exit</c> or closes its stream.
    /// </summary>
    /// <param name="input">What the client writes (standard input).</param>
    /// <param name="output">What the client reads (standard output).</param>
    /// <param name="debounce">The wait before diagnostics are published; null for <see cref="DefaultDebounce"/>.</param>
    /// <returns>0 when the client sent <c>shutdown</c> before <c>exit</c>, 1 otherwise (as LSP asks).</returns>
    public static async Task<int> RunAsync(Stream input, Stream output, TimeSpan? debounce = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var handler = new HeaderDelimitedMessageHandler(output, input, new JsonMessageFormatter());
        using var rpc = new JsonRpc(handler);
        var server = new LanguageServerTarget(rpc, debounce ?? DefaultDebounce);
        rpc.AddLocalRpcTarget(server);
        rpc.StartListening();
        try
        {
            await Task.WhenAny(rpc.Completion, server.Exited).ConfigureAwait(false);
        }
        finally
        {
            server.CancelPending();
        }

        return server.ShutdownRequested ? 0 : 1;
    }

    /// <summary>Serves one client over an in-memory duplex stream (what tests and embedding hosts use).</summary>
    /// <param name="stream">The server's end of the duplex stream.</param>
    /// <param name="debounce">The wait before diagnostics are published; null for <see cref="DefaultDebounce"/>.</param>
    /// <returns>As <see cref="RunAsync(Stream, Stream, TimeSpan?)"/>.</returns>
    public static Task<int> RunAsync(Stream stream, TimeSpan? debounce = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return RunAsync(stream, stream, debounce);
    }

    /// <summary>Creates a connected pair of in-memory streams: one for a client, one for <see cref="RunAsync(Stream, TimeSpan?)"/>.</summary>
    /// <returns>The client's end and the server's end.</returns>
    public static (Stream Client, Stream Server) CreateDuplexPair()
    {
        var (a, b) = FullDuplexStream.CreatePair();
        return (a, b);
    }
}
