using Solara.Persistence;
using Solara.Reactive;

namespace Solara;

/// <summary>The running kernel as app code sees it: its ids, its closed signal and its state
/// persistence. Read inside a kernel (a render, an event handler, or a task started from one).</summary>
public static class SolaraState
{
    /// <summary>This kernel's fencing epoch (Python <c>solara.state_generation()</c>): it increases on
    /// every takeover (failover, eviction), so external writes can reject a superseded instance.
    /// Null when persistence is off, outside a kernel, or when this kernel owns no state.</summary>
    public static long? Generation => KernelContext.Current?.Persistence?.Generation;

    /// <summary>The kernel's id (the page's kernel, stable across reconnects and failovers); null outside a kernel.</summary>
    public static string? KernelId => KernelContext.Current?.KernelId;

    /// <summary>The browser session the kernel belongs to (the session cookie); null outside a kernel.</summary>
    public static string? SessionId => KernelContext.Current?.SessionId;

    /// <summary>Cancelled when the kernel closes (page closed, culled, evicted, superseded, server
    /// shutdown): pass it to long work so it stops with the kernel.</summary>
    /// <exception cref="InvalidOperationException">Read outside a kernel, where there is nothing to close.</exception>
    public static CancellationToken KernelClosed => KernelContext.Current?.Closing
        ?? throw new InvalidOperationException("SolaraState.KernelClosed was read outside a kernel: read it in a render, an event handler, or a task started from one.");
}
