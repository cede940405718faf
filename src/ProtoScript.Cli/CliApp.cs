using System.CommandLine;
using ProtoScript.Language.Diagnostics;

namespace ProtoScript.Cli;

/// <summary>
/// The <c>proto-script</c> command line. Output goes to the writers it is given, so that
/// tests run it in process; nothing here writes to the console directly.
/// </summary>
public static class CliApp
{
    /// <summary>Runs the tool with its arguments and returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [Isolation.WorkerProcess.Verb])
        {
            // A worker started by an isolated run: requests on standard input, replies on stdout.
            return Isolation.WorkerHost.Run(Console.In, stdout);
        }

        return Run(args, stdout, stderr, inWorker: false);
    }

    /// <summary>Runs a command line in this process, whatever its isolation switches say (what a worker does with a request).</summary>
    internal static int RunInProcess(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, inWorker: true);

    private static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool inWorker)
    {
        var root = BuildRoot(stdout, stderr, inWorker);
        if (args.Length == 0)
        {
            // A first try with no arguments: what the tool does and its commands, not an error message.
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return ExitCodes.BadInput;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine's own report: each error (with the tool's code), its typo
            // corrections ("did you mean ...") and the failing command's help, all on stderr.
            if (parse.Action is System.CommandLine.Invocation.ParseErrorAction errorAction)
            {
                errorAction.ShowHelp = true;
                errorAction.ShowTypoCorrections = true;
            }

            using var errors = new PrefixingWriter(stderr, $"proto-script: error {DiagnosticCodes.InvalidArgument}: ");
            parse.Invoke(new InvocationConfiguration { Output = stderr, Error = errors, EnableDefaultExceptionHandler = false });
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug of ours: say so plainly, without a stack trace unless asked for one.
            // The message may carry a hook's text: escaped and capped like every such text.
            stderr.Write($"proto-script: internal error: {ex.GetType().Name}: {UntrustedText.Show(ex.Message)}\n");
            if (Environment.GetEnvironmentVariable("PROTOSCRIPT_DEBUG") == "1")
            {
                stderr.Write(ex.ToString() + "\n");
            }
            else
            {
                stderr.Write("This is a bug in proto-script; set PROTOSCRIPT_DEBUG=1 to see the stack trace and please report it.\n");
            }

            return ExitCodes.InternalError;
        }
    }

    private static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr, bool inWorker)
    {
        var root = new RootCommand("ProtoScript: describe an L1/L2 system in a .proto-script scenario and simulate it deterministically.");
        root.Subcommands.Add(RunCommand.Build(stdout, stderr, inWorker));
        root.Subcommands.Add(CheckCommand.Build(stdout, stderr));
        root.Subcommands.Add(VerifyCommand.Build(stdout, stderr));
        root.Subcommands.Add(FmtCommand.Build(stdout, stderr));
        root.Subcommands.Add(TestCommand.Build(stdout, stderr));
        root.Subcommands.Add(NewCommand.Build(stdout, stderr));
        root.Subcommands.Add(ExplainCommand.Build(stdout, stderr));
        root.Subcommands.Add(LanguageServer.LanguageServerCommand.Build());
        return root;
    }
}
