using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Tests.State.Resilience;

/// <summary>A memory backend whose calls can be held (like a paused Redis) or made to throw, and
/// that counts the calls that reached it.</summary>
public sealed class GatedStateBackend : IStateBackend
{
    private TaskCompletionSource _gate = Open();

    public MemoryStateBackend Inner { get; } = new();

    public int Calls;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _callsOn = new(StringComparer.Ordinal);

    /// <summary>The calls that reached the backend for one hash (a kernel's, or a session grain's).</summary>
    public int CallsOn(string kernelId) => _callsOn.GetValueOrDefault(kernelId);

    public Exception? Failure { get; set; }

    public bool IsShared => false;

    /// <summary>Holds every following call until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public Task<TakeoverResult> TakeoverAsync(string kernelId, IReadOnlyList<byte[]> sessionHmacs, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        Through(kernelId, () => Inner.TakeoverAsync(kernelId, sessionHmacs, schemaTag, ttl));

    public Task<FlushResult> FlushAsync(string kernelId, long generation, IReadOnlyDictionary<string, byte[]> fields, byte[] sessionHmac, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        Through(kernelId, () => Inner.FlushAsync(kernelId, generation, fields, sessionHmac, schemaTag, ttl));

    public Task<DeleteResult> DeleteAsync(string kernelId, long? generation, CancellationToken cancellationToken = default) =>
        Through(kernelId, () => Inner.DeleteAsync(kernelId, generation));

    public Task<long?> PeekGenerationAsync(string kernelId, CancellationToken cancellationToken = default) =>
        Through(kernelId, () => Inner.PeekGenerationAsync(kernelId));

    private async Task<T> Through<T>(string kernelId, Func<Task<T>> call)
    {
        Interlocked.Increment(ref Calls);
        _callsOn.AddOrUpdate(kernelId, 1, (_, n) => n + 1);
        await _gate.Task; // deliberately ignores cancellation, like a backend that does not cap itself
        if (Failure is { } failure)
            throw failure;
        return await call();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
