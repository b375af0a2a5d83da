using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Transport;
using Solara.Orleans.Grains.Hosting;
using Solara.Orleans.Grains.Kernels;

namespace Solara.Orleans.Silo.Cluster;

/// <summary><c>WS /_cluster/kernels/{kernelId}/channels</c>: a gateway's forwarding socket for one page.
/// The kernel is activated (or taken over from <c>predecessor</c>) before the upgrade, so a gateway
/// learns from the HTTP answer whether the kernel lives elsewhere (409 with the winner) or is refused
/// (503 with the close code the page should get); after the upgrade frames pass both ways unchanged.</summary>
public sealed class SiloForwardingEndpoint(KernelSilo silo, KernelOptions options, ILogger<SiloForwardingEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context, string kernelId)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        IQueryCollection query = context.Request.Query;
        string pageId = query["page"].ToString(), clientVersion = query["client"].ToString();
        string sessionId = context.Request.Headers[SiloHeaders.Session].ToString();
        if (pageId.Length == 0 || sessionId.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("page and session are required");
            return;
        }
        GrainAddress? predecessor = query["predecessor"].ToString() is { Length: > 0 } previous
            ? new GrainAddress(kernelId, previous, new SiloAddress("", 0), 0)
            : null;
        ActivationResult activation = silo.Find(kernelId) is { } live
            ? ActivationResult.Active(live)
            : await silo.GetOrActivateAsync(kernelId, sessionId, predecessor);
        if (activation.Winner is { } winner)
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            context.Response.Headers[SiloHeaders.Redirect] = winner.Silo.Endpoint;
            context.Response.Headers[SiloHeaders.Activation] = winner.ActivationId;
            return;
        }
        if (activation.Kernel is not { } kernel)
        {
            Refuse(context, activation.RefusalCode, activation.RefusalReason ?? "refused");
            return;
        }
        using WebSocket webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var socket = new QueuedWebSocket(webSocket, kernelId, pageId);
        KernelAttachResult attach;
        try
        {
            attach = await kernel.Mailbox.Call(() => kernel.Attach(socket, new KernelAttachRequest(kernelId, pageId, sessionId, clientVersion),
                (k, s) => new LocalKernelLink(k, s, logger)));
        }
        catch (ObjectDisposedException)
        {
            attach = KernelAttachResult.Refused(CloseCodes.TryAgainLater, $"kernel {kernelId} is closing; reconnect to start a new one");
        }
        if (attach.Link is not { } link)
        {
            socket.Close(attach.RefusalCode, attach.RefusalReason ?? "refused");
            await socket.Writer;
            await WebSocketMessages.DrainUntilClosedAsync(webSocket);
            return;
        }
        try
        {
            await KernelSocketPump.RunAsync(webSocket, socket, link, options.MaxFrameBytes);
        }
        finally
        {
            link.Detach();
            socket.Close(CloseCodes.Normal, "closing");
            await socket.Writer;
        }
    }

    private static void Refuse(HttpContext context, int code, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[SiloHeaders.RefusalCode] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers[SiloHeaders.RefusalReason] = Uri.EscapeDataString(reason);
    }
}
