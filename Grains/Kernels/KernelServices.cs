using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Grains.Runtime;

namespace Solara.Orleans.Grains.Kernels;

/// <summary>What every kernel activation of a silo shares.</summary>
public sealed record KernelServices(
    AppRegistry Apps,
    KernelOptions Options,
    ServerOptions Server,
    ElasticThreadPool TurnThreads,
    ILogger Logger,
    TimeProvider Time);
