using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Docker;

/// <summary>The <c>docker build</c> / <c>docker buildx build</c> command line for one build.</summary>
internal static class DockerBuildCommand
{
    /// <param name="builder">Buildx, BuildKit or Legacy (already resolved from Auto).</param>
    /// <param name="imageNames">Every reference the image gets (<c>--tag</c>), as docker must see them (mapped hosts).</param>
    /// <param name="labels">The final labels, OCI defaults already merged with the user's.</param>
    /// <param name="imageIdFile">Where docker writes the built image id (<c>--iidfile</c>).</param>
    /// <param name="cache">The registry build cache; null adds no cache arguments.</param>
    public static ProcessCommand Create(
        DockerClient client,
        ImageBuildSettings settings,
        DockerBuilder builder,
        IReadOnlyList<string> imageNames,
        IReadOnlyDictionary<string, string> labels,
        string imageIdFile,
        BuildCache? cache = null)
    {
        if (builder is DockerBuilder.Auto)
            throw new ArgumentException("Resolve the builder before making the command.", nameof(builder));

        return client.Command(
            arguments =>
            {
                if (builder is DockerBuilder.Buildx)
                {
                    // --load puts the result in the engine's image store, where `docker push` finds it, whatever the buildx driver;
                    // plain progress prints one line per event, which the log can stream.
                    arguments.Add("buildx").Add("build").Add("--load").Add("--progress=plain");
                }
                else if (builder is DockerBuilder.BuildKit)
                {
                    // The CLI's built-in BuildKit client (DOCKER_BUILDKIT=1, set below) stores the image in the engine itself: no --load.
                    arguments.Add("build").Add("--progress=plain");
                }
                else
                {
                    arguments.Add("build");
                }

                arguments.Add("--file").Add(settings.ResolveDockerfilePath());
                foreach (var name in imageNames)
                    arguments.Add("--tag").Add(name);
                foreach (var (key, value) in labels.OrderBy(label => label.Key, StringComparer.Ordinal))
                    arguments.Add("--label").Add($"{key}={value}");
                foreach (var argument in settings.BuildArguments)
                    arguments.Add("--build-arg").Add(argument.IsSecret ? argument.Name : $"{argument.Name}={argument.Value}");
                if (settings.Target is { } target)
                    arguments.Add("--target").Add(target);
                if (settings.Platform is { } platform)
                    arguments.Add("--platform").Add(platform);
                if (settings.Pull)
                    arguments.Add("--pull");
                if (settings.NoCache)
                    arguments.Add("--no-cache");
                else
                    cache?.AddArguments(arguments, BuildCacheClients.Of(builder));
                if (settings.Network is { } network)
                    arguments.Add("--network").Add(network);
                // argv names only the id and the variable that carries the value; the value is in docker's environment alone.
                // `env=` is understood by buildx and by the built-in BuildKit client of CLI 20.10 alike.
                for (var i = 0; i < settings.BuildSecrets.Count; i++)
                    arguments.Add("--secret").Add($"id={settings.BuildSecrets[i].Id},env={SecretVariable(i)}");
                arguments.Add("--iidfile").Add(imageIdFile);
                arguments.Add(settings.ResolveContextDirectory());
            },
            environment =>
            {
                // A DOCKER_BUILDKIT=1 left in the user's environment would make the legacy path fail without buildx.
                if (builder is DockerBuilder.Legacy)
                    environment.Set("DOCKER_BUILDKIT", "0");
                if (builder is DockerBuilder.BuildKit)
                    environment.Set("DOCKER_BUILDKIT", "1");
                // `--build-arg NAME` without a value makes docker take it from its environment: the value stays out of argv.
                foreach (var argument in settings.BuildArguments.Where(argument => argument.IsSecret))
                    environment.SetSecret(argument.Name, argument.Value);
                // Set for this one docker process only, so neither this process's environment nor argv ever holds the value.
                for (var i = 0; i < settings.BuildSecrets.Count; i++)
                    environment.SetSecret(SecretVariable(i), settings.BuildSecrets[i].Resolve(System.Environment.GetEnvironmentVariable).Value!);
            });
    }

    /// <summary>
    /// The variable of docker's environment that carries build secret number <paramref name="index"/> (<c>--secret id=ID,env=NAME</c>).
    /// Numbered rather than named after the id, which may hold characters a variable name cannot.
    /// </summary>
    public static string SecretVariable(int index) => $"ARTIFACT_REGISTRY_BUILD_SECRET_{index + 1}";
}
