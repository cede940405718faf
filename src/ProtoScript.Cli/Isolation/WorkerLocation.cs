namespace ProtoScript.Cli.Isolation;

/// <summary>How to start this same tool again as a worker, however it was started.</summary>
internal static class WorkerLocation
{
    /// <summary>
    /// The program to start and the arguments before the worker verb. Started through its own
    /// launcher (the apphost or a dotnet tool shim), the tool re-runs that launcher; started
    /// as <c>dotnet proto-script.dll</c>, or loaded into another process (a test host), it runs
    /// its own assembly with the dotnet host that runs this process.
    /// </summary>
    public static (string FileName, string[] Prefix) Resolve()
    {
        var cli = typeof(CliApp).Assembly.Location;
        var process = Environment.ProcessPath;
        var processName = process is null ? string.Empty : Path.GetFileNameWithoutExtension(process);
        if (process is not null && string.Equals(processName, "proto-script", StringComparison.OrdinalIgnoreCase))
        {
            return (process, []);
        }

        var host = process is not null && string.Equals(processName, "dotnet", StringComparison.OrdinalIgnoreCase)
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
        return (host, [cli]);
    }
}
