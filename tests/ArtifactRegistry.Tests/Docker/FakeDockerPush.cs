using ArtifactRegistry.Docker;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Docker;

/// <summary>
/// A stand-in docker CLI (a shell script) whose <c>push</c> fails with a chosen error a chosen number of times, then
/// prints a real push transcript. Lets retry behaviour be tested against a real process without a flaky registry.
/// </summary>
internal sealed class FakeDockerPush : IDisposable
{
    public const string Digest = "sha256:0f3a7c1d9e2b4a5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

    private readonly TempDirectory _folder;

    public FakeDockerPush(int failures, string error)
    {
        _folder = TempDirectory.Create("ard-fakepush-");
        var counter = _folder.Combine("attempts");
        Program = _folder.WriteFile("docker", $$"""
            #!/bin/sh
            [ "$1" = "push" ] || exit 2
            n=$(cat '{{counter}}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{{counter}}'
            echo "The push refers to repository [${2%:*}]"
            if [ $n -le {{failures}} ]; then echo '{{error.Replace("'", "'\\''")}}' >&2; exit 1; fi
            echo "5f70bf18a086: Pushed"
            echo "1a2b3c4d5e6f: Layer already exists"
            echo "${2##*:}: digest: {{Digest}} size: 528"
            """, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        CounterPath = counter;
    }

    public string Program { get; }

    public DockerClient Client => DockerClient.Default.WithProgram(Program);

    private string CounterPath { get; }

    public int Runs => File.Exists(CounterPath) ? int.Parse(File.ReadAllText(CounterPath).Trim()) : 0;

    public void Dispose() => _folder.Dispose();
}
