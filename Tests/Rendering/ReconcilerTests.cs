using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;
using Solara.Samples;

namespace Solara.Orleans.Tests.Rendering;

/// <summary>What the reconciler sends over the wire: only changed traits, stable widgets for keyed
/// rows, closed comms for removed subtrees, error boxes for failing renders.</summary>
public sealed class ReconcilerTests
{
    private static Task<TestServer> StartAsync(IDictionary<string, string>? settings = null) =>
        TestServer.StartAsync(settings, [.. SampleApps.All, .. TestApps.All, .. RenderTestApps.All]);

    private static IEnumerable<ReceivedMessage> Updates(Exchange exchange) =>
        exchange.OfType("comm_msg").Where(m => m.Method == "update");

    [Fact]
    public async Task Changing_one_prop_sends_exactly_one_update_holding_one_trait()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("rerender");

        Exchange click = await client.ClickAsync(run.ButtonId);

        ReceivedMessage update = Assert.Single(Updates(click));
        Assert.Equal(run.ButtonId, update.CommId);
        JsonObject state = AppRun.State(update);
        Assert.Equal(["description"], state.Select(p => p.Key));
        Assert.Equal("Count: 1", (string?)state["description"]);
        Assert.Empty(click.CommOpens);
        Assert.Empty(click.OfType("comm_close"));
    }

    [Fact]
    public async Task Reactive_values_are_isolated_between_kernels()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun a = await first.RunAppAsync("rerender");
        AppRun b = await second.RunAppAsync("rerender");

        await first.ClickAsync(a.ButtonId);
        await first.ClickAsync(a.ButtonId);
        Exchange secondClick = await second.ClickAsync(b.ButtonId);

        Assert.Equal("Count: 1", secondClick.UpdatedDescription(b.ButtonId));
        Assert.Equal("Count: 0", (string?)AppRun.State(b.Widget("ButtonModel"))["description"]);
    }

    [Fact]
    public async Task Reordering_keyed_rows_keeps_their_widgets_and_state()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("keyed");
        Dictionary<string, string> rowIds = RowButtons(run);
        await client.ClickAsync(rowIds["a: 0"]);

        Exchange reverse = await client.ClickAsync(ButtonId(run, "Reverse"));

        Assert.Empty(reverse.CommOpens);
        Assert.Empty(reverse.OfType("comm_close"));
        ReceivedMessage reorder = Assert.Single(Updates(reverse));
        Assert.Equal(["children"], AppRun.State(reorder).Select(p => p.Key));
        Assert.Equal(new[] { rowIds["c: 0"], rowIds["b: 0"], rowIds["a: 0"] }.Select(id => "IPY_MODEL_" + id),
            AppRun.State(reorder)["children"]!.AsArray().Select(n => (string)n!));
        Exchange clickA = await client.ClickAsync(rowIds["a: 0"]);
        Assert.Equal("a: 2", clickA.UpdatedDescription(rowIds["a: 0"]));
    }

    [Fact]
    public async Task Removing_a_row_closes_its_widget_and_the_widgets_it_owns()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("keyed");
        Dictionary<string, string> rowIds = RowButtons(run);
        JsonObject rowA = AppRun.State(run.WidgetOpens.Single(m => m.CommId == rowIds["a: 0"]));
        string[] owned = [((string)rowA["layout"]!)["IPY_MODEL_".Length..], ((string)rowA["style"]!)["IPY_MODEL_".Length..]];

        Exchange remove = await client.ClickAsync(ButtonId(run, "Remove first"));

        Assert.Equal(owned.Append(rowIds["a: 0"]).Order(), remove.OfType("comm_close").Select(m => m.CommId!).Order());
        int lastUpdate = remove.IndexOf(Updates(remove).Single());
        Assert.All(remove.OfType("comm_close"), close => Assert.True(remove.IndexOf(close) > lastUpdate, "comm_close is sent after the update that drops the row"));
        Exchange info = await client.RequestAsync("comm_info_request", new JsonObject { ["target_name"] = "jupyter.widget" });
        Assert.DoesNotContain(rowIds["a: 0"], ((JsonObject)info.Reply.Content["comms"]!).Select(c => c.Key));
    }

    [Fact]
    public async Task A_hook_called_conditionally_shows_an_error_naming_the_component_and_the_kernel_keeps_working()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("hookmisuse");
        string toggle = ButtonId(run, "Toggle");

        Exchange broken = await client.ClickAsync(toggle);
        string shown = string.Join("\n", broken.OfType("comm_open").Concat(Updates(broken)).Select(m => (string?)AppRun.State(m)["value"]).OfType<string>());

        Assert.Contains("HookMisuseApp.Conditional", shown);
        Assert.Contains("hooks must not be called conditionally", shown);
        Assert.Equal("ok", (string?)(await client.KernelInfoAsync()).Reply.Content["status"]);
    }

    [Fact]
    public async Task An_app_that_throws_while_rendering_shows_an_error_box_and_no_stack_trace_in_production()
    {
        await using TestServer server = await StartAsync(new Dictionary<string, string> { ["SOLARA_MODE"] = "production" });
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        AppRun run = await client.RunAppAsync("failing");

        string html = (string)AppRun.State(run.Widget("HTMLModel"))["value"]!;
        Assert.Contains("render exploded on purpose", html);
        Assert.DoesNotContain(" at ", html);
        Assert.Equal("ok", (string?)(await client.KernelInfoAsync()).Reply.Content["status"]);
    }

    [Fact]
    public async Task Effects_run_after_mount_rerun_on_dependency_change_only_and_clean_up_on_unmount()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("effects");

        await client.ClickAsync(ButtonId(run, "Unrelated"));
        await client.ClickAsync(ButtonId(run, "Dependency"));
        Exchange hide = await client.ClickAsync(ButtonId(run, "Hide"));

        string log = Updates(hide).Select(m => (string?)AppRun.State(m)["value"]).Last(v => v?.StartsWith("log:", StringComparison.Ordinal) == true)!;
        Assert.Equal("log: run0 cleanup0 run1 cleanup1", log);
    }

    [Fact]
    public async Task A_task_reports_progress_and_its_result_and_can_be_cancelled()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("task");
        string status = run.WidgetOpens.Single(m => ((string?)AppRun.State(m)["value"])?.StartsWith("status=", StringComparison.Ordinal) == true).CommId!;

        await client.WaitForAsync(m => m.CommId == status && m.Method == "update" && (string?)AppRun.State(m)["value"] == "status=Finished result=0", "first run finished");
        await client.ClickAsync(ButtonId(run, "Restart"));
        await client.WaitForAsync(m => m.CommId == status && m.Method == "update" && (string?)AppRun.State(m)["value"] == "status=Finished result=10", "second run finished");
        await client.ClickAsync(ButtonId(run, "Restart"));
        await client.WaitForAsync(m => m.CommId == status && m.Method == "update" && (string?)AppRun.State(m)["value"] == "status=Running result=", "third run running");
        Exchange cancel = await client.ClickAsync(ButtonId(run, "Cancel"));

        await client.WaitForAsync(m => m.CommId == status && m.Method == "update" && (string?)AppRun.State(m)["value"] == "status=Cancelled result=", "third run cancelled");
        Assert.Empty(cancel.Errors);
    }

    private static string ButtonId(AppRun run, string description) =>
        run.WidgetOpens.Single(m => (string?)AppRun.State(m)["_model_name"] == "ButtonModel" && (string?)AppRun.State(m)["description"] == description).CommId!;

    private static Dictionary<string, string> RowButtons(AppRun run) =>
        run.WidgetOpens.Where(m => (string?)AppRun.State(m)["_model_name"] == "ButtonModel" && ((string?)AppRun.State(m)["description"])!.Contains(": "))
            .ToDictionary(m => (string)AppRun.State(m)["description"]!, m => m.CommId!);
}
