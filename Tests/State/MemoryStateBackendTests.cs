using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Tests.State;

/// <summary>The in-process backend passes the contract kit on a hand-moved clock.</summary>
public sealed class MemoryStateBackendTests : StateBackendContractTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MemoryStateBackend _backend;

    public MemoryStateBackendTests() => _backend = new MemoryStateBackend(_time);

    protected override IStateBackend Backend => _backend;

    protected override Task<IReadOnlyDictionary<string, byte[]>?> ReadRawAsync(string kernelId) => Task.FromResult(_backend.ReadHash(kernelId));

    protected override Task<TimeSpan?> ReadTimeToLiveAsync(string kernelId) => Task.FromResult(_backend.TimeToLive(kernelId));

    protected override Task ElapseAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_memory_backend_is_not_shared_across_processes()
    {
        Assert.False(_backend.IsShared);
    }

    [Fact]
    public async Task A_ttl_beyond_the_calendar_keeps_the_state_instead_of_overflowing()
    {
        FlushResult result = await _backend.FlushAsync("kernel", 1, new Dictionary<string, byte[]>(), [9], "s", TimeSpan.MaxValue);

        Assert.Equal(FlushOutcome.Created, result.Outcome);
        Assert.Equal(1, await _backend.PeekGenerationAsync("kernel"));
    }

    [Fact]
    public async Task The_raw_hash_is_a_copy_callers_cannot_change()
    {
        await _backend.FlushAsync("kernel", 1, new Dictionary<string, byte[]> { ["reactive:a"] = [1] }, [9], "s", TimeSpan.FromMinutes(1));

        _backend.ReadHash("kernel")!["reactive:a"][0] = 2;

        Assert.Equal([1], _backend.ReadHash("kernel")!["reactive:a"]);
    }
}
