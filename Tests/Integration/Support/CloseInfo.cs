using System.Net.WebSockets;

namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>How the server ended a connection: the close frame's status and description, or
/// null status when the connection dropped without a close frame.</summary>
public sealed record CloseInfo(WebSocketCloseStatus? Status, string? Description)
{
    public int? Code => Status is { } s ? (int)s : null;

    public override string ToString() => Status is null ? $"dropped without a close frame ({Description})" : $"{Code} '{Description}'";
}
