using System.CommandLine;
using System.Diagnostics;

namespace ProtoScript.Cli.Tests;

/// <summary>Bad paths and failing writes: a located diagnostic, exit 2, and every other file still handled.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FileSafetyTests
{
    private const string Messy = "scenario \"m\" { seed 1;  duration 1 min\n  l1 ethereum { slot_time = 12 s } }\n";

    private const string Runnable = """
        scenario "r" {
          duration 10 s
          rollup A {
            block_time = 2 s
            accounts 10 funded 1 eth
          }
          workload { users = poisson(1 / s) on A }
        }

        """;

    private static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "protoscript-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A stream that accepts a few bytes and then fails the way a full disk does.</summary>
    private sealed class FullDisk(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, Math.Min(count, 8));
            throw new IOException("No space left on device");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static CliOutcome Fmt(Func<string, Stream> createTemporary, params string[] files)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var root = new RootCommand { FmtCommand.Build(stdout, stderr, createTemporary) };
        var code = root.Parse(["fmt", .. files]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        return new CliOutcome(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Fmt_on_a_full_disk_keeps_the_file_whole_says_where_and_formats_the_others()
    {
        var dir = NewDirectory();
        var full = Path.Combine(dir, "a.proto-script");
        var fine = Path.Combine(dir, "b.proto-script");
        File.WriteAllText(full, Messy);
        File.WriteAllText(fine, Messy);

        var outcome = Fmt(temp => temp.Contains("a.proto-script", StringComparison.Ordinal) ? new FullDisk(File.Create(temp)) : File.Create(temp), full, fine);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal(Messy, File.ReadAllText(full));
        Assert.NotEqual(Messy, File.ReadAllText(fine));
        Assert.Equal($"formatted {fine}\n", outcome.Stdout);
        Assert.StartsWith($"{full}:1:1: error PS0001: cannot write `{full}`: No space left on device", outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal(["a.proto-script", "b.proto-script"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Fmt_refuses_a_read_only_file_with_a_diagnostic_and_formats_the_others()
    {
        var dir = NewDirectory();
        var locked = Path.Combine(dir, "a.proto-script");
        var fine = Path.Combine(dir, "b.proto-script");
        File.WriteAllText(locked, Messy);
        File.WriteAllText(fine, Messy);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var outcome = Cli.Run("fmt", locked, fine);

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Equal(Messy, File.ReadAllText(locked));
        Assert.NotEqual(Messy, File.ReadAllText(fine));
        Assert.Contains($"{locked}:1:1: error PS0001: cannot write `{locked}`: `{locked}` is read-only", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Fmt_keeps_a_files_permissions_and_rewrites_a_links_target_not_the_link()
    {
        var dir = NewDirectory();
        var target = Path.Combine(dir, "real.proto-script");
        var link = Path.Combine(dir, "link.proto-script");
        File.WriteAllText(target, Messy);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(target, mode);
        File.CreateSymbolicLink(link, target);

        var outcome = Cli.Run("fmt", link);

        Assert.Equal(0, outcome.ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.NotEqual(Messy, File.ReadAllText(target));
        Assert.Equal(mode, File.GetUnixFileMode(target));
    }

    [Fact]
    public void Test_does_not_follow_symbolic_links_to_directories_so_a_loop_runs_each_scenario_once()
    {
        var dir = NewDirectory();
        File.WriteAllText(Path.Combine(dir, "only.proto-script"), Runnable);
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "sub", "up"), dir);
        Directory.CreateSymbolicLink(Path.Combine(dir, "self"), dir);

        var outcome = Cli.Run("test", dir, "--no-isolate");

        Assert.Equal(0, outcome.ExitCode);
        Assert.EndsWith("\n1 scenario: 1 passed, 0 failed, 0 crashed\n", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_runs_a_scenario_named_twice_once()
    {
        var dir = NewDirectory();
        var file = Path.Combine(dir, "only.proto-script");
        File.WriteAllText(file, Runnable);

        var outcome = Cli.Run("test", dir, file, "--no-isolate");

        Assert.EndsWith("\n1 scenario: 1 passed, 0 failed, 0 crashed\n", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verified_snapshot_that_is_a_directory_fails_the_scenario()
    {
        var dir = NewDirectory();
        var file = Path.Combine(dir, "s.proto-script");
        File.WriteAllText(file, Runnable);
        Directory.CreateDirectory(Path.Combine(dir, "s.verified.txt"));

        var outcome = Cli.Run("test", file, "--no-isolate");

        Assert.Equal(ExitCodes.RunFailed, outcome.ExitCode);
        Assert.Contains($"FAILED  {file}: s.verified.txt is a directory, not a snapshot file\n", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_an_endless_device_is_a_diagnostic_not_an_out_of_memory()
    {
        var outcome = Cli.Run("check", "/dev/zero", "/dev/null");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains("/dev/zero:1:1: error PS0001: `/dev/zero` is not a regular file (a device, pipe or socket)", outcome.Stderr, StringComparison.Ordinal);

        // /dev/null reads as an empty file: it is still checked, after the device that failed.
        Assert.Contains("/dev/null:1:1: error PS2002", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_a_pipe_does_not_wait_for_a_writer()
    {
        var dir = NewDirectory();
        var fifo = Path.Combine(dir, "pipe.proto-script");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var check = Task.Run(() => Cli.Run("check", fifo));
        var finished = await Task.WhenAny(check, Task.Delay(TimeSpan.FromSeconds(30))) == check;
        if (!finished)
        {
            // Let the blocked reader go before failing.
            await using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        }

        Assert.True(finished, "check waited on the pipe");
        var outcome = await check;
        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains($"{fifo}:1:1: error PS0001: `{fifo}` is not a regular file (a device, pipe or socket)", outcome.Stderr, StringComparison.Ordinal);
    }
}
