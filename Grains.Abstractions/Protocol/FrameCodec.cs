using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>The Jupyter "legacy" WebSocket framing: a text frame holds one JSON message; a binary
/// frame holds <c>u32 n</c>, then <c>n</c> big-endian offsets, the JSON, then the buffers.</summary>
public static class FrameCodec
{
    public static JupyterMessage DecodeText(ReadOnlySpan<byte> utf8Json) => ParseMessage(utf8Json, []);

    public static JupyterMessage DecodeBinary(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 8)
            throw new FrameFormatException($"binary frame of {frame.Length} bytes is too short for the offset table");
        uint count = BinaryPrimitives.ReadUInt32BigEndian(frame);
        if (count < 1 || count > 1 + 4096 || 4L * (count + 1) > frame.Length)
            throw new FrameFormatException($"binary frame declares {count} parts, which does not fit its {frame.Length} bytes");
        var offsets = new int[count + 1];
        for (int i = 0; i < count; i++)
        {
            uint offset = BinaryPrimitives.ReadUInt32BigEndian(frame[(4 * (i + 1))..]);
            long previous = i == 0 ? 4L * (count + 1) : offsets[i - 1];
            if (i == 0 && offset != previous)
                throw new FrameFormatException($"binary frame's first offset is {offset}, expected {previous}");
            if (offset < previous || offset > frame.Length)
                throw new FrameFormatException($"binary frame offset {i} ({offset}) is out of order or past the end ({frame.Length} bytes)");
            offsets[i] = (int)offset;
        }
        offsets[count] = frame.Length;
        var buffers = new ReadOnlyMemory<byte>[count - 1];
        for (int i = 1; i < count; i++)
            buffers[i - 1] = frame[offsets[i]..offsets[i + 1]].ToArray();
        return ParseMessage(frame[offsets[0]..offsets[1]], buffers);
    }

    /// <summary>Parses the frame into one element and wraps each part in a <see cref="JsonObject"/> that
    /// stays lazy until a handler reads it: the top level and the header are never materialised
    /// (a reply writes the request's header as its parent straight from the element).</summary>
    private static JupyterMessage ParseMessage(ReadOnlySpan<byte> utf8Json, ReadOnlyMemory<byte>[] buffers)
    {
        JsonElement root;
        try
        {
            root = JsonElement.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            throw new FrameFormatException($"frame is not valid JSON: {e.Message}", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new FrameFormatException("frame is JSON but not an object; a Jupyter message is an object with header, parent_header, metadata and content");
        if (!root.TryGetProperty("header", out JsonElement header) || header.ValueKind != JsonValueKind.Object)
            throw new FrameFormatException("message has no 'header' object");
        if (StringProperty(header, "msg_type") is not { Length: > 0 } msgType)
            throw new FrameFormatException("message header has no 'msg_type' string");
        if (StringProperty(header, "msg_id") is not { } msgId)
            throw new FrameFormatException("message header has no 'msg_id' string");
        return new JupyterMessage
        {
            Header = JsonObject.Create(header)!,
            MsgType = msgType,
            MsgId = msgId,
            ParentHeader = ObjectProperty(root, "parent_header") ?? new JsonObject(),
            Metadata = ObjectProperty(root, "metadata") ?? new JsonObject(),
            Content = ContentOf(root),
            Channel = StringProperty(root, "channel"),
            Buffers = buffers,
        };
    }

    private static string? StringProperty(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonObject? ObjectProperty(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object ? JsonObject.Create(value) : null;

    private static JsonObject ContentOf(JsonElement root)
    {
        if (!root.TryGetProperty("content", out JsonElement content) || content.ValueKind == JsonValueKind.Null)
            return new JsonObject();
        return content.ValueKind == JsonValueKind.Object
            ? JsonObject.Create(content)!
            : throw new FrameFormatException("message 'content' is not an object");
    }

    /// <summary>Encodes a message; binary (with the offset table) only when it carries buffers.</summary>
    public static byte[] Encode(JupyterMessage message, out bool binary) =>
        Encode(message, message.Buffers, static (writer, m) =>
        {
            writer.WritePropertyName("header");
            m.Header.WriteTo(writer);
            writer.WriteString("msg_id", m.MsgId);
            writer.WriteString("msg_type", m.MsgType);
            WriteParts(writer, m.ParentHeader, m.Metadata);
            writer.WritePropertyName("content");
            m.Content.WriteTo(writer);
            if (m.Channel is not null)
                writer.WriteString("channel", m.Channel);
        }, out binary);

    /// <summary>Encodes a message the kernel produces; the same JSON as the equivalent <see cref="JupyterMessage"/>.</summary>
    public static byte[] Encode(OutgoingMessage message, out bool binary) =>
        Encode(message, message.Buffers, static (writer, m) =>
        {
            m.Header.WriteTo(writer);
            WriteParts(writer, m.ParentHeader, m.Metadata);
            writer.WritePropertyName("content");
            m.Content.WriteTo(writer);
            writer.WriteString("channel", m.Channel);
        }, out binary);

    private static byte[] Encode<TMessage>(TMessage message, IReadOnlyList<ReadOnlyMemory<byte>> buffers,
        Action<Utf8JsonWriter, TMessage> writeFields, out bool binary)
    {
        binary = buffers.Count > 0;
        EncodeScratch scratch = EncodeScratch.Rent();
        try
        {
            scratch.Writer.WriteStartObject();
            writeFields(scratch.Writer, message);
            scratch.Writer.WriteEndObject();
            scratch.Writer.Flush();
            return binary ? BinaryFrame(scratch.Written, buffers) : scratch.Written.ToArray();
        }
        finally
        {
            scratch.Return();
        }
    }

    private static byte[] BinaryFrame(ReadOnlySpan<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> buffers)
    {
        int n = 1 + buffers.Count;
        int headerSize = 4 * (n + 1);
        long total = headerSize + json.Length;
        for (int i = 0; i < buffers.Count; i++)
            total += buffers[i].Length;
        var frame = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)n);
        int offset = headerSize;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)offset);
        json.CopyTo(frame.AsSpan(offset));
        offset += json.Length;
        for (int i = 0; i < buffers.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4 * (i + 2)), (uint)offset);
            buffers[i].Span.CopyTo(frame.AsSpan(offset));
            offset += buffers[i].Length;
        }
        return frame;
    }

    private static void WriteParts(Utf8JsonWriter writer, JsonObject? parentHeader, JsonObject? metadata)
    {
        WriteObject(writer, "parent_header", parentHeader);
        WriteObject(writer, "metadata", metadata);
    }

    private static void WriteObject(Utf8JsonWriter writer, string name, JsonObject? value)
    {
        writer.WritePropertyName(name);
        if (value is null)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
