using System.Text.RegularExpressions;
using ArtifactRegistry.IntegrationTests.Publishing;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Isolation;
using CliWrap;
using CliWrap.Buffered;

namespace ArtifactRegistry.IntegrationTests.Packaging;

/// <summary>
/// The packages as a user gets them: packed as the Pack target packs them (dotnet pack --no-build), referenced by a throwaway
/// build in NUKE's layout (build/_build.csproj, .nuke/) that is only <c>class Build : NukeBuild, IArtifactRegistryDeploy</c>,
/// restored from a folder feed, compiled against the NUKE stand-in (packed as the Nuke.Common the package depends on, into a
/// packages folder of the test's own), and run: ./build.sh Deploy against the sandbox.
/// </summary>
[CancelAfter(900_000)]
public class PackageConsumerTests
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(6);

    private PublishWorld _world = null!;
    private TempDirectory _work = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default));
        _world.Sandbox.Grant("projects/sample-project/locations/asia/repositories/sample", "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.GkeNodes);
        _work = TempDirectory.Create("ar-package-");
    }

    [TearDown]
    public async Task Stop()
    {
        await _world.DisposeAsync();
        _work.Dispose();
    }

    [Test]
    public async Task The_packed_component_restores_compiles_and_deploys_in_a_user_s_NUKE_build()
    {
        var root = RepositoryRoot.Find();
        var feed = _work.Combine("feed");
        foreach (var project in new[] { "source/ArtifactRegistry/ArtifactRegistry.csproj", "source/ArtifactRegistry.Nuke/ArtifactRegistry.Nuke.csproj" })
            await DotNetAsync(root, "pack", Path.Combine(root, project), "--no-build", "--configuration", Configuration(), "--output", feed, "-nodeReuse:false");
        await PackStandInAsNukeCommonAsync(feed);
        var packed = Directory.GetFiles(feed, "ArtifactRegistry.Nuke.*.nupkg").Single();
        using var consumer = await SourceTree.CreateAsync("FROM scratch\nCOPY payload.txt /payload.txt\n", ConsumerFiles(feed));

        await DotNetAsync(consumer.Path, "build", "build/_build.csproj", "-nodeReuse:false", "--verbosity", "quiet");
        var deploy = await RunDeployAsync(consumer.Path);

        Assert.That(deploy, Does.Contain("rolled out (revision 2)"));
        Assert.That(Regex.IsMatch(deploy, @"Pushed asia-docker\.pkg\.dev/sample-project/sample/consumer-api:\S+@sha256:[0-9a-f]{64}"), Is.True, deploy);
        using var archive = System.IO.Compression.ZipFile.OpenRead(packed);
        Assert.That(archive.Entries.Select(entry => entry.FullName), Is.SupersetOf(new[] { "README.md", "lib/net10.0/ArtifactRegistry.Nuke.dll", "lib/net10.0/ArtifactRegistry.Nuke.xml" }));
    }

    /// <summary>A build in NUKE's layout whose only Artifact Registry code is the package, restored into packages of its own.</summary>
    private Dictionary<string, string> ConsumerFiles(string feed) => new()
    {
        ["payload.txt"] = "package consumer " + Guid.NewGuid(),
        [".gitignore"] = "bin/\nobj/\n.nuke/temp/\n",
        [".nuke/parameters.json"] = "{}",
        ["nuget.config"] = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{_work.Combine("packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{TestRunHome.NuGetGlobalPackagesFolder}" />
              </fallbackPackageFolders>
              <packageSources>
                <add key="packed" value="{feed}" />
              </packageSources>
            </configuration>
            """,
        ["build/_build.csproj"] = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NukeRootDirectory>..</NukeRootDirectory>
                <NukeScriptDirectory>..</NukeScriptDirectory>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ArtifactRegistry.Nuke" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """,
        ["build/Build.cs"] = """
            using ArtifactRegistry.Nuke;
            using Nuke.Common;

            class Build : NukeBuild, IArtifactRegistryDeploy
            {
                public static int Main() => Execute<Build>();
            }
            """,
    };

    /// <summary>The stand-in's assemblies as the Nuke.Common 10.1.0 the package depends on (the feed here does not serve the real one).</summary>
    private async Task PackStandInAsNukeCommonAsync(string feed)
    {
        var standIn = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestPrograms");
        var project = _work.WriteFile("nuke-common/Nuke.Common.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>Nuke.Common</PackageId>
                <Version>10.1.0</Version>
                <Description>The NUKE stand-in of this repository's tests, packed under the real package's name.</Description>
                <IncludeBuildOutput>false</IncludeBuildOutput>
                <NoWarn>NU5128</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <None Include="{standIn}/Nuke.Build.dll;{standIn}/Nuke.Tooling.dll;{standIn}/Nuke.Utilities.dll" Pack="true" PackagePath="lib/net10.0" />
                <PackageReference Include="Serilog" Version="4.3.0" />
              </ItemGroup>
            </Project>
            """);
        await DotNetAsync(_work.Path, "pack", project, "--output", feed, "-nodeReuse:false");
    }

    private async Task<string> RunDeployAsync(string directory)
    {
        var envFile = Path.Combine(directory, ".nuke", "temp", "sandbox.env");
        await _world.Sandbox.WriteEnvFileAsync(envFile, Path.Combine(directory, ".nuke", "temp", "sandbox-keys"));
        var variables = File.ReadAllLines(envFile)
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0], pair => (string?)pair[1].Trim('\''), StringComparer.Ordinal);
        variables["DOCKER_HOST"] = _world.Engine.DockerHost;
        variables["DOCKER_CONFIG"] = _world.DockerConfigDirectory;
        variables["GCE_METADATA_HOST"] = "127.0.0.1:9";
        return await DotNetAsync(directory, ["run", "--project", "build/_build.csproj", "--no-build", "--",
            "Deploy", "--image", "asia-docker.pkg.dev/sample-project/sample/consumer-api", "--workloads", "deployment/sample-api",
            "--kube-namespace", "sample-namespace", "--docker-auth-mode", "AccessToken", "--rollout-timeout", "2m"], variables);
    }

    private static Task<string> DotNetAsync(string directory, params string[] arguments) => DotNetAsync(directory, arguments, null);

    private static async Task<string> DotNetAsync(string directory, string[] arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        using var timeout = new CancellationTokenSource(CommandLimit);
        var result = await Cli.Wrap(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            .WithArguments(arguments)
            .WithWorkingDirectory(directory)
            .WithEnvironmentVariables(variables =>
            {
                variables.Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Set("DOTNET_NOLOGO", "1");
                foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
                    variables.Set(name, value);
            })
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        var output = result.StandardOutput + result.StandardError;
        Assert.That(result.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)}:{Environment.NewLine}{output}");
        return output;
    }

    /// <summary>The configuration this test assembly was built in, which the packed assemblies were built in too.</summary>
    private static string Configuration() =>
        new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
}
