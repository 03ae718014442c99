using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Auth;

/// <summary>Where <see cref="ApplicationDefaultCredentials"/> and <see cref="GoogleCredentials"/> look; the defaults are this process's environment and home.</summary>
internal sealed record ApplicationDefaultCredentialsOptions
{
    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The variables set (null: removed) for programs started while looking, gcloud's among them; the rest is inherited.</summary>
    public IReadOnlyDictionary<string, string?> ChildEnvironment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The user's home directory (holds <c>.config/gcloud</c>).</summary>
    public string HomeDirectory { get; init; } = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>Whether to ask the GCE metadata server as the last resort of Application Default Credentials.</summary>
    public bool UseMetadataServer { get; init; } = true;

    /// <summary>How long the metadata server may take to answer a probe when the machine's identity cannot tell.</summary>
    public TimeSpan MetadataProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The file that identifies the hardware vendor on Linux; tests point it elsewhere.</summary>
    public string ProductNameFile { get; init; } = "/sys/class/dmi/id/product_name";

    /// <summary>Starts gcloud when Application Default Credentials find nothing; null: gcloud's account is not asked.</summary>
    public IProcessRunner? GcloudRunner { get; init; } = ProcessRunner.Default;

    /// <summary>Where the chosen source is logged, once per search.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The clock the token sources use.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
