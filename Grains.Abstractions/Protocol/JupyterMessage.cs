using System.Text.Json.Nodes;

namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>One Jupyter kernel message (protocol 5.3). Header and parent header are kept as JSON
/// objects so a reply can echo the request's header verbatim as its parent.</summary>
public sealed class JupyterMessage
{
    public required JsonObject Header { get; init; }
    public JsonObject ParentHeader { get; init; } = new();
    public JsonObject Metadata { get; init; } = new();
    public JsonObject Content { get; init; } = new();
    public string? Channel { get; init; }
    public IReadOnlyList<ReadOnlyMemory<byte>> Buffers { get; init; } = [];

    public string MsgType => (string?)Header["msg_type"] ?? "";
    public string MsgId => (string?)Header["msg_id"] ?? "";
}
