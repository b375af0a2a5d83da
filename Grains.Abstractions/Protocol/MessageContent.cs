using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>The content of a message the kernel sends: an object built for this message, or one encoded
/// once and sent unchanged many times (the busy and idle statuses around every request).</summary>
public readonly struct MessageContent
{
    private readonly JsonObject? _object;
    private readonly byte[]? _encoded;

    private MessageContent(JsonObject? content, byte[]? encoded)
    {
        _object = content;
        _encoded = encoded;
    }

    public static implicit operator MessageContent(JsonObject content) => new(content, null);

    /// <summary>Encodes <paramref name="content"/> now, with the writer and escaping every message uses,
    /// so each send copies the bytes instead of building and writing an object.</summary>
    public static MessageContent Encoded(JsonObject content)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            content.WriteTo(writer);
        return new MessageContent(null, buffer.WrittenSpan.ToArray());
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (_encoded is not null)
        {
            writer.WriteRawValue(_encoded, skipInputValidation: true);
        }
        else if (_object is not null)
        {
            _object.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
    }
}
