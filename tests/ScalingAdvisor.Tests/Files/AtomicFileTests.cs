using System.Text;
using ScalingAdvisor.Files;

namespace ScalingAdvisor.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sa-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Existing(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static void WriteText(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_write_replaces_the_whole_file_and_leaves_no_temporary_file()
    {
        string path = Existing("law.json", "old content that is longer than the new one");

        AtomicFile.Write(path, s => WriteText(s, "new"));

        File.ReadAllText(path).Should().Be("new");
        Directory.GetFiles(_dir).Should().Equal([path]);
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_old_content_and_no_temporary_file()
    {
        string path = Existing("law.json", "old");

        var write = () => AtomicFile.Write(path, s =>
        {
            WriteText(s, "half of the new cont");
            throw new IOException("No space left on device");
        });

        write.Should().Throw<IOException>();
        File.ReadAllText(path).Should().Be("old", "the new content went to a temporary file that was never renamed");
        Directory.GetFiles(_dir).Should().Equal([path]);
    }

    [Fact]
    public void A_staged_file_changes_nothing_until_it_is_committed_and_discarding_removes_it()
    {
        string path = Existing("plot.svg", "old");

        var staged = AtomicFile.Stage(path, s => WriteText(s, "new"));
        File.ReadAllText(path).Should().Be("old");
        Path.GetDirectoryName(staged.TempPath).Should().Be(_dir, "the temporary file sits next to the target, so the rename stays on one file system");
        staged.Discard();

        File.ReadAllText(path).Should().Be("old");
        Directory.GetFiles(_dir).Should().Equal([path]);
    }

    [Fact]
    public void A_new_file_is_created()
    {
        string path = Path.Combine(_dir, "new.json");

        AtomicFile.Write(path, s => WriteText(s, "{}"));

        File.ReadAllText(path).Should().Be("{}");
    }

    [Fact]
    public void Replacing_a_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        string path = Existing("law.json", "old");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(path, mode);

        AtomicFile.Write(path, s => WriteText(s, "new"));

        File.GetUnixFileMode(path).Should().Be(mode);
    }
}
