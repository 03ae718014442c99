namespace ArtifactRegistry.Iam;

/// <summary>What the build will do with its repositories, which decides the permissions the preflight asks for.</summary>
[Flags]
public enum AccessNeeds
{
    /// <summary>Pull only: <c>downloadArtifacts</c>.</summary>
    Pull = 1,

    /// <summary>Push images and tags: <c>uploadArtifacts</c>, and <c>tags.update</c> when an existing tag (such as <c>latest</c>) will move.</summary>
    Push = 2,

    /// <summary>Delete untagged versions and tags: <c>versions.delete</c>, <c>tags.delete</c>.</summary>
    Prune = 4,
}
