using Solara.Persistence;
using Solara.Reactive;

namespace Solara;

/// <summary>State persistence as app code sees it.</summary>
public static class SolaraState
{
    /// <summary>This kernel's fencing epoch (Python <c>solara.state_generation()</c>): it increases on
    /// every takeover (failover, eviction), so external writes can reject a superseded instance.
    /// Null when persistence is off, outside a kernel, or when this kernel owns no state.</summary>
    public static long? Generation => KernelContext.Current?.Persistence?.Generation;
}
