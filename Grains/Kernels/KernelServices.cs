using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
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
    StatePersistence? State = null);
