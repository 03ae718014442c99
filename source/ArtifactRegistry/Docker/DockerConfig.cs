using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArtifactRegistry.Docker;

/// <summary>
/// The content of a docker config file, kept as a JSON tree so that writing it back preserves every field
/// (<c>auths</c>, <c>credsStore</c>, <c>proxies</c>, fields of newer docker versions, ...) and their order.
/// </summary>
public sealed class DockerConfig
{
    private const string CredentialHelpersField = "credHelpers";
    private const string CredentialsStoreField = "credsStore";
    private const string AuthsField = "auths";

    private static readonly JsonDocumentOptions StrictJson = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };
    private static readonly JsonWriterOptions DockerStyle = new() { Indented = true, IndentCharacter = '\t', IndentSize = 1 };

    private readonly JsonObject _root;

    private DockerConfig(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    /// <summary>The file this content came from (it may not exist yet).</summary>
    public string Path { get; }

    /// <summary>The <c>credsStore</c> value (e.g. <c>desktop</c>), if any.</summary>
    public string? CredentialsStore => _root[CredentialsStoreField]?.GetValue<string>();

    /// <summary>The <c>credHelpers</c> entries: registry host → helper name.</summary>
    public IReadOnlyDictionary<string, string> CredentialHelpers =>
        _root[CredentialHelpersField] is JsonObject helpers
            ? helpers.ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<string>(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The hosts that have an entry in <c>auths</c> (their secrets are not exposed).</summary>
    public IReadOnlyCollection<string> AuthenticatedHosts =>
        _root[AuthsField] is JsonObject auths ? auths.Select(entry => entry.Key).ToList() : [];

    /// <summary>The credential helper docker uses for <paramref name="host"/>, if one is configured for exactly that host.</summary>
    public string? CredentialHelperFor(string host) =>
        _root[CredentialHelpersField] is JsonObject helpers && helpers[host] is { } helper ? helper.GetValue<string>() : null;

    /// <summary>An empty configuration, as docker sees a missing or empty file.</summary>
    public static DockerConfig Empty(string path) => new(path, new JsonObject());

    /// <summary>Parses the bytes of a docker config file; throws <see cref="DockerConfigMalformedException"/> for anything docker could not read.</summary>
    public static DockerConfig Parse(string path, ReadOnlySpan<byte> utf8Json)
    {
        var trimmed = TrimBom(utf8Json);
        // docker itself treats an empty or blank file as an empty configuration.
        if (IsBlank(trimmed))
            return Empty(path);

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(trimmed, documentOptions: StrictJson);
        }
        catch (JsonException e)
        {
            throw new DockerConfigMalformedException(path, SyntaxProblem(e), e.LineNumber + 1, e.BytePositionInLine + 1, e);
        }

        if (node is not JsonObject root)
            throw new DockerConfigMalformedException(path, $"the top level must be a JSON object, not {Kind(node)}.");

        ValidateStringMap(path, root, CredentialHelpersField, "registry hosts to credential helper names");
        if (root[CredentialsStoreField] is { } store && store.GetValueKind() != JsonValueKind.String)
            throw new DockerConfigMalformedException(path, $"'{CredentialsStoreField}' must be a string (the name of a credential store), not {Kind(store)}.");
        if (root[AuthsField] is { } auths && auths is not JsonObject)
            throw new DockerConfigMalformedException(path, $"'{AuthsField}' must be an object, not {Kind(auths)}.");

        return new DockerConfig(path, root);
    }

    /// <summary>A copy with <c>credHelpers[host] = helper</c> for each host.</summary>
    internal DockerConfig WithCredentialHelpers(IEnumerable<string> hosts, string helper)
    {
        var root = (JsonObject)_root.DeepClone();
        if (root[CredentialHelpersField] is not JsonObject helpers)
        {
            helpers = new JsonObject();
            root[CredentialHelpersField] = helpers;
        }
        foreach (var host in hosts)
            helpers[host] = helper;
        return new DockerConfig(Path, root);
    }

    /// <summary>A copy without <c>credsStore</c> and without the credential helpers of <paramref name="hosts"/>.</summary>
    internal DockerConfig WithoutCredentialSourcesFor(IEnumerable<string> hosts)
    {
        var root = (JsonObject)_root.DeepClone();
        root.Remove(CredentialsStoreField);
        if (root[CredentialHelpersField] is JsonObject helpers)
            foreach (var host in hosts)
                helpers.Remove(host);
        return new DockerConfig(Path, root);
    }

    /// <summary>The same content relocated to another file path.</summary>
    internal DockerConfig At(string path) => new(path, _root);

    /// <summary>The content as docker writes it: tab-indented JSON with a final newline.</summary>
    public byte[] ToUtf8Bytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, DockerStyle))
            _root.WriteTo(writer);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The JSON as it would be written back (with any credentials the file holds).</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToUtf8Bytes());

    private static void ValidateStringMap(string path, JsonObject root, string field, string meaning)
    {
        if (root[field] is not { } value)
            return;
        if (value is not JsonObject map)
            throw new DockerConfigMalformedException(path, $"'{field}' must be an object mapping {meaning}, not {Kind(value)}.");
        foreach (var (key, entry) in map)
            if (entry is null || entry.GetValueKind() != JsonValueKind.String)
                throw new DockerConfigMalformedException(path, $"'{field}.{key}' must be a string (the helper name), not {Kind(entry)}.");
    }

    private static string Kind(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string SyntaxProblem(JsonException e)
    {
        // System.Text.Json appends " Path: $ | LineNumber: 0 | BytePositionInLine: 5."; the position is reported 1-based instead.
        var message = e.Message;
        var suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix < 0)
            suffix = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        // Its trailing-comma message advises the programmer to "Change the reader options"; the user's fix is to remove the comma.
        return (suffix >= 0 ? message[..suffix] : message).Trim()
            .Replace(" which is not supported in this mode. Change the reader options.", ", which JSON does not allow: remove it.", StringComparison.Ordinal);
    }

    private static ReadOnlySpan<byte> TrimBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        return true;
    }
}
