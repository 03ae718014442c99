namespace ArtifactRegistry.Testing.Isolation;

/// <summary>
/// Points this test process at a private home for the whole run, so that every program anything in it starts (a fixture,
/// CliWrap in a test, a library operation through its process runner, a NUKE or dotnet build) inherits that home rather than
/// the real one. Started and ended by <see cref="PrivateHomeLifetime"/>, which every test project compiles in.
/// </summary>
/// <remarks>
/// <c>HOME</c> points into the run's home, and the variables that would name a folder or config elsewhere (<c>XDG_*_HOME</c>,
/// <c>KUBECACHEDIR</c>, <c>DOCKER_CONFIG</c>, <c>CLOUDSDK_CONFIG</c>, <c>KUBECONFIG</c>) are removed, so each program finds its
/// defaults under whichever HOME it is given. <c>DOTNET_CLI_HOME</c> keeps dotnet and NuGet on the real home's package cache
/// and settings (a private cache would download every package again).
/// </remarks>
public static class TestRunHome
{
    private static readonly string[] NamingElsewhere =
        ["XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "KUBECACHEDIR", "DOCKER_CONFIG", "CLOUDSDK_CONFIG", "KUBECONFIG"];
    private static readonly Lock Gate = new();
    private static Run? _current;

    /// <summary>The home this process had before the run (where programs would otherwise write); null outside a run.</summary>
    public static string? RealDirectory => _current?.RealHome;

    /// <summary>The run's private home (this process's <c>HOME</c> during the run); null outside a run.</summary>
    public static string? Directory => _current?.Home.Path;

    /// <summary>
    /// The NuGet package cache dotnet uses here (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c> of <c>DOTNET_CLI_HOME</c> or
    /// of the home), e.g. as a fallback folder for a build a test restores into packages of its own.
    /// </summary>
    public static string NuGetGlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(
                Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") is { Length: > 0 } dotnetHome
                    ? dotnetHome
                    : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify),
                ".nuget", "packages");

    /// <summary>Snapshots the real home, then points this process at a fresh private one.</summary>
    public static void Enter()
    {
        lock (Gate)
        {
            if (_current is not null)
                throw new InvalidOperationException("The run's private home is already in place: declare one PrivateHomeLifetime per test assembly.");
            var realHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
            var before = HomeSnapshot.Take(realHome);
            var home = PrivateHome.Create("ard-run-home-");
            var changed = NamingElsewhere.ToDictionary(name => name, _ => (string?)null);
            changed["HOME"] = home.Path;
            changed["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? realHome;
            var saved = changed.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
            foreach (var (name, value) in changed)
                Environment.SetEnvironmentVariable(name, value);
            _current = new Run(realHome, before, home, saved);
        }
    }

    /// <summary>Restores this process's environment, deletes the private home and returns what changed in the real one meanwhile.</summary>
    public static IReadOnlyList<string> Leave()
    {
        Run run;
        lock (Gate)
        {
            run = _current ?? throw new InvalidOperationException("No private home is in place.");
            _current = null;
            foreach (var (name, value) in run.Saved)
                Environment.SetEnvironmentVariable(name, value);
        }
        run.Home.Dispose();
        return HomeSnapshot.Take(run.RealHome).ChangesSince(run.Before);
    }

    private sealed record Run(string RealHome, HomeSnapshot Before, PrivateHome Home, IReadOnlyDictionary<string, string?> Saved);
}
