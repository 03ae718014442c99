namespace ArtifactRegistry.GitOps;

/// <summary>One image pinned in a kustomization's <c>images:</c>, as <c>kustomize edit set image NAME=NEWNAME@DIGEST</c> writes it.</summary>
/// <param name="Path">The kustomization file written.</param>
/// <param name="Name">The entry's <c>name</c>: the image as the resources name it.</param>
/// <param name="NewName">The entry's <c>newName</c>: the image pushed, without tag or digest.</param>
/// <param name="Digest">The entry's <c>digest</c>.</param>
/// <param name="Added">Whether the entry was added (else an existing one was changed).</param>
/// <param name="Written">False in a dry run: the file was checked, not changed.</param>
public sealed record KustomizationPin(string Path, string Name, string NewName, string Digest, bool Added, bool Written);
