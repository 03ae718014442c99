namespace ArtifactRegistry.Reporting;

/// <summary>One image pinned in a kustomization: the <c>images:</c> entry as written.</summary>
internal sealed record KustomizationResult(string Path, string Name, string NewName, string Digest, bool Added);
