using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Gateway.Cluster;

/// <summary>The gateway's view of the grain side in a cluster: finds a kernel's silo in the grain
/// directory (or places a new kernel with power-of-two choices), opens a forwarding socket there, and
/// when the registered silo is gone asks a live silo to take the kernel over, naming the dead
/// activation as predecessor (the directory lets it win once membership has declared that silo dead).</summary>
public sealed class RemoteKernelGateway(
    IGrainDirectory directory,
    IMembershipTable membership,
    IPlacementDirector placement,
    SiloClient silos,
    ClusterOptions options,
    KernelOptions kernels,
    ILogger<RemoteKernelGateway> logger) : IKernelGateway
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a page's connect may wait for a dead silo to be declared dead: a lease, a few heartbeats, and margin.</summary>
    private TimeSpan AttachDeadline => options.Lease * 2 + options.Heartbeat * 4 + TimeSpan.FromSeconds(2);

    public async Task<KernelAttachResult> AttachAsync(KernelAttachRequest request, IKernelSocket socket, CancellationToken cancellationToken)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow + AttachDeadline;
        string? lastProblem = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            ForwardOutcome outcome;
            string? endpoint;
            try
            {
                (endpoint, string? predecessor, KernelAttachResult? refusal) = await ChooseSiloAsync(request.KernelId);
                if (refusal is not null)
                    return refusal;
                outcome = await silos.ConnectAsync(endpoint!, request, predecessor, cancellationToken);
            }
            catch (Exception e) when (e is RedisCallException or TimeoutException)
            {
                // Membership or directory did not answer in time: transient, like an unreachable silo.
                endpoint = null;
                outcome = new ForwardOutcome.Unreachable($"cluster Redis: {e.Message}");
            }
            switch (outcome)
            {
                case ForwardOutcome.Connected connected:
                    var link = new RemoteKernelLink(connected.Socket, socket, request.KernelId, endpoint!, kernels.MaxFrameBytes, logger);
                    return KernelAttachResult.Accepted(link);
                case ForwardOutcome.Refused refused:
                    return KernelAttachResult.Refused(refused.Code, refused.Reason);
                case ForwardOutcome.Redirected redirected:
                    lastProblem = $"kernel registered on {redirected.Endpoint}, which is not reachable yet";
                    break;
                case ForwardOutcome.Unreachable unreachable:
                    lastProblem = $"silo {endpoint} unreachable: {unreachable.Error}";
                    break;
            }
            if (DateTimeOffset.UtcNow > deadline)
                break;
            await Task.Delay(RetryDelay + TimeSpan.FromMilliseconds(Random.Shared.Next(50)), cancellationToken);
        }
        logger.LogWarning("kernel {KernelId} could not be placed or reached: {Problem}", request.KernelId, lastProblem);
        return KernelAttachResult.Refused(RemoteKernelLink.SiloLostCode, "the kernel's server is unreachable; retrying");
    }

    /// <summary>The silo to connect to: the registered one while it is live; otherwise a placement,
    /// naming the registered (dead or suspected) activation as the predecessor to take over from.</summary>
    private async Task<(string? Endpoint, string? Predecessor, KernelAttachResult? Refusal)> ChooseSiloAsync(string kernelId)
    {
        GrainAddress? registered = await directory.LookupAsync(kernelId);
        if (registered is not null)
        {
            MembershipSnapshot snapshot = await membership.ReadAllAsync();
            if (snapshot.Find(registered.Silo) is { } row && row.IsLive(snapshot.Now, options.Lease))
                return (registered.Silo.Endpoint, null, null);
        }
        if (await placement.PlaceAsync(kernelId) is not { } target)
            return (null, null, KernelAttachResult.Refused(CloseCodes.TryAgainLater, "every server is at capacity (or none is running); try again shortly"));
        return (target.Endpoint, registered?.ActivationId, null);
    }

    public async Task ClosePageAsync(string kernelId, string pageId, string? sessionId)
    {
        if (await directory.LookupAsync(kernelId) is not { } address)
            return;
        string query = $"page={Uri.EscapeDataString(pageId)}" + (sessionId is null ? "" : $"&session={Uri.EscapeDataString(sessionId)}");
        try
        {
            await silos.PostAsync(address.Silo.Endpoint, $"/_cluster/kernels/{Uri.EscapeDataString(kernelId)}/close-page?{query}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("close beacon for kernel {KernelId} not delivered to {Silo}: {Error}", kernelId, address.Silo, e.Message);
        }
    }

    public async Task<KernelDescription?> DescribeAsync(string kernelId)
    {
        if (await directory.LookupAsync(kernelId) is not { } address)
            return null;
        try
        {
            JsonNode? node = await silos.GetJsonAsync(address.Silo.Endpoint, $"/_cluster/kernels/{Uri.EscapeDataString(kernelId)}");
            return node is null ? null : new KernelDescription(
                (string)node["id"]!, (string)node["executionState"]!, (int)node["connections"]!, DateTimeOffset.Parse((string)node["lastActivity"]!, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<EvictOutcome> EvictAsync(string kernelId, string sessionId)
    {
        if (await directory.LookupAsync(kernelId) is not { } address)
            return EvictOutcome.NotFound;
        JsonNode? answer = await silos.PostAsync(address.Silo.Endpoint,
            $"/_cluster/kernels/{Uri.EscapeDataString(kernelId)}/evict?session={Uri.EscapeDataString(sessionId)}");
        return Enum.TryParse((string?)answer?["outcome"], out EvictOutcome outcome) ? outcome : EvictOutcome.NotFound;
    }

    public async Task<JsonObject?> InspectKernelAsync(string kernelId, bool redact)
    {
        if (await directory.LookupAsync(kernelId) is not { } address)
            return null;
        try
        {
            return await silos.GetJsonAsync(address.Silo.Endpoint, $"/_cluster/kernels/{Uri.EscapeDataString(kernelId)}/inspect?redact={redact}") as JsonObject;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new JsonObject { ["kernel"] = kernelId, ["silo"] = address.Silo.ToString(), ["error"] = $"the kernel's silo did not answer: {e.Message}" };
        }
    }

    public async Task<JsonObject> ReportResourcesAsync(bool verbose, bool redact)
    {
        MembershipSnapshot snapshot = await membership.ReadAllAsync();
        var rows = snapshot.Entries.Where(e => e.Status != SiloStatus.Dead).ToArray();
        JsonObject?[] reports = await Task.WhenAll(rows.Select(async row =>
        {
            try
            {
                return (await silos.GetJsonAsync(row.Silo.Endpoint, $"/_cluster/resourcez?verbose={verbose}&redact={redact}")) as JsonObject;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                return new JsonObject { ["error"] = e.Message };
            }
        }));
        return ClusterResourceReport.Combine(snapshot, rows, reports, options.Lease);
    }
}
