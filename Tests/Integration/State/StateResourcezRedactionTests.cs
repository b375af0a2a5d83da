using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Solara.Orleans.Grains.Hosting;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>In production, persist key labels in <c>/resourcez</c> are hashed unless the bearer token matches.</summary>
public sealed class StateResourcezRedactionTests
{
    private const string Token = "resourcez-test-token";

    [Theory]
    [InlineData(null, true)]
    [InlineData("wrong-token", true)]
    [InlineData(Token, false)]
    public async Task Sync_by_key_labels_are_hashed_in_production_unless_the_token_matches(string? bearer, bool hashed)
    {
        await using TestServer server = await PersistedServer.StartAsync(
            ("SOLARA_MODE", "production"), ("SOLARA_RESOURCEZ_TOKEN", Token), ("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"));
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(client.KernelId)!.State!;
        var flushed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Flushed += n => flushed.TrySetResult(n);
        await client.ClickAsync(run.ButtonId);
        await flushed.Task.WaitAsync(RawKernelClient.DefaultTimeout);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.BaseUrl}/resourcez");
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using HttpResponseMessage response = await http.SendAsync(request);
        JsonObject state = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["state"]!.AsObject();

        JsonNode row = Assert.Single(state["sync_by_key"]!.AsArray())!;
        Assert.Equal(hashed ? Redaction.Hash(PersistedServer.CounterKey) : PersistedServer.CounterKey, (string?)row["key"]);
        Assert.Equal(1, (long)row["syncs"]!);
        Assert.True((long)row["bytes"]! > 0);
    }
}
