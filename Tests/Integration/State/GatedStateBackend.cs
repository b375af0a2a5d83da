using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>A memory backend whose flushes wait for the test to open the gate while <see cref="Hold"/>
/// is set, so a test can act while a write is in flight.</summary>
public sealed class GatedStateBackend : IStateBackend
{
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MemoryStateBackend Inner { get; } = new();

    public bool Hold { get; set; }

    /// <summary>Completes when a held flush has reached the backend.</summary>
    public TaskCompletionSource FlushArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsShared => false;

    public void Open() => _gate.TrySetResult();

    public Task<TakeoverResult> TakeoverAsync(string kernelId, IReadOnlyList<byte[]> sessionHmacs, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        Inner.TakeoverAsync(kernelId, sessionHmacs, schemaTag, ttl, cancellationToken);

    public async Task<FlushResult> FlushAsync(string kernelId, long generation, IReadOnlyDictionary<string, byte[]> fields, byte[] sessionHmac, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        if (Hold)
        {
            FlushArrived.TrySetResult();
            await _gate.Task;
        }
        return await Inner.FlushAsync(kernelId, generation, fields, sessionHmac, schemaTag, ttl, cancellationToken);
    }

    public Task<DeleteResult> DeleteAsync(string kernelId, long? generation, CancellationToken cancellationToken = default) => Inner.DeleteAsync(kernelId, generation, cancellationToken);

    public Task<long?> PeekGenerationAsync(string kernelId, CancellationToken cancellationToken = default) => Inner.PeekGenerationAsync(kernelId, cancellationToken);
}
