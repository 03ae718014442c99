using ArtifactRegistry.Hints;
using System.Diagnostics;
using ArtifactRegistry.Access;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Gcloud;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.DockerAuth;

/// <summary>
/// Gives docker credentials for exactly the Artifact Registry hosts a build touches, and proves before the build that they
/// allow what it will do. Replaces <c>gcloud auth configure-docker HOST --quiet</c> (and the surprises after it).
/// </summary>
public static class EnsureDockerAuth
{
    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, EnsureDockerAuthSettings, CancellationToken)"/>
    public static Task<EnsureDockerAuthResult> RunAsync(
        OperationContext context, Func<EnsureDockerAuthSettings, EnsureDockerAuthSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new EnsureDockerAuthSettings()), cancellationToken);
    }

    /// <exception cref="SettingsException">No image and no extra host.</exception>
    /// <exception cref="DockerAuthUnavailableException">Auto mode found no credentials at all.</exception>
    /// <exception cref="DockerConfigMalformedException">The docker config is not valid JSON (it is left untouched).</exception>
    /// <exception cref="DockerCredentialHelperException">docker-credential-gcloud is missing or has no account.</exception>
    /// <exception cref="GoogleCredentialException">Application Default Credentials are broken.</exception>
    /// <exception cref="ArtifactRegistryAccessDeniedException">The preflight found a permission missing.</exception>
    /// <exception cref="RepositoryNotFoundException">The preflight found a repository missing or invisible.</exception>
    public static async Task<EnsureDockerAuthResult> RunAsync(OperationContext context, EnsureDockerAuthSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var stopwatch = Stopwatch.StartNew();
        var logger = context.Logger;
        var runner = new CountingProcessRunner(context.ProcessRunner);
        var hostMap = context.ResolveHostMap();
        var hosts = settings.Images.Select(image => image.Host).Concat(settings.ExtraHosts).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (hosts.Count == 0)
            throw new SettingsException(
                $"EnsureDockerAuth was given no image and no host.{Environment.NewLine}" +
                $"It logs docker in to the hosts of the images the build will touch, so without them it has nowhere to log in.{Environment.NewLine}" +
                $"Name the images with {SettingNames.DockerAuthImages}, or their hosts with AddExtraHosts(\"LOCATION-docker.pkg.dev\").",
                SettingNames.DockerAuthImages);
        var actualHosts = hosts.Select(hostMap.Resolve).ToList();
        logger.LogInformation("EnsureDockerAuth: hosts {Hosts}", Describe(hosts, actualHosts));
        foreach (var unlisted in settings.Images.Select(image => image.Location).Distinct().Select(ArtifactRegistryLocations.DescribeUnlisted).OfType<string>())
            logger.LogWarning("EnsureDockerAuth: {Warning}", unlisted);

        var (mode, gcloud, adc) = await ChooseModeAsync(context, settings, cancellationToken).ConfigureAwait(false);

        var environment = context.EnvironmentVariables;
        EnsureDockerAuthResult result;
        if (mode == DockerAuthMode.CredentialHelper)
        {
            var helper = new DockerCredentialHelper(DockerConfigFile.GcloudHelper, runner, environment, logger);
            if (!helper.IsInstalled(out var searchedPath))
                throw new DockerCredentialHelperException(helper.Helper, hosts[0], DockerCredentialHelperProblem.NotInstalled,
                    $"It was looked for on PATH ({searchedPath}). It ships with the Google Cloud SDK (https://cloud.google.com/sdk/docs/install): put the SDK's bin directory on PATH, " +
                    "or use the AccessToken mode, which needs no gcloud.");

            var configFile = context.DockerConfigFile();
            var configStopwatch = Stopwatch.StartNew();
            var change = configFile.EnsureCredentialHelper(actualHosts, DockerConfigFile.GcloudHelper, settings.LockTimeout);
            var configurationTime = configStopwatch.Elapsed;
            LogChange(logger, change);

            var principal = gcloud.Account is { } account ? GooglePrincipal.FromEmail(account) : GooglePrincipal.Unknown($"the gcloud credentials ({gcloud.Source})");
            // gcloud's helper hands every host the same account's token: asking for the first host proves them all.
            var tokens = new RefreshingAccessTokenSource($"docker-credential-gcloud ({gcloud.Source})", principal,
                async ct => (await helper.GetAsync(hosts[0], context.Time, ct).ConfigureAwait(false)).Token, context.Time);
            var session = new DockerAuthSession(mode, Path.GetDirectoryName(configFile.Path)!, false, tokens, null, [], null, context.Time, logger);
            result = new EnsureDockerAuthResult
            {
                Mode = mode, Hosts = hosts, DockerConfigDirectory = session.DockerConfigDirectory, ConfigChange = change,
                Principal = principal, Session = session, ConfigurationTime = configurationTime,
            };
        }
        else
        {
            var tokens = context.AccessTokenSource ?? adc?.TokenSource ?? (await ResolveAdcAsync(context, cancellationToken).ConfigureAwait(false));
            var ownsDirectory = settings.SessionDirectory is null;
            // A new directory, mode 0700 on Unix, outside the user's home: the login's token never lands in ~/.docker.
            var directory = settings.SessionDirectory ?? Directory.CreateTempSubdirectory("ar-docker-").FullName;
            var login = new DockerLogin(runner, environment, logger);
            AccessToken token;
            TimeSpan configurationTime;
            try
            {
                var configStopwatch = Stopwatch.StartNew();
                WriteScopedConfig(context, directory, actualHosts);
                configurationTime = configStopwatch.Elapsed;

                token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                foreach (var host in actualHosts)
                {
                    await login.LoginAsync(host, token, directory, cancellationToken).ConfigureAwait(false);
                    logger.LogInformation("EnsureDockerAuth: docker logged in to {Host} as {Username} ({Principal}; token expires {Expires:HH:mm:ss}) in {Directory}",
                        host, DockerLogin.AccessTokenUsername, tokens.Principal, token.ExpiresAt, directory);
                }
            }
            catch when (ownsDirectory)
            {
                // Nothing of a failed login may stay behind, least of all a token.
                Directory.Delete(directory, recursive: true);
                throw;
            }
            var session = new DockerAuthSession(mode, directory, ownsDirectory, tokens, login, actualHosts, token, context.Time, logger);
            result = new EnsureDockerAuthResult
            {
                Mode = mode, Hosts = hosts, DockerConfigDirectory = directory, Principal = tokens.Principal, Session = session,
                ConfigurationTime = configurationTime,
            };
        }

        if (settings.AccessPreflight && settings.Images.Length > 0)
        {
            try
            {
                var (repositories, principal) = await PreflightAsync(context, settings, result, cancellationToken).ConfigureAwait(false);
                result = result with { Repositories = repositories, Principal = principal };
            }
            catch
            {
                // The caller never gets the session of a failed run, so nobody else could delete its login and token.
                await result.Session.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        result = result with { ChildProcesses = runner.Count, Duration = stopwatch.Elapsed };
        logger.LogInformation("{Result}", result);
        return result;
    }

    private static async Task<(DockerAuthMode Mode, GcloudCredentialState Gcloud, CredentialSearchResult? Adc)> ChooseModeAsync(
        OperationContext context, EnsureDockerAuthSettings settings, CancellationToken cancellationToken)
    {
        var gcloud = GcloudCredentialState.Read(context.Variable, context.Home);
        switch (settings.Mode)
        {
            case DockerAuthMode.CredentialHelper:
                context.Logger.LogInformation("EnsureDockerAuth: mode CredentialHelper (requested; gcloud: {Source})", gcloud.Source);
                // With the preflight, the helper call itself fails with the remedies; without it nothing would until the push.
                if (!gcloud.HasCredentials && !(settings.AccessPreflight && settings.Images.Length > 0))
                    context.Logger.LogWarning(
                        "EnsureDockerAuth: gcloud seems to have no account ({Source}), so docker-credential-gcloud will have nothing to give docker: " +
                        "run `gcloud auth login` (a person) or `gcloud auth activate-service-account --key-file=KEY.json` (CI), or use the AccessToken mode",
                        gcloud.Source);
                return (DockerAuthMode.CredentialHelper, gcloud, null);
            case DockerAuthMode.AccessToken:
                context.Logger.LogInformation("EnsureDockerAuth: mode AccessToken (requested)");
                return (DockerAuthMode.AccessToken, gcloud, null);
        }

        if (gcloud.HasCredentials)
        {
            context.Logger.LogInformation("EnsureDockerAuth: mode CredentialHelper (gcloud has credentials: {Source})", gcloud.Source);
            return (DockerAuthMode.CredentialHelper, gcloud, null);
        }
        if (context.AccessTokenSource is not null)
        {
            context.Logger.LogInformation("EnsureDockerAuth: mode AccessToken ({Source})", context.AccessTokenSource.Description);
            return (DockerAuthMode.AccessToken, gcloud, null);
        }

        var adc = await ApplicationDefaultCredentials.ResolveAsync(context.ApplicationDefaultCredentialsOptions, cancellationToken).ConfigureAwait(false);
        if (adc.Found)
        {
            context.Logger.LogInformation("EnsureDockerAuth: mode AccessToken (gcloud: {Gcloud}; ADC: {Source})", gcloud.Source, adc.TokenSource!.Description);
            return (DockerAuthMode.AccessToken, gcloud, adc);
        }
        throw new DockerAuthUnavailableException([new CredentialAttempt("gcloud", gcloud.Source), .. adc.Attempts]);
    }

    private static async Task<IAccessTokenSource> ResolveAdcAsync(OperationContext context, CancellationToken cancellationToken)
    {
        var found = await GoogleCredentials.ResolveAsync(context.ApplicationDefaultCredentialsOptions, cancellationToken).ConfigureAwait(false);
        return found.TokenSource ?? throw new DockerAuthUnavailableException(found.Attempts);
    }

    /// <summary>
    /// The build-scoped config starts as a copy of the user's (other registries keep working) without <c>credsStore</c>,
    /// which would swallow the login into the user's keychain, and without helpers for these hosts, which would win over it.
    /// </summary>
    private static void WriteScopedConfig(OperationContext context, string directory, IReadOnlyList<string> actualHosts)
    {
        var userConfig = context.DockerConfigFile().Read();
        if (userConfig.CredentialsStore is { } store)
            context.Logger.LogInformation("EnsureDockerAuth: credsStore '{Store}' of {Path} is left out of the build-scoped config so the token stays out of it", store, userConfig.Path);
        DockerConfigFile.InDirectory(directory).Write(userConfig.WithoutCredentialSourcesFor(actualHosts));
    }

    /// <returns>The access per repository, and the principal (traced through tokeninfo when the credential did not name it).</returns>
    internal static async Task<(IReadOnlyList<RepositoryAccess> Access, GooglePrincipal Principal)> PreflightAsync(
        OperationContext context, EnsureDockerAuthSettings settings, EnsureDockerAuthResult result, CancellationToken cancellationToken)
    {
        using var client = context.CreateRestClient(result.Session.Tokens);

        GooglePrincipal? principal = result.Principal.IsKnown ? result.Principal : null;
        async Task<GooglePrincipal> PrincipalAsync(CancellationToken ct)
        {
            if (principal is not null)
                return principal;
            using var http = context.CreateHttpClient();
            var tokenInfo = new TokenInfo(http, context.ResolveTokenInfoEndpoint());
            var owner = await tokenInfo.LookUpAsync(await result.Session.Tokens.GetAccessTokenAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            principal = owner.IsKnown ? owner : result.Principal;
            return principal;
        }

        try
        {
            var access = await new AccessPreflight(client, PrincipalAsync, context.Logger)
                .CheckAsync(settings.Images, settings.AccessNeeds, settings.CreateRepositoryIfMissing, cancellationToken).ConfigureAwait(false);
            return (access, await PrincipalAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (ArtifactRegistryApiException e) when (e.HttpStatus == System.Net.HttpStatusCode.Unauthorized)
        {
            throw new GoogleCredentialException(
                $"Artifact Registry rejected the credentials of {result.Principal.Description} ({result.Session.Tokens.Description}) as unauthenticated: {e.GoogleMessage} " +
                "The token may have expired or been revoked: for gcloud run `gcloud auth login` (or activate the service account again); " +
                "for a key or federation file check that it is current.", e);
        }
    }

    private static void LogChange(ILogger logger, CredentialHelperChange change)
    {
        if (!change.Written)
            logger.LogInformation("EnsureDockerAuth: {Path} already has credHelpers gcloud for {Hosts}; not written", change.ConfigPath, string.Join(", ", change.AlreadyConfiguredHosts));
        else
            logger.LogInformation("EnsureDockerAuth: {Path}: credHelpers gcloud added for {Hosts}", change.ConfigPath, string.Join(", ", change.AddedHosts.Concat(change.ReplacedHelpers.Keys)));
        foreach (var (host, previous) in change.ReplacedHelpers)
            logger.LogWarning("EnsureDockerAuth: {Host} used the credential helper '{Previous}'; it now uses gcloud", host, previous);
        if (change.ShadowedCredentialsStore is { } store)
            logger.LogInformation("EnsureDockerAuth: credsStore '{Store}' (Docker Desktop) stays for other registries; credHelpers wins for {Hosts}",
                store, string.Join(", ", change.AddedHosts.Concat(change.ReplacedHelpers.Keys).Concat(change.AlreadyConfiguredHosts)));
    }

    private static string Describe(IReadOnlyList<string> hosts, IReadOnlyList<string> actualHosts) =>
        string.Join(", ", hosts.Zip(actualHosts, (host, actual) => host == actual ? host : $"{host} (docker talks to {actual})"));
}
