using ArtifactRegistry.Context;
using ArtifactRegistry.Deletion;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Durations;
using ArtifactRegistry.Grants;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Tagging;
using Cake.Core;
using static ArtifactRegistry.Cake.Arguments.ScriptArguments;
using AuthMode = ArtifactRegistry.DockerAuth.DockerAuthMode;

namespace ArtifactRegistry.Cake.Arguments;

/// <summary>
/// The settings each alias starts from: the defaults with the script's arguments applied. The alias's lambda runs on them,
/// so what a script sets in code wins over the command line, as a NUKE settings hook wins over parameters.
/// </summary>
internal static class ArgumentDefaults
{
    public static OperationContext Context(OperationContext context, ICakeArguments arguments)
    {
        if (Kubeconfig.Value(arguments) is { } kubeconfig)
            context = context.SetKubeconfig(kubeconfig);
        if (KubeContext.Value(arguments) is { } kubeContext)
            context = context.SetKubeContext(kubeContext);
        if (ResultFile.Value(arguments) is { } resultFile)
            context = context.SetResultFile(resultFile);
        if (ResultDotenv.Value(arguments) is { } resultDotenv)
            context = context.SetResultDotenv(resultDotenv);
        return context;
    }

    public static EnsureDockerAuthSettings EnsureDockerAuth(ICakeArguments arguments) =>
        DockerAuth(new EnsureDockerAuthSettings().SetImages(Image.Values(arguments).ToArray()), arguments);

    public static BuildAndPushSettings BuildAndPush(ICakeArguments arguments) =>
        Image.Value(arguments) is { } image ? Build(arguments).SetImage(image) : Build(arguments);

    /// <summary>The image, where none was given: the one pushed last in this run, else <c>--image</c>.</summary>
    public static SetImageSettings SetImage(ICakeArguments arguments, BuildAndPushResult? pushed)
    {
        var settings = DryRun.Switch(arguments) is { } dryRun ? Rollout(arguments).SetDryRun(dryRun) : Rollout(arguments);
        if (pushed is not null)
            return settings.SetImage(pushed);
        return Image.Value(arguments) is { } image ? settings.SetImage(image) : settings;
    }

    public static DeploySettings Deploy(ICakeArguments arguments)
    {
        var settings = new DeploySettings().SetBuild(_ => Build(arguments)).SetRollout(_ => Rollout(arguments));
        if (Kustomization.Value(arguments) is { } kustomization)
            settings = settings.SetKustomization(kustomization);
        if (DryRun.Switch(arguments) is { } dryRun)
            settings = settings.SetDryRun(dryRun);
        return ReaderMember.Value(arguments) is { } member ? settings.SetReaderMember(member) : settings;
    }

    /// <summary>
    /// <c>--image</c> (with <c>--docker-context</c> and <c>--workloads</c>) as Deploy's image, unless the script's lambda added images.
    /// </summary>
    public static DeploySettings DeployImageUnlessGiven(DeploySettings settings, ICakeArguments arguments) =>
        settings.Images.IsEmpty && Image.Value(arguments) is { } image
            ? settings.AddImage(image, DockerContext.Value(arguments), [.. Workloads.Values(arguments)])
            : settings;

    public static GrantReaderSettings GrantReader(ICakeArguments arguments)
    {
        var settings = new GrantReaderSettings();
        if (Image.Value(arguments) is { } image)
            settings = settings.SetRepository(image);
        return ReaderMember.Value(arguments) is { } member ? settings.SetMember(member) : settings;
    }

    public static CheckPullAccessSettings CheckPullAccess(ICakeArguments arguments)
    {
        var settings = new CheckPullAccessSettings();
        if (Image.Value(arguments) is { } image)
            settings = settings.SetRepository(image);
        return ReaderMember.Value(arguments) is { } member ? settings.SetMember(member) : settings;
    }

    public static PruneUntaggedSettings PruneUntagged(ICakeArguments arguments)
    {
        var settings = new PruneUntaggedSettings()
            .AddImages([.. Image.Values(arguments)])
            .AddRepositories([.. PruneRepositories.Values(arguments)]);
        if (PruneOlderThan.Value(arguments) is { } olderThan)
            settings = settings.SetOlderThan(Duration.Parse(olderThan, SettingNames.PruneOlderThan));
        return DryRun.Switch(arguments) is { } dryRun ? settings.SetDryRun(dryRun) : settings;
    }

