using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary><c>jupyter.widget</c> and <c>jupyter.widget.control</c>: clicks, browser updates, state
/// requests and binary traits, as ipywidgets 8 speaks them.</summary>
public sealed class WidgetCommTests
{
    [Fact]
    public async Task Clicking_the_counter_button_sends_an_update_with_the_new_description()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");

        Exchange first = await client.ClickAsync(run.ButtonId);
        Exchange second = await client.ClickAsync(run.ButtonId);

        first.AssertBracketedByBusyAndIdle();
        ReceivedMessage update = Assert.Single(first.CommMessages(run.ButtonId));
        Assert.Equal("update", update.Method);
        Assert.Equal("iopub", update.Channel);
        Assert.Equal("Clicked: 1", (string?)AppRun.State(update)["description"]);
        Assert.IsType<JsonArray>(update.Data["buffer_paths"]);
        Assert.Empty(first.Errors);
        Assert.Equal("Clicked: 2", second.UpdatedDescription(run.ButtonId));
    }

    [Fact]
    public async Task Browser_update_is_validated_and_echoed_with_the_accepted_value()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("probe");
        string probe = run.Widget("IntSliderModel").CommId!;

        Exchange exchange = await client.CommMsgAsync(probe, new JsonObject
        {
            ["method"] = "update",
            ["state"] = new JsonObject { ["value"] = 150 },
            ["buffer_paths"] = new JsonArray(),
        });

        exchange.AssertBracketedByBusyAndIdle();
        Assert.Empty(exchange.Errors);
        ReceivedMessage echo = Assert.Single(exchange.CommMessages(probe));
        Assert.Equal("echo_update", echo.Method);
        JsonObject state = AppRun.State(echo);
        Assert.Equal(100, (int)state["value"]!);
        Assert.Equal(["value"], state.Select(p => p.Key));
    }

    [Fact]
    public async Task Browser_update_of_a_trait_the_widget_does_not_accept_is_reported_and_not_echoed()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");

        Exchange exchange = await client.CommMsgAsync(run.ButtonId, new JsonObject
        {
            ["method"] = "update",
            ["state"] = new JsonObject { ["_model_name"] = "HackedModel" },
        });

        ReceivedMessage error = Assert.Single(exchange.Errors);
        Assert.Equal("ReadOnlyTrait", (string?)error.Content["ename"]);
        Assert.Contains("_model_name", (string?)error.Content["evalue"]);
        Assert.Empty(exchange.CommMessages(run.ButtonId));
        Assert.Equal("Clicked: 1", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
    }

    [Fact]
    public async Task Request_state_is_answered_with_a_full_update_including_browser_changes()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("probe");
        string probe = run.Widget("IntSliderModel").CommId!;
        await client.CommMsgAsync(probe, new JsonObject { ["method"] = "update", ["state"] = new JsonObject { ["value"] = 42 } });

        Exchange exchange = await client.CommMsgAsync(probe, new JsonObject { ["method"] = "request_state" });

        ReceivedMessage update = Assert.Single(exchange.CommMessages(probe));
        Assert.Equal("update", update.Method);
        JsonObject state = AppRun.State(update);
        JsonObject opened = AppRun.State(run.Widget("IntSliderModel"));
        Assert.Equal(opened.Select(p => p.Key).Order(), state.Select(p => p.Key).Order());
        Assert.Equal("IntSliderModel", (string?)state["_model_name"]);
        Assert.Equal(42, (int)state["value"]!);
        Assert.Equal(100, (int)state["max"]!);
        Assert.True(update.Binary);
        Assert.Equal([1, 2, 3], BufferAt(update, "data"));
    }

    [Fact]
    public async Task Binary_trait_arrives_as_a_frame_buffer_located_by_buffer_paths()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("probe");

        ReceivedMessage open = run.Widget("IntSliderModel");
        Assert.True(open.Binary, "a widget with a binary trait must be opened with a binary frame");
        Assert.Equal([1, 2, 3], BufferAt(open, "data"));
        Assert.All(run.WidgetOpens.Where(o => o != open), o => Assert.False(o.Binary, $"{o} has no buffers and should be a text frame"));

        Exchange click = await client.ClickAsync(run.ButtonId);
        ReceivedMessage dataUpdate = Assert.Single(click.CommMessages(open.CommId!));
        Assert.True(dataUpdate.Binary);
        Assert.Equal([1, 2, 3, 1], BufferAt(dataUpdate, "data"));
    }

    [Fact]
    public async Task Binary_framed_browser_update_with_a_buffer_is_accepted_and_echoed_as_a_buffer()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("probe");
        string probe = run.Widget("IntSliderModel").CommId!;

        Exchange exchange = await client.CommMsgAsync(probe, new JsonObject
        {
            ["method"] = "update",
            ["state"] = new JsonObject { ["value"] = 7 },
            ["buffer_paths"] = new JsonArray(new JsonArray("data")),
        }, buffers: [[9, 8, 7, 6]]);

        Assert.Empty(exchange.Errors);
        ReceivedMessage echo = Assert.Single(exchange.CommMessages(probe));
        Assert.Equal("echo_update", echo.Method);
        Assert.Equal(7, (int)AppRun.State(echo)["value"]!);
        Assert.Equal([9, 8, 7, 6], BufferAt(echo, "data"));
        Exchange state = await client.CommMsgAsync(probe, new JsonObject { ["method"] = "request_state" });
        Assert.Equal([9, 8, 7, 6], BufferAt(Assert.Single(state.CommMessages(probe)), "data"));
    }

    [Fact]
    public async Task Widget_control_request_states_returns_every_widget_with_its_model_and_buffers()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("probe");
        await client.ClickAsync(run.ButtonId);
        (string control, Exchange opened) = await client.OpenCommAsync("jupyter.widget.control");
        Assert.Empty(opened.Errors);

        Exchange exchange = await client.CommMsgAsync(control, new JsonObject { ["method"] = "request_states" });

        exchange.AssertBracketedByBusyAndIdle();
        ReceivedMessage reply = Assert.Single(exchange.CommMessages(control));
        Assert.Equal("update_states", reply.Method);
        JsonObject states = reply.Data["states"]!.AsObject();
        Assert.Equal(run.WidgetOpens.Select(o => o.CommId!).Order(), states.Select(s => s.Key).Order());
        foreach ((string id, JsonNode? entry) in states)
        {
            JsonObject openedState = AppRun.State(run.WidgetOpens.Single(o => o.CommId == id));
            Assert.Equal((string?)openedState["_model_name"], (string?)entry!["model_name"]);
            Assert.Equal((string?)openedState["_model_module"], (string?)entry["model_module"]);
            Assert.Equal((string?)openedState["_model_module_version"], (string?)entry["model_module_version"]);
            Assert.IsType<JsonObject>(entry["state"]);
        }
        Assert.Equal("Clicked: 1", (string?)states[run.ButtonId]!["state"]!["description"]);
        string probe = run.Widget("IntSliderModel").CommId!;
        Assert.True(reply.Binary);
        Assert.Equal([1, 2, 3, 1], BufferAt(reply, probe, "state", "data"));
    }

    [Fact]
    public async Task Unknown_custom_event_is_reported_as_an_error()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");

        Exchange exchange = await client.CommMsgAsync(run.ButtonId, new JsonObject { ["method"] = "custom", ["content"] = new JsonObject { ["event"] = "dance" } });

        ReceivedMessage error = Assert.Single(exchange.Errors);
        Assert.Equal("UnknownCustomEvent", (string?)error.Content["ename"]);
        Assert.Contains("dance", (string?)error.Content["evalue"]);
        Assert.Empty(exchange.CommMessages(run.ButtonId));
    }

    /// <summary>The frame buffer whose <c>buffer_paths</c> entry equals <paramref name="path"/>.</summary>
    private static byte[] BufferAt(ReceivedMessage message, params string[] path)
    {
        JsonArray paths = message.Data["buffer_paths"]!.AsArray();
        Assert.Equal(paths.Count, message.Buffers.Count);
        for (int i = 0; i < paths.Count; i++)
            if (paths[i]!.AsArray().Select(p => p!.ToString()).SequenceEqual(path))
                return message.Buffers[i];
        throw new Xunit.Sdk.XunitException($"no buffer at [{string.Join(", ", path)}] in {paths.ToJsonString()}");
    }
}
