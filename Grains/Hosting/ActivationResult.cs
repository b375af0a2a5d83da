using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Grains.Kernels;

namespace Solara.Orleans.Grains.Hosting;

/// <summary>What asking a silo for a kernel's activation gave: the activation, the address of the
/// activation that won the directory on another silo, or a refusal with its WebSocket close code.</summary>
public sealed record ActivationResult(KernelGrain? Kernel, GrainAddress? Winner, int RefusalCode, string? RefusalReason)
{
    public static ActivationResult Active(KernelGrain kernel) => new(kernel, null, 0, null);
    public static ActivationResult Elsewhere(GrainAddress winner) => new(null, winner, 0, null);
    public static ActivationResult Refused(int code, string reason) => new(null, null, code, reason);

    public KernelAttachResult ToRefusal() => KernelAttachResult.Refused(RefusalCode == 0 ? CloseCodes.TryAgainLater : RefusalCode, RefusalReason ?? "refused");
}
