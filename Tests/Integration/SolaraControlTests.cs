using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>The <c>solara.control</c> comm: run, app-status, and what it says about bad requests.</summary>
public sealed class SolaraControlTests
{
    [Fact]
    public async Task Run_opens_every_widget_children_first_then_sends_finished_all_between_busy_and_idle()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        AppRun run = await client.RunAppAsync("counter");

        run.Exchange.AssertBracketedByBusyAndIdle();
        Assert.NotEmpty(run.WidgetOpens);
        var opened = new HashSet<string>();
        foreach (ReceivedMessage open in run.WidgetOpens)
        {
            Assert.Equal("iopub", open.Channel);
            Assert.Equal("jupyter.widget", (string?)open.Content["target_name"]);
            Assert.Equal("2.1.0", (string?)open.Metadata["version"]);
            Assert.IsType<JsonArray>(open.Data["buffer_paths"]);
            JsonObject state = AppRun.State(open);
            Assert.False(string.IsNullOrEmpty((string?)state["_model_name"]));
            Assert.False(string.IsNullOrEmpty((string?)state["_model_module"]));
            foreach (string reference in ModelReferences(state))
                Assert.True(opened.Contains(reference), $"{state["_model_name"]} {open.CommId} refers to {reference} before it was opened");
            Assert.True(opened.Add(open.CommId!), $"widget {open.CommId} opened twice");
        }

        ReceivedMessage finished = run.Finished;
        Assert.Equal("iopub", finished.Channel);
        Assert.Contains(run.ContainerId, opened);
        Assert.True(run.WidgetOpens.All(o => run.Exchange.IndexOf(o) < run.Exchange.IndexOf(finished)), "every comm_open must precede 'finished'");
        Assert.Equal("Clicked: 0", (string?)AppRun.State(run.Widget("ButtonModel"))["description"]);
        Assert.Contains(run.ButtonId, Descendants(run, run.ContainerId));
    }

    [Fact]
    public async Task App_status_of_a_fresh_kernel_says_not_started_and_cannot_recover()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        JsonObject status = await client.AppStatusAsync();

        Assert.Equal("app-status", (string?)status["method"]);
        Assert.False((bool)status["started"]!);
        Assert.Null(status["containerId"]);
        Assert.False((bool)status["canRecover"]!);
        Assert.True(status.ContainsKey("clientVersion"));
        JsonObject lastRestore = Assert.IsType<JsonObject>(status["lastRestore"]);
        foreach (string field in new[] { "status", "failedKey", "cause", "nFields" })
            Assert.True(lastRestore.ContainsKey(field), $"lastRestore lacks {field}");
    }

    [Fact]
    public async Task App_status_after_run_reports_started_with_the_container_id()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");

        JsonObject status = await client.AppStatusAsync(run.ControlCommId);

        Assert.True((bool)status["started"]!);
        Assert.Equal(run.ContainerId, (string?)status["containerId"]);
        Assert.False((bool)status["canRecover"]!);
    }

    [Fact]
    public async Task Unknown_control_method_is_answered_with_an_error_and_the_kernel_lives_on()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        (string control, _) = await client.OpenCommAsync("solara.control");

        Exchange exchange = await client.CommMsgAsync(control, new JsonObject { ["method"] = "teleport" });

        exchange.AssertBracketedByBusyAndIdle();
        ReceivedMessage error = Assert.Single(exchange.Errors);
        Assert.Equal("UnknownCommMethod", (string?)error.Content["ename"]);
        Assert.Contains("teleport", (string?)error.Content["evalue"]);
        ReceivedMessage reply = Assert.Single(exchange.CommMessages(control));
        Assert.Equal("error", reply.Method);
        AppRun run = await client.RunAppAsync(control, "counter");
        Assert.Equal("finished", run.Finished.Method);
    }

    [Fact]
    public async Task Run_of_an_unknown_app_replies_with_an_error_naming_it()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        AppRun run = await client.RunAppAsync("no-such-app");

        ReceivedMessage reply = Assert.Single(run.Exchange.CommMessages(run.ControlCommId));
        Assert.Equal("error", reply.Method);
        Assert.Contains("no-such-app", (string?)reply.Data["error"]);
        Assert.Empty(run.WidgetOpens);
        Assert.False((bool)(await client.AppStatusAsync(run.ControlCommId))["started"]!);
    }

    [Fact]
    public async Task An_app_whose_render_throws_shows_the_error_in_the_page_and_still_finishes()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        AppRun run = await client.RunAppAsync("failing");

        Assert.Equal(run.ContainerId, run.WidgetOpens[^1].CommId);
        string html = (string?)AppRun.State(run.Widget("HTMLModel"))["value"] ?? "";
        Assert.Contains("render exploded on purpose", html);
        Assert.Contains(server.Logs.Lines, l => l.Message.Contains("failing", StringComparison.Ordinal) && l.Level == Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task Running_again_closes_every_old_widget_and_renders_a_fresh_tree()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun first = await client.RunAppAsync("counter");
        await client.ClickAsync(first.ButtonId);

        AppRun second = await client.RunAppAsync(first.ControlCommId, "counter");

        second.Exchange.AssertBracketedByBusyAndIdle();
        Assert.Equal(first.WidgetOpens.Select(o => o.CommId!).Order(), second.Exchange.OfType("comm_close").Select(c => c.CommId!).Order());
        Assert.Empty(second.WidgetOpens.Select(o => o.CommId!).Intersect(first.WidgetOpens.Select(o => o.CommId!)));
        Assert.NotEqual(first.ContainerId, second.ContainerId);
        // The count is a reactive value of this kernel: a fresh tree shows it, it is not reset.
        Assert.Equal("Clicked: 1", (string?)AppRun.State(second.Widget("ButtonModel"))["description"]);
        Assert.Equal(second.ContainerId, (string?)(await client.AppStatusAsync(first.ControlCommId))["containerId"]);
        Exchange stale = await client.ClickAsync(first.ButtonId);
        Assert.Equal("UnknownComm", (string?)Assert.Single(stale.Errors).Content["ename"]);
    }

    private static IEnumerable<string> ModelReferences(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) && s.StartsWith("IPY_MODEL_", StringComparison.Ordinal) => [s["IPY_MODEL_".Length..]],
        JsonObject o => o.SelectMany(p => ModelReferences(p.Value)),
        JsonArray a => a.SelectMany(ModelReferences),
        _ => [],
    };

    private static IEnumerable<string> Descendants(AppRun run, string widgetId)
    {
        JsonObject state = AppRun.State(run.WidgetOpens.Single(o => o.CommId == widgetId));
        foreach (string child in ModelReferences(state["children"]))
        {
            yield return child;
            foreach (string grandChild in Descendants(run, child))
                yield return grandChild;
        }
    }
}
