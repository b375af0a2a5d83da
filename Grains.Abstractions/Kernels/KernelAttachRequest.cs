namespace Solara.Orleans.Abstractions.Kernels;

/// <param name="ClientVersion">The client bundle the attaching gateway serves (reported by <c>app-status</c>).</param>
public sealed record KernelAttachRequest(string KernelId, string PageId, string SessionId, string ClientVersion);
