using Solara.Apps;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Silo;

/// <summary>Everything the embedded single-process host needs, already validated.</summary>
public sealed record EmbeddedHostOptions(
    IReadOnlyList<string> Urls,
    ServerOptions Server,
    KernelOptions Kernels,
    IReadOnlyList<SolaraApp> Apps);
