using System.Text.Json.Nodes;

namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>Everything a gateway may ask of the grain side. A gateway holds no kernel state:
/// it resolves kernels through this interface and forwards frames.</summary>
public interface IKernelGateway
{
    /// <summary>Finds the kernel's activation (placing a new one if needed) and attaches a socket to it.</summary>
    Task<KernelAttachResult> AttachAsync(KernelAttachRequest request, IKernelSocket socket, CancellationToken cancellationToken);

    /// <summary>The page-close beacon: marks the page CLOSED and closes the kernel when no page is left.</summary>
    Task ClosePageAsync(string kernelId, string pageId, string? sessionId);

    Task<KernelDescription?> DescribeAsync(string kernelId);

    /// <summary>Dev/test eviction (<c>SOLARA_STATE_TEST_EVICTION=true</c>): closes the kernel with
    /// reason <c>evicted</c> after flushing its state, which stays in the backend.</summary>
    Task<EvictOutcome> EvictAsync(string kernelId, string sessionId);

    /// <summary>The grain side's part of <c>/resourcez</c>: the kernels block and the execution resources
    /// (in a cluster: every silo's report under <c>silos</c>, with totals).</summary>
    Task<JsonObject> ReportResourcesAsync(bool verbose, bool redact);

    /// <summary>One kernel for the dashboard's drill-down: its silo, pages, persisted keys and their sizes,
    /// age and last activity; null when no live activation has that id. Identifiers are hashed when <paramref name="redact"/>.</summary>
    Task<JsonObject?> InspectKernelAsync(string kernelId, bool redact);
}
