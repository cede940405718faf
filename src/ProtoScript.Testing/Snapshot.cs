namespace ProtoScript.Testing;

/// <summary>
/// Snapshot assertions with Verify's conventions: the accepted value lives in
/// <c>NAME.verified.txt</c>; a different value is written to <c>NAME.received.txt</c>
/// beside it and the assertion fails with a unified diff. Review the received file and
/// rename it (or set <c>PROTOSCRIPT_ACCEPT_SNAPSHOTS=1</c>) to accept it. Text is
/// compared with LF line endings, byte for byte otherwise.
/// </summary>
public static class Snapshot
{
    /// <summary>The environment variable that, when <c>1</c>, accepts received values as verified.</summary>
    public const string AcceptVariable = "PROTOSCRIPT_ACCEPT_SNAPSHOTS";

    /// <summary>The path of the received file that belongs to a verified file.</summary>
    public static string ReceivedPath(string verifiedPath) =>
        verifiedPath.EndsWith(".verified.txt", StringComparison.Ordinal)
            ? verifiedPath[..^".verified.txt".Length] + ".received.txt"
            : verifiedPath + ".received.txt";

    /// <summary>
    /// Asserts that <paramref name="actual"/> equals the content of <paramref name="verifiedPath"/>.
    /// </summary>
    /// <exception cref="SnapshotMismatchException">When the snapshot is missing or differs.</exception>
    public static void Verify(string actual, string verifiedPath)
    {
        actual = Normalize(actual);
        var receivedPath = ReceivedPath(verifiedPath);
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";

        if (!File.Exists(verifiedPath))
        {
            if (accept)
            {
                WriteFile(verifiedPath, actual);
                DeleteIfExists(receivedPath);
                return;
            }

            WriteFile(receivedPath, actual);
            throw new SnapshotMismatchException(
                $"No verified snapshot at {verifiedPath}.\nThe value was written to {receivedPath}: review it, then rename it to {Path.GetFileName(verifiedPath)} (or rerun with {AcceptVariable}=1).\n\n{actual}");
        }

        var verified = Normalize(File.ReadAllText(verifiedPath));
        if (verified == actual)
        {
            DeleteIfExists(receivedPath);
            return;
        }

        if (accept)
        {
            WriteFile(verifiedPath, actual);
            DeleteIfExists(receivedPath);
            return;
        }

        WriteFile(receivedPath, actual);
        var diff = UnifiedDiff.Create(verified, actual, Path.GetFileName(verifiedPath), Path.GetFileName(receivedPath));
        throw new SnapshotMismatchException(
            $"Snapshot mismatch for {verifiedPath}.\nThe new value was written to {receivedPath}; accept it by renaming it to {Path.GetFileName(verifiedPath)} (or rerun with {AcceptVariable}=1).\n\n{diff}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    // Through a temporary file and a rename, so a failed write (a full disk) never leaves half a snapshot.
    private static void WriteFile(string path, string text) => ProtoScript.Language.Text.FileText.WriteAtomically(path, text);

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
