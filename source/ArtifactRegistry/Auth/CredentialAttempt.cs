namespace ArtifactRegistry.Auth;

/// <summary>One place looked at while resolving credentials, and what was found there (never a secret).</summary>
/// <param name="Source">e.g. <c>GOOGLE_APPLICATION_CREDENTIALS</c>, the well-known gcloud file, the metadata server, gcloud's account.</param>
/// <param name="Outcome">e.g. <c>not set</c>, <c>no file at …</c>, <c>service account x@p.iam.gserviceaccount.com</c>.</param>
public sealed record CredentialAttempt(string Source, string Outcome)
{
    /// <summary>The command or setting that would make this source give credentials, when one would; null when nothing here helps.</summary>
    public string? Remedy { get; init; }

    /// <c>SOURCE: OUTCOME</c>.
    public override string ToString() => $"{Source}: {Outcome}";
}
