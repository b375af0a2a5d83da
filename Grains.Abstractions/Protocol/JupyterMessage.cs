using System.Text.Json.Nodes;

namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>One Jupyter kernel message (protocol 5.3). Header and parent header are kept as JSON
/// objects so a reply can echo the request's header verbatim as its parent.</summary>
public sealed class JupyterMessage
{
    public required JsonObject Header { get; init; }

    // The parts default to empty objects made on first read: a decoded message sets them all.
    public JsonObject ParentHeader { get => field ??= new(); init; }
    public JsonObject Metadata { get => field ??= new(); init; }
    public JsonObject Content { get => field ??= new(); init; }
    public string? Channel { get; init; }
    public IReadOnlyList<ReadOnlyMemory<byte>> Buffers { get; init; } = [];

    /// <summary><c>header.msg_type</c>, read once (the decoder sets it, so the header is never materialised).</summary>
    public string MsgType { get => field ??= (string?)Header["msg_type"] ?? ""; init; }

    /// <summary><c>header.msg_id</c>, read once.</summary>
    public string MsgId { get => field ??= (string?)Header["msg_id"] ?? ""; init; }
}
