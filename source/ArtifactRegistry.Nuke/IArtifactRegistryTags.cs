using ArtifactRegistry.Tagging;
using Nuke.Common;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The Tag target as a NUKE component: <c>class Build : NukeBuild, IArtifactRegistryTags</c>, then
/// <c>./build.sh Tag --tag-image asia-docker.pkg.dev/P/R/app:3f2c1ab --add-tags stable,prod</c> (create or move),
/// <c>--remove-tags pr-7</c> (delete the tags, never the image), or neither to list the image's tags.
/// </summary>
public interface IArtifactRegistryTags : IArtifactRegistryContext
{
    /// <summary>The image the Tag target works on, <c>HOST/PROJECT-ID/REPOSITORY/IMAGE</c>, with <c>:TAG</c> or <c>@sha256:DIGEST</c> when tags are added.</summary>
    [Parameter("Image the Tag target works on: HOST/PROJECT-ID/REPOSITORY/IMAGE, with :TAG or @sha256:DIGEST when tags are added")]
    string? TagImage => TryGetValue(() => TagImage);

    /// <summary>Tags to point at <see cref="TagImage"/>, created or moved.</summary>
    [Parameter("Tags to point at --tag-image, created or moved (comma-separated in the environment)", Separator = ",")]
    string[] AddTags => TryGetValue(() => AddTags) ?? [];

    /// <summary>Tags of <see cref="TagImage"/>'s image to delete; the image itself stays.</summary>
    [Parameter("Tags of --tag-image's image to delete; the image stays (comma-separated in the environment)", Separator = ",")]
    string[] RemoveTags => TryGetValue(() => RemoveTags) ?? [];

    /// <summary>Adds <see cref="AddTags"/> to <see cref="TagImage"/>, then deletes <see cref="RemoveTags"/>; with neither, lists the image's tags.</summary>
    Target Tag => _ => _
        .Description("Adds, moves or deletes tags of an image in Artifact Registry; lists them when given none")
        .Requires(() => TagImage)
        .Executes(async () =>
        {
            var context = ArtifactRegistryTasks.ContextFor(this);
            if (AddTags.Length > 0)
                await TagAdd.RunAsync(context, s => s.SetSource(TagImage!).SetTags(AddTags));
            var name = References.ImageReference.Parse(TagImage!).Name;
            foreach (var tag in RemoveTags)
                await TagDelete.RunAsync(context, s => s.SetImage($"{name}:{tag}"));
            if (AddTags.Length == 0 && RemoveTags.Length == 0)
                await TagList.RunAsync(context, s => s.SetImage(TagImage!));
        });
}
