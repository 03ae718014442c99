using System.Runtime.Versioning;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

[SupportedOSPlatform("linux")]
public sealed class TempDirectoryTests
{
    [Test]
    public void A_temp_directory_is_private_and_gone_after_dispose()
    {
        var directory = TempDirectory.Create("ard-test-");
        var file = directory.WriteFile("nested/file.txt", "content");

        Assert.That(File.ReadAllText(file), Is.EqualTo("content"));
        Assert.That(File.GetUnixFileMode(directory.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));

        directory.Dispose();

        Assert.That(Directory.Exists(directory.Path), Is.False);
    }
}
