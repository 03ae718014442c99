using k8s.Models;

namespace ArtifactRegistry.Kubernetes;

/// <summary>A workload's <c>spec.selector</c> as the <c>labelSelector</c> query text the API takes.</summary>
internal static class LabelSelectors
{
    public static string ToQuery(V1LabelSelector selector)
    {
        var parts = new List<string>();
        foreach (var (key, value) in (selector.MatchLabels ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key, StringComparer.Ordinal))
            parts.Add($"{key}={value}");
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", expression.Values ?? []);
            parts.Add(expression.OperatorProperty switch
            {
                "In" => $"{expression.Key} in ({values})",
                "NotIn" => $"{expression.Key} notin ({values})",
                "Exists" => expression.Key,
                "DoesNotExist" => $"!{expression.Key}",
                var other => throw new NotSupportedException($"Label selector operator '{other}' is unknown."),
            });
        }
        return string.Join(",", parts);
    }
}
