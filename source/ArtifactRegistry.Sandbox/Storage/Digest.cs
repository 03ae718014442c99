using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>A content digest in the only form Artifact Registry accepts for Docker content: <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
internal readonly record struct Digest
{
    private const string Prefix = "sha256:";

    private Digest(string value) => Value = value;

    public string Value { get; }

    public string Hex => Value[Prefix.Length..];

    public static Digest Of(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    public static Digest FromHash(ReadOnlySpan<byte> sha256) => new(Prefix + Convert.ToHexStringLower(sha256));

    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest)
    {
        digest = default;
        if (text is null || text.Length != Prefix.Length + 64 || !text.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        foreach (var c in text.AsSpan(Prefix.Length))
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
                return false;
        digest = new Digest(text);
        return true;
    }

    /// <summary>True when the text looks like a digest of any algorithm (<c>algo:hex</c>), so it cannot be a tag.</summary>
    public static bool LooksLikeDigest(string text) => text.Contains(':');

    public override string ToString() => Value ?? "";
}
