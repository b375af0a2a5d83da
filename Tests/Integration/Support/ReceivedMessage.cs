using System.Text.Json.Nodes;

namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>One message the server sent, decoded by the test client itself (not by the server's codec).</summary>
public sealed record ReceivedMessage(JsonObject Json, IReadOnlyList<byte[]> Buffers, bool Binary)
{
    public JsonObject Header => Json["header"] as JsonObject ?? new JsonObject();
    public JsonObject ParentHeader => Json["parent_header"] as JsonObject ?? new JsonObject();
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? new JsonObject();
    public JsonObject Content => Json["content"] as JsonObject ?? new JsonObject();

    public string MsgType => (string?)Header["msg_type"] ?? "";
    public string MsgId => (string?)Header["msg_id"] ?? "";
    public string? Channel => (string?)Json["channel"];
    public string? ParentMsgId => (string?)ParentHeader["msg_id"];

    /// <summary><c>content.comm_id</c> of comm messages.</summary>
    public string? CommId => (string?)Content["comm_id"];

    /// <summary><c>content.data</c> of comm messages.</summary>
    public JsonObject Data => Content["data"] as JsonObject ?? new JsonObject();

    /// <summary><c>content.data.method</c> of <c>comm_msg</c>.</summary>
    public string? Method => (string?)Data["method"];

    public bool IsStatus(string executionState) =>
        MsgType == "status" && (string?)Content["execution_state"] == executionState;

    public override string ToString() =>
        $"{Channel}/{MsgType}{(Method is null ? "" : $"[{Method}]")} parent={ParentMsgId ?? "-"}{(Binary ? $" +{Buffers.Count} buffers" : "")}";
}
