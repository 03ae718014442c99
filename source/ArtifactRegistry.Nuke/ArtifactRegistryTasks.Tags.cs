using ArtifactRegistry.Deletion;
using ArtifactRegistry.Tagging;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

public static partial class ArtifactRegistryTasks
{
    /// <inheritdoc cref="TagAddAsync"/>
    public static TagAddResult TagAdd(Configure<TagAddSettings> configure) => TagAddAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Points tags at an image, creating or moving them (see <see cref="global::ArtifactRegistry.Tagging.TagAdd"/>):
    /// <c>ArtifactRegistryTasks.TagAdd(s =&gt; s.SetSource("…/app:3f2c1ab").SetTags("stable"))</c>.
    /// </summary>
    public static Task<TagAddResult> TagAddAsync(Configure<TagAddSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Tagging.TagAdd.RunAsync(Context, configure.InvokeSafe(new TagAddSettings()), cancellationToken);

    /// <inheritdoc cref="TagListAsync"/>
    public static IReadOnlyList<TagListing> TagList(Configure<TagListSettings> configure) => TagListAsync(configure).GetAwaiter().GetResult();

    /// <summary>Every tag of an image with its digest and upload time: <c>ArtifactRegistryTasks.TagList(s =&gt; s.SetImage("…/app"))</c>.</summary>
    public static Task<IReadOnlyList<TagListing>> TagListAsync(Configure<TagListSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Tagging.TagList.RunAsync(Context, configure.InvokeSafe(new TagListSettings()), cancellationToken);

    /// <inheritdoc cref="TagDeleteAsync"/>
    public static TagDeleteResult TagDelete(Configure<TagDeleteSettings> configure) => TagDeleteAsync(configure).GetAwaiter().GetResult();

    /// <summary>Deletes one tag, never its image: <c>ArtifactRegistryTasks.TagDelete(s =&gt; s.SetImage("…/app:pr-7"))</c>.</summary>
    public static Task<TagDeleteResult> TagDeleteAsync(Configure<TagDeleteSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Tagging.TagDelete.RunAsync(Context, configure.InvokeSafe(new TagDeleteSettings()), cancellationToken);

    /// <inheritdoc cref="DeleteImageAsync"/>
    public static DeleteImageResult DeleteImage(Configure<DeleteImageSettings> configure) => DeleteImageAsync(configure).GetAwaiter().GetResult();

    /// <summary>
    /// Deletes one image by digest, or the one a tag points at (see <see cref="global::ArtifactRegistry.Deletion.DeleteImage"/>); a bare name is refused:
    /// <c>ArtifactRegistryTasks.DeleteImage(s =&gt; s.SetImage("…/app@sha256:…"))</c>.
    /// </summary>
    public static Task<DeleteImageResult> DeleteImageAsync(Configure<DeleteImageSettings> configure, CancellationToken cancellationToken = default) =>
        global::ArtifactRegistry.Deletion.DeleteImage.RunAsync(Context, configure.InvokeSafe(new DeleteImageSettings()), cancellationToken);
}
