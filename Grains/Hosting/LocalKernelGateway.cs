using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Grains.Kernels;

namespace Solara.Orleans.Grains.Hosting;

/// <summary>The gateway's view of the grain side when gateway and silo share a process:
/// resolve through the directory, place new kernels, forward to the activation.</summary>
public sealed class LocalKernelGateway(KernelSilo silo, IGrainDirectory directory, IPlacementDirector placement) : IKernelGateway
{
    private ILogger Logger => silo.Services.Logger;

    public async Task<KernelAttachResult> AttachAsync(KernelAttachRequest request, IKernelSocket socket, CancellationToken cancellationToken)
    {
        // A kernel that closes between lookup and attach refuses with 1013; one retry starts a fresh one.
        for (int attempt = 0; ; attempt++)
        {
            KernelGrain? kernel = await ResolveAsync(request.KernelId);
            if (kernel is null)
            {
                if (silo.Status == SiloStatus.Active && await placement.PlaceAsync(request.KernelId) is null)
                    return silo.CapacityRefusal().ToRefusal();
                ActivationResult activation = await silo.GetOrActivateAsync(request.KernelId, request.SessionId);
                if (activation.Kernel is null)
                    return activation.ToRefusal();
                kernel = activation.Kernel;
            }
            try
            {
                KernelAttachResult result = await kernel.Mailbox.Call(() => kernel.Attach(socket, request, (k, s) => new LocalKernelLink(k, s, Logger)));
                if (result.Link is not null || attempt > 0 || !kernel.IsClosed)
                    return result;
            }
            catch (ObjectDisposedException) when (attempt == 0)
            {
            }
        }
    }

    /// <summary>An activation in this process. Activations on other silos are reached through
    /// the directory entry once the cluster transport exists; embedded, every kernel is local.</summary>
    private async Task<KernelGrain?> ResolveAsync(string kernelId)
    {
        if (silo.Find(kernelId) is { } local)
            return local;
        GrainAddress? address = await directory.LookupAsync(kernelId);
        return address?.Silo == silo.Address ? silo.Find(kernelId) : null;
    }

    public async Task ClosePageAsync(string kernelId, string pageId, string? sessionId)
    {
        KernelGrain? kernel = await ResolveAsync(kernelId);
        if (kernel is null)
            return;
        if (sessionId is not null && sessionId != kernel.SessionId)
        {
            Logger.LogWarning("close beacon for kernel {KernelId} ignored: it belongs to another session", kernelId);
            return;
        }
        kernel.Mailbox.Post(() => kernel.ClosePage(pageId));
    }

    public async Task<KernelDescription?> DescribeAsync(string kernelId)
    {
        KernelGrain? kernel = await ResolveAsync(kernelId);
        return kernel is null ? null : new KernelDescription(kernel.KernelId, kernel.Mailbox.Pending > 0 ? "busy" : "idle", kernel.SocketCount, kernel.LastActivity);
    }

    public async Task<EvictOutcome> EvictAsync(string kernelId, string sessionId)
    {
        if (silo.Services.State?.Options.TestEviction != true || await ResolveAsync(kernelId) is not { } kernel)
            return EvictOutcome.NotFound;
        if (sessionId != kernel.SessionId)
            return EvictOutcome.Forbidden;
        try
        {
            await kernel.Mailbox.Call(() =>
            {
                kernel.Close(KernelCloseReason.Evicted);
                return true;
            });
        }
        catch (ObjectDisposedException)
        {
            return EvictOutcome.NotFound;
        }
        await kernel.StateSettled;
        return EvictOutcome.Evicted;
    }

    public Task<JsonObject> ReportResourcesAsync(bool verbose, bool redact) => ResourceReport.BuildAsync(silo, verbose, redact);

    public Task<JsonObject?> InspectKernelAsync(string kernelId, bool redact) => KernelInspection.InspectAsync(silo, kernelId, redact);
}
