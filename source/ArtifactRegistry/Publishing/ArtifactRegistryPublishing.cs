using System.Text.Json;
using ArtifactRegistry.Access;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Publishing;

/// <summary>The registry side of BuildAndPush against Artifact Registry: EnsureDockerAuth, then the REST API.</summary>
internal sealed class ArtifactRegistryPublishing(OperationContext context, BuildAndPushSettings settings) : IPublishingRegistry
{
    public async Task<IPublishingSession> OpenAsync(IReadOnlyList<ImageReference> images, CancellationToken cancellationToken)
    {
        DockerAuthSession? session = null;
        var ownsSession = false;
        GooglePrincipal? principal = null;
        IReadOnlyList<RepositoryAccess> repositories = [];
        var existing = settings.DockerAuthSession
                       ?? (settings.PendingDockerAuthSession is { } pending ? await pending.WaitAsync(cancellationToken).ConfigureAwait(false) : null);
        if (existing is not null)
        {
            session = existing;
            principal = existing.Tokens.Principal;
        }
        else if (settings.DockerAuth)
        {
            // EnsureDockerAuth runs the access preflight itself (unless disabled) and deletes its login when that refuses.
            var result = await EnsureDockerAuth.RunAsync(context, settings.DockerAuthSettings.SetImages(images), cancellationToken).ConfigureAwait(false);
            session = result.Session;
            principal = result.Principal;
            repositories = result.Repositories;
            ownsSession = true;
        }

        ArtifactRegistryClient? client = null;
        try
        {
            if (settings.RegistryVerification)
            {
                var tokens = session?.Tokens ?? context.AccessTokenSource ?? await ApplicationDefaultTokensAsync(cancellationToken).ConfigureAwait(false);
                client = context.CreateRestClient(tokens);
            }

            var dockerConfig = session?.DockerConfigDirectory is { } directory ? DockerConfigFile.InDirectory(directory) : context.DockerConfigFile();
            return new Session(repositories, session, ownsSession, settings.KeepDockerAuthSession, client, principal, session?.DockerConfigDirectory, dockerConfig,
                context.ResolveHostMap(), ct => context.AccessTokenSource is { } tokens ? Task.FromResult(tokens) : ApplicationDefaultTokensAsync(ct));
        }
        catch
        {
            client?.Dispose();
            if (ownsSession)
                session!.Dispose();
            throw;
        }
    }

    private async Task<IAccessTokenSource> ApplicationDefaultTokensAsync(CancellationToken cancellationToken)
    {
        var found = await GoogleCredentials.ResolveAsync(context.ApplicationDefaultCredentialsOptions, cancellationToken).ConfigureAwait(false);
        return found.TokenSource ?? throw new GoogleCredentialException(
            "Registry verification asks Artifact Registry's REST API which digest each pushed tag has, and needs Google credentials for it, " +
            "but docker auth is off and no credentials were found. " + found.DescribeAttempts() +
            "\nOr let BuildAndPush run EnsureDockerAuth (EnableDockerAuth), give the context a token source (OperationContext.SetAccessTokenSource), " +
            "or trust docker's digest line (DisableRegistryVerification).");
    }

    private sealed class Session(
        IReadOnlyList<RepositoryAccess> repositories, DockerAuthSession? auth, bool ownsAuth, bool keepsAuth, ArtifactRegistryClient? client, GooglePrincipal? principal,
        string? dockerConfigDirectory, DockerConfigFile dockerConfig, RegistryHostMap hostMap, Func<CancellationToken, Task<IAccessTokenSource>> contextTokens)
        : IPublishingSession
    {
        private bool _handedOver;

        public IReadOnlyList<RepositoryAccess> Repositories => repositories;

        public string? DockerConfigDirectory => dockerConfigDirectory;

        public DockerAuthSession? TakeKeptDockerAuthSession()
        {
            if (!ownsAuth || !keepsAuth)
                return null;
            _handedOver = true;
            return auth;
        }

        public Task BeforePushAsync(CancellationToken cancellationToken) =>
            auth?.EnsureFreshAsync(cancellationToken) ?? Task.CompletedTask;

        public async Task<IAccessTokenSource> RegistryTokensAsync(CancellationToken cancellationToken) =>
            auth?.Tokens ?? await contextTokens(cancellationToken).ConfigureAwait(false);

        public async Task<ImageDigest?> FindTagDigestAsync(ImageReference taggedImage, CancellationToken cancellationToken)
        {
            var tag = await Client.FindTagAsync(taggedImage.TagName, cancellationToken).ConfigureAwait(false);
            return tag?.Version is { } version ? VersionName.Parse(version).Digest : null;
        }

        public async Task<long?> FindImageSizeAsync(ImageReference pinnedImage, CancellationToken cancellationToken)
        {
            var version = await Client.GetVersionAsync(pinnedImage.VersionName, VersionView.Basic, cancellationToken).ConfigureAwait(false);
            // Docker versions carry the image's metadata, imageSizeBytes among it (an int64, which JSON carries as a string).
            if (version.Metadata is { ValueKind: JsonValueKind.Object } metadata && metadata.TryGetProperty("imageSizeBytes", out var size))
                return size.ValueKind == JsonValueKind.String && long.TryParse(size.GetString(), out var parsed) ? parsed
                    : size.ValueKind == JsonValueKind.Number ? size.GetInt64() : null;
            return null;
        }

        public Exception? ExplainPushRefusal(string dockerError, ImageReference taggedImage) =>
            DockerRegistryErrors.TryExplain(dockerError, new DockerErrorContext
            {
                Reference = taggedImage.ToString(),
                CanonicalHost = taggedImage.Host,
                ActualHost = hostMap.Resolve(taggedImage.Host),
                Principal = principal,
                Config = ReadConfig(),
            });

        private ArtifactRegistryClient Client => client ?? throw new InvalidOperationException("Registry verification is off: the registry is not asked.");

        private DockerConfig? ReadConfig()
        {
            try
            {
                return dockerConfig.Read();
            }
            catch (Exception exception) when (exception is IOException or DockerConfigMalformedException or UnauthorizedAccessException)
            {
                return null; // the explanation then does without the config's state
            }
        }

        public ValueTask DisposeAsync()
        {
            client?.Dispose();
            if (ownsAuth && !_handedOver)
                auth?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
