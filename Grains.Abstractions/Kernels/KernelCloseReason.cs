namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>Why a kernel closed; the string values are the ones logged and reported.</summary>
public static class KernelCloseReason
{
    public const string PageClose = "page-close";
    public const string Cull = "cull";
    public const string Superseded = "superseded";
    public const string ServerShutdown = "server-shutdown";
    public const string Evicted = "evicted";
    public const string Shutdown = "shutdown-request";
}