    public static TagAddSettings TagAdd(ICakeArguments arguments)
    {
        var settings = new TagAddSettings().AddTags([.. AddTags.Values(arguments)]);
        return Image.Value(arguments) is { } image ? settings.SetSource(image) : settings;
    }

    public static TagListSettings TagList(ICakeArguments arguments) =>
        Image.Value(arguments) is { } image ? new TagListSettings().SetImage(image) : new TagListSettings();

    public static TagDeleteSettings TagDelete(ICakeArguments arguments) =>
        Image.Value(arguments) is { } image ? new TagDeleteSettings().SetImage(image) : new TagDeleteSettings();

    public static DeleteImageSettings DeleteImage(ICakeArguments arguments) =>
        Image.Value(arguments) is { } image ? new DeleteImageSettings().SetImage(image) : new DeleteImageSettings();

    /// <summary>BuildAndPush's settings but the image: what Deploy applies to each of its images.</summary>
    private static BuildAndPushSettings Build(ICakeArguments arguments)
    {
        var settings = new BuildAndPushSettings();
        if (ImageTags.Values(arguments) is { Count: > 0 } tags)
            settings = settings.SetTags(tags);
        if (DockerContext.Value(arguments) is { } context)
            settings = settings.SetContextDirectory(context);
        if (Dockerfile.Value(arguments) is { } dockerfile)
            settings = settings.SetDockerfile(dockerfile);
        if (DockerNoCache.Switch(arguments) is { } noCache)
            settings = settings.SetNoCache(noCache);
        if (DockerCacheFrom.Value(arguments) is { } cacheFrom)
            settings = settings.SetCacheFrom(cacheFrom);
        if (DockerCacheTo.Value(arguments) is { } cacheTo)
            settings = settings.SetCacheTo(cacheTo);
        foreach (var secret in DockerSecrets.Values(arguments))
        {
            var equals = secret.IndexOf('=');
            if (equals <= 0 || equals == secret.Length - 1)
                throw new SettingsException($"{DockerSecrets.Flag}={secret} is not ID=ENV_VAR, so it names no secret id or no variable to read it from; pass e.g. {DockerSecrets.Flag}={DockerSecrets.Example}.");
            settings = settings.AddBuildSecretFromEnvironment(secret[..equals], secret[(equals + 1)..]);
        }
        if (DockerProgram.Value(arguments) is { } program)
            settings = settings.SetDockerProgram(program);
        if (DockerNetwork.Value(arguments) is { } network)
            settings = settings.SetNetwork(network);
        if (DockerPlatforms.Values(arguments) is { Count: > 0 } platforms)
            settings = settings.SetPlatforms(platforms);
        return settings.SetDockerAuthSettings(auth => DockerAuth(auth, arguments));
    }

    /// <summary>SetImage's settings but the image: what Deploy applies to each of its rollouts.</summary>
    private static SetImageSettings Rollout(ICakeArguments arguments)
    {
        var settings = new SetImageSettings();
        if (Workloads.Values(arguments) is { Count: > 0 } workloads)
            settings = settings.SetWorkloads(workloads);
        if (KubeNamespace.Value(arguments) is { } ns)
            settings = settings.SetNamespace(ns);
        if (Container.Value(arguments) is { } container)
            settings = settings.SetContainer(container);
        if (RolloutTimeout.Value(arguments) is { } timeout)
            settings = settings.SetRolloutTimeout(timeout);
        return RollbackOnFailure.Switch(arguments) is { } rollback ? settings.SetRollbackOnFailure(rollback) : settings;
    }

    private static EnsureDockerAuthSettings DockerAuth(EnsureDockerAuthSettings settings, ICakeArguments arguments)
    {
        if (ScriptArguments.DockerAuthMode.Value(arguments) is not { } text)
            return settings;
        return Enum.TryParse<AuthMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? settings.SetMode(mode)
            : throw new ArgumentException(
                $"{ScriptArguments.DockerAuthMode.Flag}={text} is not a docker auth mode: give one of {string.Join(", ", Enum.GetNames<AuthMode>())}.");
    }
}
