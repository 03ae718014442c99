using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Deletion;
using ArtifactRegistry.Tagging;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

public static partial class ArtifactRegistryAliases
{
    /// <summary>Points tags at an image, creating or moving them: <c>TagAdd(s =&gt; s.SetSource("…/app:3f2c1ab").SetTags("stable"))</c>.</summary>
    [CakeMethodAlias]
    public static TagAddResult TagAdd(this ICakeContext context, Func<TagAddSettings, TagAddSettings>? configure = null) =>
        AliasRun.Run(context, nameof(TagAdd), (session, cancellationToken) =>
            global::ArtifactRegistry.Tagging.TagAdd.RunAsync(session.Context, Configured(ArgumentDefaults.TagAdd(context.Arguments), configure), cancellationToken));

    /// <summary>Every tag of an image with its digest and upload time: <c>TagList(s =&gt; s.SetImage("…/app"))</c>.</summary>
    [CakeMethodAlias]
    public static IReadOnlyList<TagListing> TagList(this ICakeContext context, Func<TagListSettings, TagListSettings>? configure = null) =>
        AliasRun.Run(context, nameof(TagList), (session, cancellationToken) =>
            global::ArtifactRegistry.Tagging.TagList.RunAsync(session.Context, Configured(ArgumentDefaults.TagList(context.Arguments), configure), cancellationToken));

    /// <summary>Deletes one tag, never its image: <c>TagDelete(s =&gt; s.SetImage("…/app:pr-7"))</c>.</summary>
    [CakeMethodAlias]
    public static TagDeleteResult TagDelete(this ICakeContext context, Func<TagDeleteSettings, TagDeleteSettings>? configure = null) =>
        AliasRun.Run(context, nameof(TagDelete), (session, cancellationToken) =>
            global::ArtifactRegistry.Tagging.TagDelete.RunAsync(session.Context, Configured(ArgumentDefaults.TagDelete(context.Arguments), configure), cancellationToken));

    /// <summary>
    /// Deletes one image by digest, or the one a tag points at; a bare name is refused:
    /// <c>DeleteImage(s =&gt; s.SetImage("…/app@sha256:…"))</c>.
    /// </summary>
    [CakeMethodAlias]
    public static DeleteImageResult DeleteImage(this ICakeContext context, Func<DeleteImageSettings, DeleteImageSettings>? configure = null) =>
        AliasRun.Run(context, nameof(DeleteImage), (session, cancellationToken) =>
            global::ArtifactRegistry.Deletion.DeleteImage.RunAsync(session.Context, Configured(ArgumentDefaults.DeleteImage(context.Arguments), configure), cancellationToken));
}
