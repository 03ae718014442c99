namespace ArtifactRegistry.Sandbox.Iam;

/// <summary>Validation of IAM member strings, so setIamPolicy refuses what Google refuses.</summary>
internal static class Members
{
    private static readonly string[] EmailKinds = ["user:", "serviceAccount:", "group:", "domain:", "deleted:user:", "deleted:serviceAccount:", "deleted:group:"];

    public static bool IsValid(string member)
    {
        if (member is "allUsers" or "allAuthenticatedUsers")
            return true;
        if (member.StartsWith("principal://", StringComparison.Ordinal) || member.StartsWith("principalSet://", StringComparison.Ordinal))
            return member.Length > "principal://".Length + 3;
        if (member.StartsWith("projectOwner:", StringComparison.Ordinal) || member.StartsWith("projectEditor:", StringComparison.Ordinal) || member.StartsWith("projectViewer:", StringComparison.Ordinal))
            return true;
        foreach (var kind in EmailKinds)
        {
            if (!member.StartsWith(kind, StringComparison.Ordinal))
                continue;
            var value = member[kind.Length..];
            return kind == "domain:" ? value.Contains('.') : value.IndexOf('@') is > 0 and var at && at < value.Length - 1;
        }

        return false;
    }
}
