using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>The explorer persists only the most specific place picked; after a failover the
/// continent and country selects are derived from it, so the restored selection is consistent.</summary>
public sealed class ExplorerRestoreTests
{
    [Fact]
    public async Task A_picked_city_restores_with_its_country_and_continent_selected()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        string city;
        await using (RawKernelClient first = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session))
        {
            AppRun run = await first.RunAppAsync("explorer");
            await PickAsync(first, run, "Continent", 1);
            await PickAsync(first, run, "Country", 0);
            city = await PickAsync(first, run, "City", 2);
            await PersistedServer.EvictAsync(server, first, run);
        }

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        JsonObject status = await second.AppStatusAsync();
        AppRun rerun = await second.RunAppAsync("explorer");

        Assert.True((bool)status["canRecover"]!);
        Assert.Equal(1, (int)status["lastRestore"]!["nFields"]!);
        Assert.Equal(city, Selected(rerun, "City"));
        Assert.NotNull(Selected(rerun, "Country"));
        Assert.NotNull(Selected(rerun, "Continent"));
        Assert.Equal(["reactive:samples.explorer.picked"], server.Backend().ReadHash(kernelId)!.Keys.Where(k => k.StartsWith("reactive:", StringComparison.Ordinal)));
    }

    /// <summary>Picks option <paramref name="index"/> of the select as the browser would; returns its label.</summary>
    private static async Task<string> PickAsync(RawKernelClient client, AppRun run, string label, int index)
    {
        string id = DropdownId(client, label);
        await client.CommMsgAsync(id, new JsonObject { ["method"] = "update", ["state"] = new JsonObject { ["index"] = index }, ["buffer_paths"] = new JsonArray() });
        return (string)CurrentState(client, id)["_options_labels"]!.AsArray()[index]!;
    }

    private static string DropdownId(RawKernelClient client, string label) =>
        client.Received.Last(m => m.MsgType == "comm_open" && (string?)AppRun.State(m)["_model_name"] == "DropdownModel" && (string?)AppRun.State(m)["description"] == label).CommId!;

    /// <summary>The widget's state as the browser would hold it: its comm_open, then every update in order.</summary>
    private static JsonObject CurrentState(RawKernelClient client, string id)
    {
        var state = new JsonObject();
        foreach (ReceivedMessage m in client.Received.Where(m => m.CommId == id && (m.MsgType == "comm_open" || m.Method is "update" or "echo_update")))
            foreach ((string key, JsonNode? value) in AppRun.State(m))
                state[key] = value?.DeepClone();
        return state;
    }

    private static string? Selected(AppRun run, string label)
    {
        JsonObject state = AppRun.State(run.WidgetOpens.Single(m => (string?)AppRun.State(m)["_model_name"] == "DropdownModel" && (string?)AppRun.State(m)["description"] == label));
        return state["index"] is JsonValue v && v.TryGetValue(out int i) ? (string?)state["_options_labels"]!.AsArray()[i] : null;
    }
}
