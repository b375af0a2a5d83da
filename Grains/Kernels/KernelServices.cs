using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Grains.Metrics;
using Solara.Orleans.Grains.Runtime;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Grains.Kernels;

/// <summary>What every kernel activation of a silo shares; <see cref="State"/> is null when persistence is off.</summary>
public sealed record KernelServices(
    AppRegistry Apps,
    KernelOptions Options,
    ServerOptions Server,
    ElasticThreadPool TurnThreads,
    ILogger Logger,
    TimeProvider Time,
    StatePersistence? State = null)
{
    /// <summary><c>SOLARA_STATE_AUTO_REMOUNT</c> when there is no state backend (with one,
    /// <see cref="StatePersistence.Options"/> holds it): true makes a reconnect to a fresh kernel
    /// remount silently into fresh state instead of showing the refresh dialog.</summary>
    public bool AutoRemountWithoutBackend { get; init; }

    /// <summary>The silo's instruments (one meter per silo), observed into the <c>metrics</c> block of its report.</summary>
    public KernelMetrics Metrics { get; init; } = new(State?.Stats);

    /// <summary>The resolved <c>SOLARA_STATE_AUTO_REMOUNT</c>: explicit, else on iff a backend is configured.</summary>
    public bool AutoRemount => State?.Options.AutoRemount ?? AutoRemountWithoutBackend;
}
