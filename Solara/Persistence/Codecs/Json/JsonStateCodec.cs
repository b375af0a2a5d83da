using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Solara.Persistence.Codecs;

/// <summary>The default <c>json</c> codec: strict, self-describing UTF-8 json.
/// <para>Round-trips null, bool, every integer type, float, double (NaN and infinities too),
/// decimal (with its scale), BigInteger, char, string, <c>byte[]</c> (base64), DateTime (with its
/// Kind), DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid, enums, <c>List&lt;T&gt;</c>,
/// <c>T[]</c>, <c>HashSet&lt;T&gt;</c>, <c>SortedSet&lt;T&gt;</c>, <c>Dictionary&lt;string, T&gt;</c>,
/// <c>Nullable&lt;T&gt;</c>, and records (record classes and structs, also generic and abstract-based)
/// or <see cref="StateDataAttribute"/> types, nested at any depth. Values carry type tags wherever
/// the declared type does not already say what they are, so a <c>List&lt;object&gt;</c> of records
/// restores records. Tuples are stored as lists (<see cref="StateValueConversion"/> turns them back
/// into tuples where a tuple is declared). Anything else throws <see cref="StateSerializationException"/>
/// on the first encode.</para></summary>
public sealed class JsonStateCodec(DecodeTypeAllowList allow) : IStateCodec
{
    public const string CodecName = "json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4 * JsonValueWriter.MaxDepth };

    public JsonStateCodec() : this(new DecodeTypeAllowList())
    {
    }

    public string Name => CodecName;

    public byte[] Encode(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var json = new Utf8JsonWriter(buffer, WriterOptions);
            new JsonValueWriter(json, allow).Write(value, typeof(object));
        }
        catch (Exception e) when (e is not StateCodecException)
        {
            throw new StateSerializationException($"the json codec cannot write this value: {e.Message}", e);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public object? Decode(byte[] payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new StateCodecException($"the json codec payload is not valid json: {e.Message}", e);
        }
        using (document)
        {
            try
            {
                return new JsonValueReader(allow).Read(document.RootElement, typeof(object));
            }
            catch (Exception e) when (e is not StateCodecException)
            {
                throw new StateCodecException($"the json codec could not restore the value: {e.Message}", e);
            }
        }
    }
}
