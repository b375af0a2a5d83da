using Solara.Apps;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.State;

namespace Solara.Orleans.Silo;

/// <summary>Everything the embedded single-process host needs, already validated.</summary>
public sealed record EmbeddedHostOptions(
    IReadOnlyList<string> Urls,
    ServerOptions Server,
    KernelOptions Kernels,
    IReadOnlyList<SolaraApp> Apps)
{
    /// <summary>State persistence (off by default).</summary>
    public StateOptions State { get; init; } = new();

    /// <summary>The backend to use instead of the one <see cref="State"/> names (tests); null = from the options.</summary>
    public IStateBackend? StateBackend { get; init; }
}
