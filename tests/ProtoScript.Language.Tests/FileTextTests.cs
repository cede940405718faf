using ProtoScript.Language.Text;

namespace ProtoScript.Language.Tests;

public class FileTextTests
{
    private static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "protoscript-filetext-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_old_file_and_no_temporary_file()
    {
        var dir = NewDirectory();
        var path = Path.Combine(dir, "f.txt");
        File.WriteAllText(path, "old content");

        var e = Assert.Throws<IOException>(() => FileText.WriteAtomically(path, new string('x', 100_000), _ => new FileStream("/dev/full", FileMode.Open, FileAccess.Write)));

        Assert.Contains("space", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["f.txt"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_replaces_the_whole_file_and_creates_a_missing_one()
    {
        var dir = NewDirectory();
        var path = Path.Combine(dir, "f.txt");
        File.WriteAllText(path, "a much longer old content");

        FileText.WriteAtomically(path, "new");
        FileText.WriteAtomically(Path.Combine(dir, "g.txt"), "é");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([0xC3, 0xA9], File.ReadAllBytes(Path.Combine(dir, "g.txt")));
    }

    [Fact]
    public void Reading_tells_files_directories_devices_and_missing_paths_apart()
    {
        var dir = NewDirectory();
        var path = Path.Combine(dir, "f.txt");
        File.WriteAllText(path, "\uFEFFtext");

        Assert.Equal(new FileTextRead(FileTextStatus.Read, "text", 7), FileText.Read(path, 100));
        Assert.Equal(FileTextStatus.TooLarge, FileText.Read(path, 6).Status);
        Assert.Equal(FileTextStatus.Directory, FileText.Read(dir, 100).Status);
        Assert.Equal(FileTextStatus.Missing, FileText.Read(Path.Combine(dir, "none"), 100).Status);
        Assert.Equal(FileTextStatus.NotRegular, FileText.Read("/dev/zero", 1 << 20).Status);
        Assert.Equal(new FileTextRead(FileTextStatus.Read, string.Empty, 0), FileText.Read("/dev/null", 100));
    }
}
