using ArtifactRegistry.References;

namespace ArtifactRegistry.Grants;

/// <summary>Whether a member can pull from a repository, as far as the policies the caller may read tell.</summary>
public sealed record PullAccessResult
{
    /// <summary>The repository asked about.</summary>
    public required RepositoryName Repository { get; init; }

    /// <summary>The member asked about, as IAM writes it.</summary>
    public required string Member { get; init; }

    /// <summary>Whether the member can pull.</summary>
    public required PullAccessVerdict Verdict { get; init; }

    /// <summary>The unconditional bindings that let the member pull, repository ones first; empty unless <see cref="PullAccessVerdict.Allowed"/>.</summary>
    public IReadOnlyList<PullAccessBinding> Bindings { get; init; } = [];

    /// <summary>What could not be checked (a policy the caller may not read, group membership, conditions, custom roles), one sentence each.</summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];

    /// <summary>The gcloud command that grants pull access on the repository (what GrantReader does).</summary>
    public required string GrantCommand { get; init; }

    /// <summary>One paragraph for the build log: the verdict, through which binding, and what could not be checked.</summary>
    public override string ToString()
    {
        var verdict = Verdict switch
        {
            PullAccessVerdict.Allowed =>
                $"{Member} can pull from {Repository.DockerPath}: " + string.Join("; ", Bindings.Select(b => b.ToString())) + ".",
            PullAccessVerdict.NotGranted =>
                $"{Member} cannot pull from {Repository.DockerPath}: no binding on the repository or on project {Repository.ProjectId} grants it a role " +
                $"with artifactregistry.repositories.downloadArtifacts (folder and organization policies were not read). Grant it with the GrantReader step, or: {GrantCommand}.",
            _ =>
                $"Whether {Member} can pull from {Repository.DockerPath} could not be established: nothing read grants it, but not everything could be read. " +
                $"To be sure, grant it with the GrantReader step (idempotent), or: {GrantCommand}.",
        };
        return Unchecked.Count == 0 ? verdict : verdict + " Not checked: " + string.Join(" ", Unchecked);
    }
}

/// <summary>The answer of CheckPullAccess.</summary>
public enum PullAccessVerdict
{
    /// <summary>An unconditional binding on the repository or its project lets the member pull.</summary>
    Allowed,

    /// <summary>Both policies were read, and nothing in them lets the member pull.</summary>
    NotGranted,

    /// <summary>Nothing read lets the member pull, but a policy could not be read, or a binding could not be judged.</summary>
    Unknown,
}

/// <summary>Where a binding is: on the repository itself, or on its project (where it covers every repository).</summary>
public enum PullAccessScope
{
    /// <summary>A binding on the repository itself.</summary>
    Repository,
    /// <summary>A binding on the repository's project, covering every repository in it.</summary>
    Project,
}

/// <summary>A binding that lets the member pull: where, which role, and the member it names (the member itself, or <c>allUsers</c>…).</summary>
public sealed record PullAccessBinding(PullAccessScope Scope, string Role, string BoundMember)
{
    /// <summary>The binding in words: role, scope and member.</summary>
    public override string ToString() => $"{Role} on the {(Scope == PullAccessScope.Repository ? "repository" : "project")} (member {BoundMember})";
}
