using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ArtifactRegistry.References;

/// <summary>
/// A content digest as Artifact Registry uses it: <c>sha256:</c> followed by 64 lowercase hex digits.
/// It is also the version ID of a Docker image (<c>.../versions/sha256:…</c>).
/// </summary>
public sealed class ImageDigest : IEquatable<ImageDigest>
{
    /// <summary>The algorithm prefix, <c>sha256</c>.</summary>
    public const string Sha256 = "sha256";
    private const int Sha256HexLength = 64;

    private ImageDigest(string hex) => Hex = hex;

    /// <summary>Always <c>sha256</c>: the only algorithm Artifact Registry uses.</summary>
    public string Algorithm => Sha256;

    /// <summary>The 64 lowercase hex digits.</summary>
    public string Hex { get; }

    /// <summary>Parses <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
    /// <exception cref="InvalidImageDigestException">The text is not such a digest; the message says what is wrong.</exception>
    public static ImageDigest Parse(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return TryParse(digest, out var result, out var problem) ? result : throw new InvalidImageDigestException(digest, problem);
    }

    /// <summary>Parses <c>sha256:&lt;64 lowercase hex&gt;</c>; false when the text is not such a digest.</summary>
    public static bool TryParse(string? digest, [NotNullWhen(true)] out ImageDigest? result) =>
        TryParse(digest, out result, out _);

    /// <param name="problem">Why the text is not a digest, when it is not.</param>
    public static bool TryParse(string? digest, [NotNullWhen(true)] out ImageDigest? result, [NotNullWhen(false)] out string? problem)
    {
        result = null;
        var violation = FindViolation(digest ?? "");
        if (violation is not null)
        {
            problem = Explain(violation);
            return false;
        }
        problem = null;
        result = new ImageDigest(digest![(Sha256.Length + 1)..]);
        return true;
    }

    /// <summary>A digest from its 64 hex digits (without the <c>sha256:</c> prefix).</summary>
    public static ImageDigest FromSha256Hex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return Parse($"{Sha256}:{hex}");
    }

    /// <summary>The digest of <paramref name="content"/>, e.g. of a manifest's exact bytes.</summary>
    public static ImageDigest Compute(ReadOnlySpan<byte> content) =>
        new(Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary><c>sha256:015d97e86f5a</c>: the first 12 hex digits, for tables and logs.</summary>
    public string ToShortString() => $"{Sha256}:{Hex[..12]}";

    /// <c>sha256:</c> and the 64 hex digits.
    public override string ToString() => $"{Sha256}:{Hex}";

    /// <summary>Whether both are the same digest.</summary>
    public bool Equals(ImageDigest? other) => other is not null && other.Hex == Hex;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ImageDigest);
    /// <inheritdoc/>
    public override int GetHashCode() => Hex.GetHashCode(StringComparison.Ordinal);
    /// <summary>Whether both are the same digest (or both null).</summary>
    public static bool operator ==(ImageDigest? left, ImageDigest? right) => Equals(left, right);
    /// <summary>Whether the digests differ.</summary>
    public static bool operator !=(ImageDigest? left, ImageDigest? right) => !Equals(left, right);

    internal const string Expected = "A digest is sha256: followed by 64 lowercase hex digits (sha256:015d97e8…).";

    /// <summary>What is wrong with <paramref name="digest"/> as a short clause, or null when it is a valid digest.</summary>
    internal static string? FindViolation(string digest)
    {
        if (digest.Length == 0) return "the digest is empty";

        var colon = digest.IndexOf(':');
        if (colon < 0)
        {
            return digest.Length == Sha256HexLength && digest.All(char.IsAsciiHexDigit)
                ? $"digest '{digest}' lacks its algorithm: write sha256:{digest.ToLowerInvariant()}"
                : $"'{digest}' is not a digest";
        }

        var algorithm = digest[..colon];
        var hex = digest[(colon + 1)..];
        if (algorithm != Sha256)
        {
            return string.Equals(algorithm, Sha256, StringComparison.OrdinalIgnoreCase)
                ? $"digest '{digest}' must name its algorithm in lowercase: {Sha256}:{hex.ToLowerInvariant()}"
                : $"digest '{digest}' uses algorithm '{algorithm}', but Artifact Registry digests are always sha256";
        }

        var notHex = hex.Where(c => !char.IsAsciiHexDigit(c)).Distinct().ToList();
        if (notHex.Count > 0)
            return $"digest '{digest}' contains {DisallowedCharacters.Quoted(notHex)}, which {(notHex.Count == 1 ? "is" : "are")} not hex";
        if (hex.Length != Sha256HexLength)
            return $"digest '{digest}' has {hex.Length} hex digits; a sha256 digest has exactly {Sha256HexLength} (was it shortened or cut off?)";
        if (hex.Any(char.IsAsciiLetterUpper))
            return $"digest '{digest}' has uppercase hex digits; digests are compared as text, so write them in lowercase: {Sha256}:{hex.ToLowerInvariant()}";
        return null;
    }

    /// <summary>The clause as a full message: capitalised, with what a digest looks like.</summary>
    internal static string Explain(string violation) => $"{char.ToUpperInvariant(violation[0])}{violation[1..]}. {Expected}";
}
