using ArtifactRegistry.Grants;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The GrantReader target as a NUKE component: <c>class Build : NukeBuild, IArtifactRegistryGrantReader</c>, then
/// <c>./build.sh GrantReader --image asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE --reader-member serviceAccount:NODES@CLUSTER-PROJECT.iam.gserviceaccount.com</c>:
/// the image's repository grants the member <c>roles/artifactregistry.reader</c>. Run it with credentials that may change the
/// repository's IAM policy (<c>roles/artifactregistry.admin</c>); it writes nothing when the grant is already there.
/// </summary>
public interface IArtifactRegistryGrantReader : IArtifactRegistryImage
{
    /// <summary>The IAM member granted <c>roles/artifactregistry.reader</c> on the image's repository, e.g. <c>serviceAccount:NODES@CLUSTER-PROJECT.iam.gserviceaccount.com</c>.</summary>
    [Parameter("Member that may pull the image's repository, e.g. the GKE node pool's serviceAccount:NAME@PROJECT.iam.gserviceaccount.com")]
    string? ReaderMember => TryGetValue(() => ReaderMember);

    /// <summary>Override to adjust the settings further (another repository, say).</summary>
    Configure<GrantReaderSettings> GrantReaderSettings => settings => settings;

    /// <summary>Grants <see cref="ReaderMember"/> <c>roles/artifactregistry.reader</c> on the repository of <see cref="IArtifactRegistryImage.Image"/>; writes nothing when the grant is already there.</summary>
    Target GrantReader => _ => _
        .Description("Grants roles/artifactregistry.reader on the image's repository to --reader-member (GKE nodes in another project); idempotent")
        .Requires(() => ReaderMember)
        .Executes(() => Run(async () =>
        {
            RefuseDryRun("GrantReader", "changes the repository's IAM policy");
            await ArtifactRegistryBuild.GrantReaderAsync(TargetContext, settings => GrantReaderSettings(Configure(settings)), CancellationToken.None);
        }));

    private GrantReaderSettings Configure(GrantReaderSettings settings)
    {
        settings = settings.SetMember(ReaderMember!);
        return Image is null ? settings : settings.SetRepository(Image);
    }
}
