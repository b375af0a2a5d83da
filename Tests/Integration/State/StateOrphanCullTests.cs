using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>With a shared backend a disconnected kernel is culled after
/// <c>SOLARA_STATE_ORPHAN_CULL_TIMEOUT</c>, not the (much longer) kernel cull timeout; its state stays.</summary>
public sealed class StateOrphanCullTests
{
    [Fact]
    public async Task A_disconnected_kernel_is_culled_after_the_orphan_timeout_when_the_backend_is_shared()
    {
        // SOLARA_STATE_BACKEND=redis makes the backend shared; the memory backend stands in for Redis.
        await using TestServer server = await TestServer.StartAsync(PersistedServer.Settings(
            ("SOLARA_STATE_BACKEND", "redis"), ("SOLARA_STATE_URL", "redis://localhost:6379/0"),
            ("SOLARA_KERNEL_CULL_TIMEOUT", "1h"), ("SOLARA_STATE_ORPHAN_CULL_TIMEOUT", "200ms"), ("SOLARA_STATE_FLUSH_DEBOUNCE", "0s")),
            stateBackend: new MemoryStateBackend());
        Assert.True(server.Persistence().Options.IsShared);
        string kernelId = RawKernelClient.NewId();
        (RawKernelClient client, _) = await PersistedServer.CounterAsync(server, kernelId, RawKernelClient.NewId(), clicks: 1);

        await client.DisposeAsync();

        Assert.Equal("cull", await server.KernelClosed(kernelId).WaitAsync(RawKernelClient.DefaultTimeout));
        Assert.True(server.Logs.Matching($"close reason=cull deleted=false kernel={kernelId}").Any());
        Assert.True(server.Backend().ReadHash(kernelId)!.ContainsKey(PersistedServer.CounterField));
    }

    [Fact]
    public void The_orphan_timeout_applies_only_with_a_shared_backend()
    {
        var kernels = new Solara.Orleans.Abstractions.Options.KernelOptions { CullTimeout = TimeSpan.FromHours(1) };
        var memory = new Solara.Orleans.Abstractions.Options.StateOptions { Backend = "memory", OrphanCullTimeout = TimeSpan.FromSeconds(1) };

        Assert.Equal(TimeSpan.FromHours(1), memory.DisconnectedCullTimeout(kernels));
        Assert.Equal(TimeSpan.FromSeconds(1), (memory with { Backend = "redis" }).DisconnectedCullTimeout(kernels));
    }
}
