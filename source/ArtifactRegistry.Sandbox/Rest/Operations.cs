using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>
/// Long-running operations. Every change the sandbox makes is finished before it answers, so operations are born done;
/// they are kept so that gcloud's polling (<c>operations.get</c>) finds them.
/// </summary>
internal sealed class Operations
{
    public const string MetadataType = "type.googleapis.com/google.devtools.artifactregistry.v1.OperationMetadata";
    public const string EmptyType = "type.googleapis.com/google.protobuf.Empty";

    private readonly ConcurrentDictionary<string, byte[]> _operations = new(StringComparer.Ordinal);

    /// <summary>Records a finished operation and returns its JSON.</summary>
    public byte[] Complete(string project, string location, Action<Utf8JsonWriter>? metadata = null, Action<Utf8JsonWriter>? response = null)
    {
        var name = $"projects/{project}/locations/{location}/operations/{Guid.NewGuid()}";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WritePropertyName("metadata");
            if (metadata is null)
            {
                w.WriteStartObject();
                w.WriteString("@type", MetadataType);
                w.WriteEndObject();
            }
            else
            {
                metadata(w);
            }

            w.WriteBoolean("done", true);
            w.WritePropertyName("response");
            if (response is null)
            {
                w.WriteStartObject();
                w.WriteString("@type", EmptyType);
                w.WriteEndObject();
            }
            else
            {
                response(w);
            }

            w.WriteEndObject();
        }

        var json = buffer.WrittenSpan.ToArray();
        _operations[name] = json;
        return json;
    }

    public byte[]? Find(string name) => _operations.GetValueOrDefault(name);
}
