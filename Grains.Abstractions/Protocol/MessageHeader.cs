using System.Globalization;
using System.Text.Json;

namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>The header of a message the kernel produces, written straight into the frame: the id and
/// the date are formatted into the JSON writer, never into strings or a <c>JsonObject</c>.</summary>
public readonly record struct MessageHeader(Guid MsgId, string MsgType, string Username, string Session, DateTime Date, string Version)
{
    /// <summary>The Jupyter messaging protocol version this kernel speaks (headers and <c>kernel_info_reply</c>).</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>Microseconds and a <c>Z</c>, as the reference kernel writes its dates.</summary>
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Writes <c>"header": {...}</c> and then the top-level <c>msg_id</c> and <c>msg_type</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        Span<char> id = stackalloc char[32];
        MsgId.TryFormat(id, out _, "N");
        Span<char> date = stackalloc char[DateFormat.Length];
        Date.TryFormat(date, out int dateLength, DateFormat, CultureInfo.InvariantCulture);
        writer.WriteStartObject("header");
        writer.WriteString("msg_id", id);
        writer.WriteString("msg_type", MsgType);
        writer.WriteString("username", Username);
        writer.WriteString("session", Session);
        writer.WriteString("date", date[..dateLength]);
        writer.WriteString("version", Version);
        writer.WriteEndObject();
        writer.WriteString("msg_id", id);
        writer.WriteString("msg_type", MsgType);
    }
}
