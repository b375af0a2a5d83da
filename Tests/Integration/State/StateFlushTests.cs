using System.Net;
using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>Write-behind flushes, fencing and what each close reason does to the stored state.</summary>
public sealed class StateFlushTests
{
    [Fact]
    public async Task Changes_are_flushed_after_the_debounce_while_the_kernel_lives()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"));
        string kernelId = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(kernelId)!.State!;
        var flushed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Flushed += n => flushed.TrySetResult(n);

        await client.ClickAsync(run.ButtonId);

        Assert.Equal(1, await flushed.Task.WaitAsync(RawKernelClient.DefaultTimeout));
        Assert.True(server.Logs.Matching($"flush result=ok kernel={kernelId} n_fields=1").Any());
        Assert.True(server.Backend().ReadHash(kernelId)!.ContainsKey(PersistedServer.CounterField));
        Assert.Equal(1L, await server.Backend().PeekGenerationAsync(kernelId));
    }

    [Fact]
    public async Task Page_close_deletes_the_stored_state()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        (RawKernelClient client, _) = await PersistedServer.CounterAsync(server, kernelId, session, clicks: 1);
        await using (client)
        {
            using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
            using var beacon = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/_solara/api/close/{kernelId}?session_id={client.PageId}");
            beacon.Headers.Add("Cookie", $"solara-session-id={session}");
            (await http.SendAsync(beacon)).EnsureSuccessStatusCode();

            Assert.Equal("page-close", await server.KernelClosed(kernelId).WaitAsync(RawKernelClient.DefaultTimeout));
        }
        Assert.True(server.Logs.Matching($"close reason=page-close deleted=true kernel={kernelId}").Any());
        Assert.Null(server.Backend().ReadHash(kernelId));
    }

    [Fact]
    public async Task Evict_route_answers_403_to_another_session_404_to_unknown_kernels_and_200_to_the_owner()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        (RawKernelClient client, _) = await PersistedServer.CounterAsync(server, kernelId, session, clicks: 2);
        await using (client)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await EvictAsync(server, kernelId, RawKernelClient.NewId()));
            Assert.Equal(HttpStatusCode.NotFound, await EvictAsync(server, RawKernelClient.NewId(), session));
            Assert.False(server.KernelClosed(kernelId).IsCompleted);

            Assert.Equal(HttpStatusCode.OK, await EvictAsync(server, kernelId, session));
            Assert.Equal("evicted", await server.KernelClosed(kernelId).WaitAsync(RawKernelClient.DefaultTimeout));
        }
        Assert.True(server.Backend().ReadHash(kernelId)!.ContainsKey(PersistedServer.CounterField));
    }

    [Fact]
    public async Task Evict_route_is_404_in_production_even_when_requested()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_MODE", "production"));
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        await client.KernelInfoAsync();

        Assert.Equal(HttpStatusCode.NotFound, await EvictAsync(server, kernelId, session));
        Assert.False(server.KernelClosed(kernelId).IsCompleted);
    }

    [Fact]
    public async Task Resourcez_state_block_counts_restores_and_syncs_by_key_and_kernel()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        (RawKernelClient client, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, session, clicks: 3);
        await using (client)
            await PersistedServer.EvictAsync(server, client, run);
        await using RawKernelClient again = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        await again.KernelInfoAsync();

        using var http = new HttpClient();
        JsonObject state = JsonNode.Parse(await http.GetStringAsync($"{server.BaseUrl}/resourcez"))!["state"]!.AsObject();

        Assert.Equal("healthy", (string?)state["status"]);
        Assert.Equal(2, (long)state["restore_attempts"]!);
        Assert.Equal(1, (long)state["restore_miss"]!);
        Assert.Equal(1, (long)state["restore_success"]!);
        Assert.True((long)state["flush_ok"]! >= 1);
        Assert.True((long)state["sync_bytes_total"]! > 0);
        Assert.True((long)state["restore_bytes_total"]! > 0);
        JsonObject byKey = Assert.IsType<JsonObject>(Assert.Single(state["sync_by_key"]!.AsArray()));
        Assert.Equal(PersistedServer.CounterKey, (string?)byKey["key"]);
        Assert.Contains(state["sync_by_kernel"]!.AsArray(), row => (string?)row!["kernel"] == kernelId[..8]);
    }

    [Fact]
    public async Task Values_over_the_size_cap_are_skipped_and_counted()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_MAX_VALUE_BYTES", "10"));
        string kernelId = RawKernelClient.NewId();
        (RawKernelClient client, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, RawKernelClient.NewId(), clicks: 1);
        await using (client)
            await PersistedServer.EvictAsync(server, client, run);

        Assert.Equal(1, server.Persistence().Stats.SyncOversizeDropped);
        Assert.False(server.Backend().ReadHash(kernelId)!.ContainsKey(PersistedServer.CounterField));
        Assert.True(server.Logs.Matching("SOLARA_STATE_MAX_VALUE_BYTES").Any());
    }

    private static async Task<HttpStatusCode> EvictAsync(TestServer server, string kernelId, string session)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/_solara/api/evict/{kernelId}");
        request.Headers.Add("Cookie", $"solara-session-id={session}");
        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
