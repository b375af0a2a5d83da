namespace Solara.Orleans.Abstractions.Kernels;

public sealed record KernelAttachRequest(string KernelId, string PageId, string SessionId);
