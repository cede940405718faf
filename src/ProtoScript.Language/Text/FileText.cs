using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ProtoScript.Language.Text;

/// <summary>What <see cref="FileText.Read"/> found at a path.</summary>
public enum FileTextStatus
{
    /// <summary>A regular file, read whole.</summary>
    Read,

    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>The path is a directory.</summary>
    Directory,

    /// <summary>A device, pipe, socket or terminal: something that is not a file of text and may never end or never answer.</summary>
    NotRegular,

    /// <summary>The file holds more bytes than the reader accepts.</summary>
    TooLarge,
}

/// <summary>The outcome of <see cref="FileText.Read"/>.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Text">The file's text when <paramref name="Status"/> is <see cref="FileTextStatus.Read"/>, else empty.</param>
/// <param name="Length">The file's length in bytes as far as it was read, or its size on disk when too large.</param>
public sealed record FileTextRead(FileTextStatus Status, string Text, long Length);

/// <summary>
/// Reads and writes the tool's text files safely: reading never blocks on a pipe, never reads
/// more than a bound (a device such as <c>/dev/zero</c> never ends), and tells a directory or a
/// special file from a file; writing goes to a temporary file beside the target that is renamed
/// over it, so a failed write (a full disk) leaves the old file whole.
/// </summary>
public static class FileText
{
    /// <summary>Reads <paramref name="path"/> as UTF-8 text (a byte order mark is honoured), at most <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="IOException">The file exists but could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static FileTextRead Read(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (System.IO.Directory.Exists(path))
        {
            return new FileTextRead(FileTextStatus.Directory, string.Empty, 0);
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new FileTextRead(FileTextStatus.Missing, string.Empty, 0);
        }

        if (info.Length > maxBytes)
        {
            return new FileTextRead(FileTextStatus.TooLarge, string.Empty, info.Length);
        }

        using var stream = OpenForReading(path);
        if (!stream.CanSeek)
        {
            // A pipe, socket or terminal: reading it could wait forever.
            return new FileTextRead(FileTextStatus.NotRegular, string.Empty, 0);
        }

        // Read one byte past the bound: a file that grew, or a device that never ends, stops there.
        var buffer = new byte[checked((int)Math.Min(maxBytes + 1, Math.Max(info.Length + 1, 4096)))];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > maxBytes)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, buffer.Length * 2L));
            }

            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        if (info.Length == 0 && total > 0)
        {
            // A size of zero with content to read: a device or a kernel file, not a file of text.
            return new FileTextRead(FileTextStatus.NotRegular, string.Empty, 0);
        }

        if (total > maxBytes)
        {
            return new FileTextRead(FileTextStatus.TooLarge, string.Empty, total);
        }

        using var reader = new StreamReader(new MemoryStream(buffer, 0, total, writable: false), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return new FileTextRead(FileTextStatus.Read, reader.ReadToEnd(), total);
    }

    /// <summary>
    /// Replaces <paramref name="path"/>'s content with <paramref name="text"/> (UTF-8, no byte order
    /// mark) through a temporary file in the same directory renamed over it, keeping its
    /// permissions; a symbolic link is followed and its target replaced. A file without its
    /// owner's write permission is refused. On failure the old file is untouched and the
    /// temporary file removed.
    /// </summary>
    /// <param name="path">The file to replace (or create).</param>
    /// <param name="text">Its new content.</param>
    /// <param name="createTemporary">Opens the temporary file for writing; a test passes one that fails. Null for the file system.</param>
    /// <exception cref="IOException">The file could not be written (e.g. the disk is full).</exception>
    /// <exception cref="UnauthorizedAccessException">The file is read-only or its directory may not be written.</exception>
    public static void WriteAtomically(string path, string text, Func<string, Stream>? createTemporary = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var target = new FileInfo(path);
        if (target.LinkTarget is not null && target.ResolveLinkTarget(returnFinalTarget: true) is FileInfo resolved)
        {
            target = resolved;
        }

        UnixFileMode? mode = null;
        if (target.Exists && !OperatingSystem.IsWindows())
        {
            mode = File.GetUnixFileMode(target.FullName);

            // Root may write anything; a file its owner made read-only is still not ours to replace.
            if ((mode & UnixFileMode.UserWrite) == 0)
            {
                throw new UnauthorizedAccessException($"`{path}` is read-only");
            }
        }
        else if (target.Exists && target.IsReadOnly)
        {
            throw new UnauthorizedAccessException($"`{path}` is read-only");
        }

        var directory = target.DirectoryName ?? ".";
        var temp = Path.Combine(directory, $".{target.Name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = createTemporary?.Invoke(temp) ?? new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush();
                if (stream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
            }

            if (mode is { } keep && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, keep);
            }

            // The rename is atomic: the file is either the old one or the whole new one.
            File.Move(temp, target.FullName, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: what is left is a hidden temporary file, never the target.
        }
    }

    private static FileStream OpenForReading(string path)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            // Opened without blocking: opening a pipe for reading otherwise waits for a writer forever.
            var flags = OperatingSystem.IsLinux() ? LinuxNonBlock | LinuxCloseOnExec : BsdNonBlock | BsdCloseOnExec;
            var fd = Native.Open(path, flags);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw errno is 13 or 1
                    ? new UnauthorizedAccessException($"cannot open `{path}`: permission denied")
                    : new IOException($"cannot open `{path}`: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
    }

    private const int LinuxNonBlock = 0x800;
    private const int LinuxCloseOnExec = 0x80000;
    private const int BsdNonBlock = 0x4;
    private const int BsdCloseOnExec = 0x1000000;

    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
    }
}
