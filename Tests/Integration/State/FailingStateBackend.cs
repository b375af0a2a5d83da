using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>A memory backend whose takeovers or flushes throw while the test says so, like a Redis outage.</summary>
public sealed class FailingStateBackend : IStateBackend
{
    public MemoryStateBackend Inner { get; } = new();

    public bool FailTakeover { get; set; }

    public bool FailFlush { get; set; }

    public bool IsShared => false;

    public Task<TakeoverResult> TakeoverAsync(string kernelId, IReadOnlyList<byte[]> sessionHmacs, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        FailTakeover ? throw new IOException("simulated backend outage (takeover)") : Inner.TakeoverAsync(kernelId, sessionHmacs, schemaTag, ttl, cancellationToken);

    public Task<FlushResult> FlushAsync(string kernelId, long generation, IReadOnlyDictionary<string, byte[]> fields, byte[] sessionHmac, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        FailFlush ? throw new IOException("simulated backend outage (flush)") : Inner.FlushAsync(kernelId, generation, fields, sessionHmac, schemaTag, ttl, cancellationToken);

    public Task<DeleteResult> DeleteAsync(string kernelId, long? generation, CancellationToken cancellationToken = default) => Inner.DeleteAsync(kernelId, generation, cancellationToken);

    public Task<long?> PeekGenerationAsync(string kernelId, CancellationToken cancellationToken = default) => Inner.PeekGenerationAsync(kernelId, cancellationToken);
}
