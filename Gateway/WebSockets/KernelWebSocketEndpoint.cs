using Solara.Orleans.Cluster.Transport;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Gateway.Sessions;
using Solara.Orleans.Gateway.Static;

namespace Solara.Orleans.Gateway.WebSockets;

/// <summary><c>WS /jupyter/api/kernels/{kernel_id}/channels?session_id={page_id}</c>: attaches the
/// socket to its kernel and forwards frames both ways. Holds no kernel state.</summary>
public sealed partial class KernelWebSocketEndpoint(
    IKernelGateway kernels,
    KernelOptions options,
    WebSocketCounters counters,
    SocketRegistry registry,
    ILogger<KernelWebSocketEndpoint> logger)
{
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    public static partial Regex ValidId();

    public async Task HandleAsync(HttpContext context, string kernelId)
    {
        counters.Attempted();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("this endpoint only accepts WebSocket connections");
            return;
        }
        string pageId = context.Request.Query["session_id"].ToString() is { Length: > 0 } p ? p : Guid.NewGuid().ToString();
        if (!ValidId().IsMatch(kernelId) || !ValidId().IsMatch(pageId))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("kernel id and session_id must be 1-128 characters of letters, digits, '-', '_' or '.'");
            return;
        }
        string sessionId = SessionCookie.Read(context.Request) ?? $"anonymous:{kernelId}";
        counters.StartedConnecting();
        using WebSocket webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var socket = new QueuedWebSocket(webSocket, kernelId, pageId);
        KernelAttachResult attach;
        try
        {
            attach = await kernels.AttachAsync(new KernelAttachRequest(kernelId, pageId, sessionId, ClientBundle.Version), socket, context.RequestAborted);
        }
        catch (Exception e)
        {
            logger.LogError(e, "attaching kernel {KernelId} failed", kernelId);
            attach = KernelAttachResult.Refused(CloseCodes.InternalError, "the server could not start or reach the kernel; retry shortly");
        }
        if (attach.Link is not { } link)
        {
            counters.Refused();
            logger.LogInformation("websocket refused kernel={KernelId} code={Code} reason={Reason}", kernelId, attach.RefusalCode, attach.RefusalReason);
            socket.Close(attach.RefusalCode, attach.RefusalReason ?? "refused");
            await socket.Writer;
            await WebSocketMessages.DrainUntilClosedAsync(webSocket);
            return;
        }
        counters.Opened();
        registry.Add(socket);
        try
        {
            if (await KernelSocketPump.RunAsync(webSocket, socket, link, options.MaxFrameBytes) == ReadEnd.TooBig)
                logger.LogWarning("frame over {Max} bytes from kernel {KernelId} page {PageId}; closed that socket", options.MaxFrameBytes, socket.KernelId, socket.PageId);
        }
        finally
        {
            registry.Remove(socket);
            link.Detach();
            counters.ClosedOpen();
            socket.Close(CloseCodes.Normal, "closing");
        }
    }
}
