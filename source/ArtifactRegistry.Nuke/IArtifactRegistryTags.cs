using ArtifactRegistry.Hints;
using ArtifactRegistry.References;
using ArtifactRegistry.Tagging;
using Microsoft.Extensions.Logging;
using Nuke.Common;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The Tag target as a NUKE component: <c>class Build : NukeBuild, IArtifactRegistryTags</c>, then
/// <c>./build.sh Tag --image asia-docker.pkg.dev/P/R/app:3f2c1ab --add-tags stable,prod</c> (create or move),
/// <c>--remove-tags pr-7</c> (delete the tags, never the image), or neither to list the image's tags; <c>--dry-run</c> lists them
/// and says what would change.
/// </summary>
public interface IArtifactRegistryTags : IArtifactRegistryImage
{
    /// <summary>Alias of <see cref="IArtifactRegistryImage.Image"/> for the Tag target, taken before it: <c>HOST/PROJECT-ID/REPOSITORY/IMAGE</c>, with <c>:TAG</c> or <c>@sha256:DIGEST</c> when tags are added.</summary>
    [Parameter("Alias of --image for the Tag target: HOST/PROJECT-ID/REPOSITORY/IMAGE, with :TAG or @sha256:DIGEST when tags are added")]
    string? TagImage => TryGetValue(() => TagImage);

    /// <summary>Tags to point at the image, created or moved.</summary>
    [Parameter("Tags to point at --image, created or moved (comma-separated in the environment)", Separator = ",")]
    string[] AddTags => TryGetValue(() => AddTags) ?? [];

    /// <summary>Tags of the image to delete; the image itself stays.</summary>
    [Parameter("Tags of --image's image to delete; the image stays (comma-separated in the environment)", Separator = ",")]
    string[] RemoveTags => TryGetValue(() => RemoveTags) ?? [];

    /// <summary>Adds <see cref="AddTags"/> to the image, then deletes <see cref="RemoveTags"/>; with neither, lists the image's tags. With <see cref="IArtifactRegistryContext.DryRun"/>, lists them and what would change.</summary>
    Target Tag => _ => _
        .Description("Adds, moves or deletes tags of an image in Artifact Registry; lists them when given none (--dry-run: and what would change)")
        .Executes(() => Run(async () =>
        {
            var image = TagImage ?? Image ?? throw new SettingsException(
                "Tag was given no image, so it does not know whose tags to change or list: --image asia-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE:TAG " +
                "(with :TAG or @sha256:DIGEST when adding tags; IMAGE in the environment or .nuke/parameters.json works too).");
            var context = TargetContext;
            var name = ImageReference.Parse(image).Name;
            if (DryRun == true || (AddTags.Length == 0 && RemoveTags.Length == 0))
            {
                await ArtifactRegistryBuild.TagListAsync(context, s => s.SetImage(image), CancellationToken.None);
                foreach (var tag in AddTags)
                    context.Logger.LogInformation("Dry run: {Tag} would point at {Image}", tag, image);
                foreach (var tag in RemoveTags)
                    context.Logger.LogInformation("Dry run: tag {Tag} of {Name} would be deleted, the image staying", tag, name);
                return;
            }
            if (AddTags.Length > 0)
                await ArtifactRegistryBuild.TagAddAsync(context, s => s.SetSource(image).SetTags(AddTags), CancellationToken.None);
            foreach (var tag in RemoveTags)
                await ArtifactRegistryBuild.TagDeleteAsync(context, s => s.SetImage($"{name}:{tag}"), CancellationToken.None);
        }));
}
