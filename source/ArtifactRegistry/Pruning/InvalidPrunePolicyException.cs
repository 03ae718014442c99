namespace ArtifactRegistry.Pruning;

/// <summary>A prune policy setting cannot be used (a pattern that is no regular expression, a negative count); nothing was listed or deleted.</summary>
public sealed class InvalidPrunePolicyException(string message) : ArgumentException(message);
