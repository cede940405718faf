using System.CommandLine;

namespace ProtoScript.LanguageServer;

/// <summary><c>proto-script lsp</c>: the language server over standard input and output, for editors.</summary>
public static class LanguageServerCommand
{
    /// <summary>Builds the <c>lsp</c> command; it reads and writes the process's raw standard streams.</summary>
    /// <returns>The command to add to the root command.</returns>
    public static Command Build()
    {
        var command = new Command("lsp", "Run the Language Server Protocol server over standard input/output (started by an editor, not by hand).");
        command.SetAction(async (_, cancellation) =>
        {
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return await ProtoScriptLanguageServer.RunAsync(input, output).WaitAsync(cancellation).ConfigureAwait(false);
        });
        return command;
    }
}
