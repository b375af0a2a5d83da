using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Grains.Metrics;

namespace Solara.Orleans.Grains.Kernels;

/// <summary>Builds the kernel's outgoing messages and sends each, encoded once, to every socket
/// attached to the kernel.</summary>
public sealed class KernelMessenger
{
    private const string Username = "solara";

    // Every request is bracketed by these two; they are encoded once for the process.
    private static readonly MessageContent Busy = MessageContent.Encoded(new JsonObject { ["execution_state"] = "busy" });
    private static readonly MessageContent Idle = MessageContent.Encoded(new JsonObject { ["execution_state"] = "idle" });

    private readonly Func<IReadOnlyList<IKernelSocket>> _sockets;
    private readonly KernelMetrics? _metrics;

    public KernelMessenger(Func<IReadOnlyList<IKernelSocket>> sockets, KernelMetrics? metrics = null)
    {
        _sockets = sockets;
        _metrics = metrics;
    }

    /// <summary><c>header.session</c>: stable for this kernel instance.</summary>
    public string Session { get; } = Guid.NewGuid().ToString("N");

    public long MessagesSent { get; private set; }

    public void Send(string channel, string msgType, MessageContent content, JsonObject? parent,
        JsonObject? metadata = null, IReadOnlyList<ReadOnlyMemory<byte>>? buffers = null)
    {
        var header = new MessageHeader(Guid.NewGuid(), msgType, Username, Session, DateTime.UtcNow, MessageHeader.ProtocolVersion);
        byte[] data = FrameCodec.Encode(new OutgoingMessage(header, parent, metadata, content, channel, buffers ?? []), out bool binary);
        var frame = new KernelFrame(data, binary);
        IReadOnlyList<IKernelSocket> sockets = _sockets();
        for (int i = 0; i < sockets.Count; i++)
            sockets[i].Send(frame);
        MessagesSent++;
        _metrics?.MessageOut(msgType);
    }

    public void Status(string executionState, JsonObject? parent) =>
        Send("iopub", "status", executionState switch
        {
            "busy" => Busy,
            "idle" => Idle,
            _ => new JsonObject { ["execution_state"] = executionState },
        }, parent);

    /// <summary>An iopub <c>error</c> message: how the kernel reports bad input it could parse.</summary>
    public void Error(string name, string value, JsonObject? parent) =>
        Send("iopub", "error", new JsonObject { ["ename"] = name, ["evalue"] = value, ["traceback"] = new JsonArray() }, parent);

    public void CommMessage(string commId, JsonObject data, JsonObject? parent, IReadOnlyList<ReadOnlyMemory<byte>>? buffers = null) =>
        Send("iopub", "comm_msg", new JsonObject { ["comm_id"] = commId, ["data"] = data }, parent, buffers: buffers);

    public void CommClose(string commId, JsonObject? parent) =>
        Send("iopub", "comm_close", new JsonObject { ["comm_id"] = commId, ["data"] = new JsonObject() }, parent);
}
