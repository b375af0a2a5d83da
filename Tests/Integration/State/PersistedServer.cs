using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>Helpers for tests against a server with the in-process memory backend and test
/// eviction on; the counter sample's <c>Clicks</c> is persisted as <see cref="CounterKey"/>.</summary>
public static class PersistedServer
{
    public const string Secret = "integration-test-secret";
    public const string CounterKey = "samples.counter.clicks";
    public const string CounterField = "reactive:" + CounterKey;

    public static Dictionary<string, string> Settings(params (string Name, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["SOLARA_STATE_BACKEND"] = "memory",
            ["SOLARA_STATE_SECRET_KEYS"] = Secret,
            ["SOLARA_STATE_TEST_EVICTION"] = "true",
            ["SOLARA_SESSION_HTTP_ONLY"] = "true",
        };
        foreach ((string name, string value) in extra)
            settings[name] = value;
        return settings;
    }

    public static Task<TestServer> StartAsync(params (string Name, string Value)[] extra) => TestServer.StartAsync(Settings(extra));

    public static MemoryStateBackend Backend(this TestServer server) => (MemoryStateBackend)server.Services.GetRequiredService<IStateBackend>();

    public static StatePersistence Persistence(this TestServer server) =>
        server.Silo.Services.State ?? throw new Xunit.Sdk.XunitException("the server has no state persistence");

    /// <summary>Connects, runs the counter and clicks it <paramref name="clicks"/> times; returns the client and its run.</summary>
    public static async Task<(RawKernelClient Client, AppRun Run)> CounterAsync(TestServer server, string kernelId, string session, int clicks)
    {
        RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        AppRun run = await client.RunAppAsync("counter");
        for (int i = 1; i <= clicks; i++)
            Assert.Equal($"Clicked: {i}", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        return (client, run);
    }

    /// <summary>Sends <c>evict</c> over <c>solara.control</c> and waits until the kernel has closed.</summary>
    public static async Task EvictAsync(TestServer server, RawKernelClient client, AppRun run)
    {
        Exchange exchange = await client.CommMsgAsync(run.ControlCommId, new JsonObject { ["method"] = "evict" });
        ReceivedMessage reply = Assert.Single(exchange.CommMessages(run.ControlCommId));
        Assert.Equal("evicted", (string?)reply.Data["status"]);
        Assert.Equal("evicted", await server.KernelClosed(client.KernelId).WaitAsync(RawKernelClient.DefaultTimeout));
    }

    public static string ButtonLabel(AppRun run) => (string?)AppRun.State(run.Widget("ButtonModel"))["description"] ?? "";
}
