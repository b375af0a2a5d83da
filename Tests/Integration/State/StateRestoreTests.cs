using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>Restore on a fresh activation of the same kernel id: success, bail-out, schema reset.</summary>
public sealed class StateRestoreTests
{
    [Fact]
    public async Task Persisted_counter_survives_eviction_and_the_next_activation_restores_it()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        (RawKernelClient first, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, session, clicks: 3);
        await using (first)
            await PersistedServer.EvictAsync(server, first, run);
        Assert.Equal(1L, await server.Backend().PeekGenerationAsync(kernelId));

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        JsonObject status = await second.AppStatusAsync();
        AppRun rerun = await second.RunAppAsync("counter");

        Assert.False((bool)status["started"]!);
        Assert.True((bool)status["canRecover"]!);
        Assert.Equal("success", (string?)status["lastRestore"]!["status"]);
        Assert.Equal(1, (int)status["lastRestore"]!["nFields"]!);
        Assert.Equal("Clicked: 3", PersistedServer.ButtonLabel(rerun));
        Assert.Equal("Clicked: 4", (await second.ClickAsync(rerun.ButtonId)).UpdatedDescription(rerun.ButtonId));
        Assert.Equal(2L, await server.Backend().PeekGenerationAsync(kernelId));
        Assert.Equal(2L, server.Silo.Find(kernelId)!.State!.Generation);
        Assert.Contains(server.Logs.Matching("restore result=success"), l => l.Contains($"kernel={kernelId}"));
        Assert.Contains(server.Logs.Matching("close reason=evicted deleted=false"), l => l.Contains(kernelId));
    }

    [Fact]
    public async Task Tampered_envelope_bails_out_deletes_the_hash_and_cannot_recover()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        (RawKernelClient first, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, session, clicks: 2);
        await using (first)
            await PersistedServer.EvictAsync(server, first, run);
        byte[] envelope = server.Backend().ReadHash(kernelId)![PersistedServer.CounterField];
        envelope[^1] ^= 0x01;
        var keys = new StateSigningKeys([PersistedServer.Secret]);
        await server.Backend().FlushAsync(kernelId, 1, new Dictionary<string, byte[]> { [PersistedServer.CounterField] = envelope },
            keys.SessionHmac(session), server.Persistence().Options.EffectiveSchemaTag, TimeSpan.FromMinutes(5));

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        JsonObject status = await second.AppStatusAsync();

        Assert.False((bool)status["canRecover"]!);
        Assert.Equal("bailout", (string?)status["lastRestore"]!["status"]);
        Assert.Equal(PersistedServer.CounterKey, (string?)status["lastRestore"]!["failedKey"]);
        Assert.Equal("hmac", (string?)status["lastRestore"]!["cause"]);
        Assert.Null(server.Backend().ReadHash(kernelId));
        Assert.Equal("Clicked: 0", PersistedServer.ButtonLabel(await second.RunAppAsync("counter")));
        Assert.Contains(server.Logs.Matching($"restore result=bailout kernel={kernelId} key={PersistedServer.CounterKey} cause=hmac"), _ => true);
    }

    [Fact]
    public async Task Schema_tag_change_resets_state_cleanly_and_still_remounts()
    {
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        await using (TestServer before = await PersistedServer.StartAsync(("SOLARA_STATE_SCHEMA_TAG", "shape-1")))
        {
            (RawKernelClient first, AppRun run) = await PersistedServer.CounterAsync(before, kernelId, session, clicks: 2);
            await using (first)
                await PersistedServer.EvictAsync(before, first, run);
        }
        await using TestServer after = await PersistedServer.StartAsync(("SOLARA_STATE_SCHEMA_TAG", "shape-2"));

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(after, kernelId, sessionId: session);
        JsonObject status = await second.AppStatusAsync();

        Assert.True((bool)status["canRecover"]!, "a schema reset is a silent remount, not the refresh dialog");
        Assert.Equal("fresh-schema", (string?)status["lastRestore"]!["status"]);
        Assert.Null(status["lastRestore"]!["failedKey"]);
        Assert.Equal("Clicked: 0", PersistedServer.ButtonLabel(await second.RunAppAsync("counter")));
        Assert.DoesNotContain(PersistedServer.CounterField, after.Backend().ReadHash(kernelId)!.Keys);
    }

    [Fact]
    public async Task Two_kernels_restore_their_own_values()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string session = RawKernelClient.NewId();
        string[] kernels = [RawKernelClient.NewId(), RawKernelClient.NewId()];
        int[] clicks = [2, 5];
        for (int i = 0; i < 2; i++)
        {
            (RawKernelClient client, AppRun run) = await PersistedServer.CounterAsync(server, kernels[i], session, clicks[i]);
            await using (client)
                await PersistedServer.EvictAsync(server, client, run);
        }

        for (int i = 0; i < 2; i++)
        {
            await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernels[i], sessionId: session);
            Assert.Equal($"Clicked: {clicks[i]}", PersistedServer.ButtonLabel(await client.RunAppAsync("counter")));
        }
    }

    [Fact]
    public async Task Another_session_cannot_take_over_a_kernels_state()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string kernelId = RawKernelClient.NewId();
        (RawKernelClient first, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, RawKernelClient.NewId(), clicks: 4);
        await using (first)
            await PersistedServer.EvictAsync(server, first, run);

        await using RawKernelClient intruder = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: RawKernelClient.NewId());
        JsonObject status = await intruder.AppStatusAsync();

        Assert.False((bool)status["canRecover"]!);
        Assert.Equal("identity-mismatch", (string?)status["lastRestore"]!["status"]);
        Assert.Equal("Clicked: 0", PersistedServer.ButtonLabel(await intruder.RunAppAsync("counter")));
        Assert.Equal(1L, await server.Backend().PeekGenerationAsync(kernelId));
        Assert.Single(server.Logs.Matching($"restore result=identity-mismatch kernel={kernelId}"));
        Assert.Single(server.Logs.Matching($"restore result=miss kernel={kernelId}")); // the first session's own first connect
        Assert.Equal(2, server.Persistence().Stats.RestoreAttempts);
    }
}
