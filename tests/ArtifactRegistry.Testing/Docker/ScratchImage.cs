namespace ArtifactRegistry.Testing.Docker;

/// <summary>
/// The smallest real image: <c>FROM scratch</c> plus one file, <see cref="PayloadPath"/>, holding the text the test
/// chooses. Different text gives a different layer, image id and pushed digest, so tests never collide on content.
/// </summary>
public static class ScratchImage
{
    public const string PayloadPath = "/payload.txt";

    public static Task<BuiltImage> BuildAsync(PrivateDockerd engine, string payload, params string[] tags) =>
        BuildAsync(engine, payload, tags, CancellationToken.None);

    public static Task<BuiltImage> BuildAsync(PrivateDockerd engine, string payload, IEnumerable<string> tags, CancellationToken cancellationToken) =>
        DockerfileImage.BuildAsync(
            engine,
            $"FROM scratch\nCOPY payload.txt {PayloadPath}\n",
            new Dictionary<string, string> { ["payload.txt"] = payload },
            tags,
            cancellationToken);
}
