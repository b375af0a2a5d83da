using System.Diagnostics;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Grains.State.Redis;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State.Redis;

/// <summary><c>SOLARA_STATE_BACKEND=redis</c> end to end against the fixture's real <c>redis-server</c>:
/// in-process (eviction and restore) and as a child process stopped with SIGTERM.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisPersistenceTests(RedisServerFixture redis)
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(30);
    private readonly string _prefix = RedisServerFixture.NewPrefix();

    private (string, string)[] RedisSettings() =>
        [("SOLARA_STATE_BACKEND", "redis"), ("SOLARA_STATE_URL", redis.Url()), ("SOLARA_STATE_PREFIX", _prefix)];

    private async Task<bool> StoredAsync(string kernelId, string field) =>
        (await redis.Admin.CommandAsync(CancellationToken.None, "HEXISTS", _prefix + kernelId, field)).AsInteger() == 1;

    [Fact]
    public async Task Persisted_counter_survives_eviction_through_redis()
    {
        await using TestServer server = await PersistedServer.StartAsync(RedisSettings());
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        (RawKernelClient first, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, session, clicks: 3);
        await using (first)
            await PersistedServer.EvictAsync(server, first, run);
        bool storedAfterEviction = await StoredAsync(kernelId, PersistedServer.CounterField);

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        JsonObject status = await second.AppStatusAsync();
        AppRun rerun = await second.RunAppAsync("counter");

        Assert.IsType<RedisStateBackend>(server.Services.GetService(typeof(IStateBackend)));
        Assert.True(storedAfterEviction);
        Assert.True((bool)status["canRecover"]!);
        Assert.Equal("success", (string?)status["lastRestore"]!["status"]);
        Assert.Equal("Clicked: 3", PersistedServer.ButtonLabel(rerun));
        Assert.Equal(2L, await ((RedisStateBackend)server.Services.GetService(typeof(IStateBackend))!).PeekGenerationAsync(kernelId));
        Assert.Equal("healthy", (string?)server.Persistence().Stats.Report(false, false, s => s)["status"]);
    }

    [Fact]
    public async Task A_kernel_evicted_on_one_server_restores_its_values_on_another_server_sharing_the_redis()
    {
        await using TestServer a = await PersistedServer.StartAsync(RedisSettings());
        await using TestServer b = await PersistedServer.StartAsync(RedisSettings());
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        (RawKernelClient first, AppRun run) = await PersistedServer.CounterAsync(a, kernelId, session, clicks: 2);
        await using (first)
            await PersistedServer.EvictAsync(a, first, run);

        await using RawKernelClient moved = await RawKernelClient.ConnectAsync(b, kernelId, sessionId: session);
        JsonObject status = await moved.AppStatusAsync();
        AppRun rerun = await moved.RunAppAsync("counter");

        Assert.Null(a.Silo.Find(kernelId));
        Assert.Equal("success", (string?)status["lastRestore"]!["status"]);
        Assert.Equal("Clicked: 2", PersistedServer.ButtonLabel(rerun));
        Assert.Equal("Clicked: 3", (await moved.ClickAsync(rerun.ButtonId)).UpdatedDescription(rerun.ButtonId));
        Assert.Equal(2L, b.Silo.Find(kernelId)!.State!.Generation);
    }

    [Fact]
    public async Task On_sigterm_the_final_flush_reaches_redis_and_the_process_exits_within_the_shutdown_bound()
    {
        int port = SiloProcess.FreePort();
        var environment = PersistedServer.Settings([.. RedisSettings(), ("SOLARA_STATE_FLUSH_DEBOUNCE", "1h")]);
        await using SiloProcess silo = SiloProcess.Start(["--host", "127.0.0.1", "--port", port.ToString()], environment);
        await silo.Listening.WaitAsync(ProcessTimeout);
        string kernelId = RawKernelClient.NewId();
        RawKernelClient client = await RawKernelClient.ConnectAsync($"ws://127.0.0.1:{port}", kernelId, RawKernelClient.NewId(), RawKernelClient.NewId());
        bool storedBeforeStop;
        await using (client)
        {
            AppRun run = await client.RunAppAsync("counter");
            for (int i = 1; i <= 2; i++)
                Assert.Equal($"Clicked: {i}", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
            // The 1h debounce keeps the write-behind from running: only the shutdown flush can write it.
            storedBeforeStop = await StoredAsync(kernelId, PersistedServer.CounterField);

            var stopping = Stopwatch.StartNew();
            silo.Signal("TERM");
            int exitCode = await silo.Exited.WaitAsync(ProcessTimeout);
            stopping.Stop();

            Assert.Equal(0, exitCode);
            Assert.True(stopping.Elapsed < ProcessTimeout, $"stop took {stopping.Elapsed}");
        }

        Assert.False(storedBeforeStop);
        Assert.True(await StoredAsync(kernelId, PersistedServer.CounterField), silo.Output);
        Assert.Contains($"close reason=server-shutdown deleted=false kernel={kernelId}", silo.Output);
        Assert.Contains($"flush result=ok kernel={kernelId}", silo.Output);
        Assert.Contains("solara: redis maxmemory-policy=noeviction", silo.Output);
    }
}
