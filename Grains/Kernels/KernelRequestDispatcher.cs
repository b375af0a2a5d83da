using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Grains.Comms;

namespace Solara.Orleans.Grains.Kernels;

/// <summary>Handles one request message in the kernel's turn, bracketed by busy and idle
/// statuses parented to the request; everything sent in between is parented to it too.</summary>
public sealed class KernelRequestDispatcher(KernelGrain kernel)
{
    private KernelMessenger Messenger => kernel.Messenger;

    public void Handle(JupyterMessage request, string pageId)
    {
        JsonObject parent = request.Header;
        if (request.MsgType == "shutdown_request")
        {
            Shutdown(request);
            return;
        }
        Messenger.Status("busy", parent);
        try
        {
            Dispatch(request, pageId);
        }
        catch (FrameFormatException e)
        {
            Messenger.Error("InvalidMessage", e.Message, parent);
        }
        catch (Exception e)
        {
            kernel.Services.Logger.LogError(e, "kernel {KernelId} failed handling {MsgType}", kernel.KernelId, request.MsgType);
            Messenger.Error(e.GetType().Name, kernel.Services.Server.IsProduction ? e.Message : e.ToString(), parent);
        }
        try
        {
            kernel.EndTurn(parent);
        }
        catch (Exception e)
        {
            kernel.Services.Logger.LogError(e, "kernel {KernelId} failed rendering after {MsgType}", kernel.KernelId, request.MsgType);
            Messenger.Error(e.GetType().Name, kernel.Services.Server.IsProduction ? e.Message : e.ToString(), parent);
        }
        Messenger.Status("idle", parent);
    }

    private void Dispatch(JupyterMessage request, string pageId)
    {
        switch (request.MsgType)
        {
            case "kernel_info_request":
                Reply(request, "kernel_info_reply", KernelInfo());
                break;
            case "comm_info_request":
                Reply(request, "comm_info_reply", new JsonObject
                {
                    ["status"] = "ok",
                    ["comms"] = kernel.Comms.Info((string?)request.Content["target_name"]),
                });
                break;
            case "comm_open":
                OpenComm(request, pageId);
                break;
            case "comm_msg":
                if (FindComm(request) is { } target)
                    target.OnMessage(request.Content["data"] as JsonObject ?? new JsonObject(), request);
                break;
            case "comm_close":
                if (FindComm(request) is { } closing)
                {
                    closing.OnClose(request);
                    kernel.Comms.Remove(closing.CommId);
                }
                break;
            default:
                RefuseUnknown(request);
                break;
        }
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = MessageHeader.ProtocolVersion,
        ["implementation"] = "solara.orleans",
        ["implementation_version"] = typeof(KernelGrain).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        ["language_info"] = new JsonObject(),
        ["banner"] = "Solara.Orleans virtual kernel",
        ["help_links"] = new JsonArray(),
    };

    private void OpenComm(JupyterMessage request, string pageId)
    {
        string? commId = (string?)request.Content["comm_id"];
        string? target = (string?)request.Content["target_name"];
        if (string.IsNullOrEmpty(commId))
        {
            Messenger.Error("InvalidCommOpen", "comm_open has no 'comm_id'", request.Header);
            return;
        }
        ICommTarget? comm = target switch
        {
            SolaraControlComm.Target => new SolaraControlComm(commId, pageId, kernel),
            WidgetControlComm.Target => new WidgetControlComm(commId, kernel.Widgets),
            _ => null,
        };
        if (comm is null)
        {
            Messenger.CommClose(commId, request.Header);
            Messenger.Error("UnknownCommTarget", $"no comm target named '{target}' (this kernel opens {SolaraControlComm.Target} and {WidgetControlComm.Target})", request.Header);
            return;
        }
        if (comm is SolaraControlComm)
        {
            // A page opens a fresh control comm after every reconnect; the one it replaced is dead.
            kernel.Comms.RemoveWhere(c => c is SolaraControlComm old && old.PageId == pageId);
        }
        kernel.Comms.Add(comm);
    }

    private ICommTarget? FindComm(JupyterMessage request)
    {
        string? commId = (string?)request.Content["comm_id"];
        if (commId is not null && kernel.Comms.Find(commId) is { } target)
            return target;
        Messenger.Error("UnknownComm", $"{request.MsgType} for comm '{commId}', which is not open in kernel {kernel.KernelId}", request.Header);
        if (commId is not null && request.MsgType == "comm_msg")
            Messenger.CommClose(commId, request.Header);
        return null;
    }

    private void RefuseUnknown(JupyterMessage request)
    {
        string type = request.MsgType;
        string replyType = type.EndsWith("_request", StringComparison.Ordinal) ? type[..^"_request".Length] + "_reply" : type + "_reply";
        kernel.Services.Logger.LogWarning("kernel {KernelId} got unsupported message type {MsgType}", kernel.KernelId, type);
        Reply(request, replyType, new JsonObject
        {
            ["status"] = "error",
            ["ename"] = "UnsupportedMessageType",
            ["evalue"] = $"this kernel does not handle '{type}' messages",
            ["traceback"] = new JsonArray(),
        });
    }

    private void Shutdown(JupyterMessage request)
    {
        Messenger.Send(request.Channel ?? "control", "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = false }, request.Header);
        Messenger.Status("dead", request.Header);
        kernel.Close(KernelCloseReason.Shutdown);
    }

    private void Reply(JupyterMessage request, string msgType, JsonObject content) =>
        Messenger.Send(request.Channel == "control" ? "control" : "shell", msgType, content, request.Header);
}
