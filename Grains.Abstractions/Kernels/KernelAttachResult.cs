namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>Either a link into the kernel, or a refusal with the WebSocket close code and reason.</summary>
public sealed record KernelAttachResult(IKernelLink? Link, int RefusalCode, string? RefusalReason)
{
    public static KernelAttachResult Accepted(IKernelLink link) => new(link, 0, null);
    public static KernelAttachResult Refused(int code, string reason) => new(null, code, reason);
}
