using Nuke.Common.IO;

namespace Nuke.StandIn.Tests.IO;

public class AbsolutePathTests
{
    [Test]
    public void The_slash_operator_appends_segments_and_normalizes()
    {
        AbsolutePath root = "/repo";

        Assert.That((string) (root / "source" / ".." / "tests" / "App"), Is.EqualTo("/repo/tests/App"));
        Assert.That((root / "a/b/").ToString(), Is.EqualTo("/repo/a/b"));
    }

    [Test]
    public void Name_extension_and_parent_describe_the_path()
    {
        AbsolutePath file = "/repo/artifacts/App.1.0.0.nupkg";

        Assert.That(file.Name, Is.EqualTo("App.1.0.0.nupkg"));
        Assert.That(file.NameWithoutExtension, Is.EqualTo("App.1.0.0"));
        Assert.That(file.Extension, Is.EqualTo(".nupkg"));
        Assert.That(file.Parent, Is.EqualTo((AbsolutePath) "/repo/artifacts"));
        Assert.That(((AbsolutePath) "/").Parent, Is.Null);
    }

    [Test]
    public void A_relative_path_cannot_become_an_AbsolutePath()
    {
        var exception = Assert.Throws<ArgumentException>(() => { AbsolutePath _ = "relative/path"; });

        Assert.That(exception!.Message, Does.Contain("Path 'relative/path' must be rooted"));
    }

    [Test]
    public void Quoting_formats_quote_only_when_asked_or_needed()
    {
        AbsolutePath plain = "/repo/app";
        AbsolutePath spaced = "/my repo/app";

        Assert.That($"{plain:dn} {spaced:dn} {plain:d}", Is.EqualTo("/repo/app \"/my repo/app\" \"/repo/app\""));
    }

    [Test]
    public void Directories_are_created_cleaned_and_deleted()
    {
        AbsolutePath directory = Path.Combine(Path.GetTempPath(), "abs-path-" + Guid.NewGuid().ToString("N"));
        try
        {
            (directory / "nested").CreateDirectory();
            (directory / "nested" / "file.txt").WriteAllText("x");
            File.SetAttributes(directory / "nested" / "file.txt", FileAttributes.ReadOnly);

            Assert.That(directory.DirectoryExists());
            directory.CreateOrCleanDirectory();
            Assert.That(Directory.EnumerateFileSystemEntries(directory), Is.Empty);

            directory.DeleteDirectory();
            Assert.That(directory.DirectoryExists(), Is.False);
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void WriteAllText_creates_the_directory_ends_with_one_line_break_and_returns_the_path_as_NUKE_does()
    {
        AbsolutePath directory = Directory.CreateTempSubdirectory("abs-path-").FullName;
        try
        {
            var file = (directory / "nested" / "notes.txt").WriteAllText("first\nsecond\n\n");

            Assert.That(file, Is.EqualTo(directory / "nested" / "notes.txt"));
            Assert.That(File.ReadAllText(file), Is.EqualTo("first\nsecond\n"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
