using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Rendering;

/// <summary>The component library's two-way bindings on the wire: a browser update reaches the bound
/// reactive value (after the widget validated it), and a server-side change reaches the widget.</summary>
public sealed class ComponentLibraryTests
{
    private static Task<TestServer> StartAsync() => TestServer.StartAsync(apps: LibraryTestApps.All);

    [Fact]
    public async Task Select_maps_a_browser_index_to_its_option_and_an_option_to_its_index()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        Bindings app = await Bindings.RunAsync(client);
        Assert.Equal(0, (int?)AppRun.State(app.Run.Widget("DropdownModel"))["index"]);
        Assert.Equal(BindingsApp.Fruits, AppRun.State(app.Run.Widget("DropdownModel"))["_options_labels"]!.AsArray().Select(n => (string)n!));

        Exchange picked = await app.BrowserSetsAsync("DropdownModel", "index", 1);
        Exchange fromServer = await app.ClickAsync("Set from server");
        Exchange none = await app.ClickAsync("No fruit");

        Assert.Equal("fruit:banana", app.Echo(picked, "fruit"));
        Assert.Equal(2, (int?)app.Updated(fromServer, "DropdownModel", "index"));
        Assert.Equal("fruit:cherry", app.Echo(fromServer, "fruit"));
        Assert.True(app.UpdatedTraits(none, "DropdownModel").ContainsKey("index"), "clearing the value sends index");
        Assert.Null(app.Updated(none, "DropdownModel", "index"));
        Assert.Equal("fruit:(none)", app.Echo(none, "fruit"));
    }

    [Fact]
    public async Task Select_refuses_an_index_outside_its_options_and_keeps_the_value()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        Bindings app = await Bindings.RunAsync(client);

        Exchange refused = await app.BrowserSetsAsync("DropdownModel", "index", 3);
        Exchange cleared = await app.BrowserSetsAsync("DropdownModel", "index", null);

        Assert.NotEmpty(refused.Errors);
        Assert.Null(app.Echo(refused, "fruit"));
        Assert.Equal("fruit:(none)", app.Echo(cleared, "fruit"));
    }

    [Fact]
    public async Task SliderInt_value_from_the_browser_is_clamped_by_the_widget_before_it_reaches_the_reactive()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        Bindings app = await Bindings.RunAsync(client);

        Exchange tooHigh = await app.BrowserSetsAsync("IntSliderModel", "value", 150);
        Exchange tooLow = await app.BrowserSetsAsync("IntSliderModel", "value", -4);
        Exchange inRange = await app.BrowserSetsAsync("IntSliderModel", "value", 3);
        Exchange fromServer = await app.ClickAsync("Set from server");

        Assert.Equal(10, (int?)app.Echoed(tooHigh, "IntSliderModel", "value"));
        Assert.Equal("level:10", app.Echo(tooHigh, "level"));
        Assert.Equal(0, (int?)app.Echoed(tooLow, "IntSliderModel", "value"));
        Assert.Equal("level:0", app.Echo(tooLow, "level"));
        Assert.Equal("level:3", app.Echo(inRange, "level"));
        Assert.Equal(7, (int?)app.Updated(fromServer, "IntSliderModel", "value"));
    }

    [Fact]
    public async Task InputText_value_flows_both_ways()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        Bindings app = await Bindings.RunAsync(client);
        Assert.False((bool?)AppRun.State(app.Run.Widget("TextModel"))["continuous_update"]);

        Exchange typed = await app.BrowserSetsAsync("TextModel", "value", "Ada <b>");
        Exchange fromServer = await app.ClickAsync("Set from server");

        Assert.Equal("name:Ada <b>", app.Echo(typed, "name"));
        Assert.Empty(typed.Errors);
        Assert.Equal("Grace", (string?)app.Updated(fromServer, "TextModel", "value"));
        Assert.Equal("name:Grace", app.Echo(fromServer, "name"));
    }

    [Fact]
    public async Task Checkbox_value_flows_both_ways()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        Bindings app = await Bindings.RunAsync(client);

        Exchange ticked = await app.BrowserSetsAsync("CheckboxModel", "value", true);
        Exchange unticked = await app.BrowserSetsAsync("CheckboxModel", "value", false);
        Exchange fromServer = await app.ClickAsync("Set from server");

        Assert.Equal("agree:True", app.Echo(ticked, "agree"));
        Assert.Equal("agree:False", app.Echo(unticked, "agree"));
        Assert.True((bool?)app.Updated(fromServer, "CheckboxModel", "value"));
    }

    [Fact]
    public async Task SelectMultiple_maps_browser_indices_to_options_and_options_to_indices()
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        Bindings app = await Bindings.RunAsync(client);
        Assert.Equal([1], AppRun.State(app.Run.Widget("SelectMultipleModel"))["index"]!.AsArray().Select(n => (int)n!));

        Exchange picked = await app.BrowserSetsAsync("SelectMultipleModel", "index", new JsonArray(2, 0));
        Exchange refused = await app.BrowserSetsAsync("SelectMultipleModel", "index", new JsonArray(0, 7));
        Exchange fromServer = await app.ClickAsync("Set from server");

        Assert.Equal("colors:blue,red", app.Echo(picked, "colors"));
        Assert.NotEmpty(refused.Errors);
        Assert.Null(app.Echo(refused, "colors"));
        Assert.Equal([0, 2], app.Updated(fromServer, "SelectMultipleModel", "index")!.AsArray().Select(n => (int)n!));
        Assert.Equal("colors:red,blue", app.Echo(fromServer, "colors"));
    }

    [Theory]
    [InlineData("TabModel")]
    [InlineData("AccordionModel")]
    public async Task A_container_without_selected_keeps_what_the_user_opened_when_the_page_re_renders(string modelName)
    {
        await using TestServer server = await StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("containers");
        string container = run.Widget(modelName).CommId!;
        string button = run.WidgetOpens.Single(m => (string?)AppRun.State(m)["_model_name"] == "ButtonModel").CommId!;

        Exchange opened = await client.CommMsgAsync(container, new JsonObject
        {
            ["method"] = "update",
            ["state"] = new JsonObject { ["selected_index"] = 1 },
            ["buffer_paths"] = new JsonArray(),
        });
        Exchange rerender = await client.ClickAsync(button);

        Assert.Empty(opened.Errors);
        Assert.Equal("Re-render 1", rerender.UpdatedDescription(button));
        Assert.DoesNotContain(rerender.CommMessages(container), m => m.Method == "update" && AppRun.State(m).ContainsKey("selected_index"));
    }

    /// <summary>The bindings app as seen by a raw client: its widgets by model name, its echoes by name.</summary>
    private sealed record Bindings(RawKernelClient Client, AppRun Run)
    {
        public static async Task<Bindings> RunAsync(RawKernelClient client) => new(client, await client.RunAppAsync("bindings"));

        private string Id(string modelName) => Run.Widget(modelName).CommId!;

        /// <summary>What the browser sends when the user changes one trait of a widget.</summary>
        public Task<Exchange> BrowserSetsAsync(string modelName, string trait, JsonNode? value) =>
            Client.CommMsgAsync(Id(modelName), new JsonObject
            {
                ["method"] = "update",
                ["state"] = new JsonObject { [trait] = value },
                ["buffer_paths"] = new JsonArray(),
            });

        public Task<Exchange> ClickAsync(string description) =>
            Client.ClickAsync(Run.WidgetOpens.Single(m => (string?)AppRun.State(m)["description"] == description && (string?)AppRun.State(m)["_model_name"] == "ButtonModel").CommId!);

        /// <summary>The traits the server sent to a widget in <c>update</c> messages of the exchange (the last value of each wins).</summary>
        public JsonObject UpdatedTraits(Exchange exchange, string modelName) => Merged(exchange, modelName, "update");

        public JsonNode? Updated(Exchange exchange, string modelName, string trait) =>
            UpdatedTraits(exchange, modelName).TryGetPropertyValue(trait, out JsonNode? value)
                ? value
                : throw new Xunit.Sdk.XunitException($"no update of {modelName}.{trait}; got {exchange.Describe()}");

        /// <summary>The value the server echoed back for a browser change (<c>echo_update</c>).</summary>
        public JsonNode? Echoed(Exchange exchange, string modelName, string trait) =>
            Merged(exchange, modelName, "echo_update").TryGetPropertyValue(trait, out JsonNode? value)
                ? value
                : throw new Xunit.Sdk.XunitException($"no echo_update of {modelName}.{trait}; got {exchange.Describe()}");

        /// <summary>The new text of the echo widget <c>name:...</c> in this exchange, or null if it did not change.</summary>
        public string? Echo(Exchange exchange, string name)
        {
            string id = Run.WidgetOpens.Single(m => (string?)AppRun.State(m)["_model_name"] == "HTMLModel"
                && ((string?)AppRun.State(m)["value"])?.StartsWith(name + ":", StringComparison.Ordinal) == true).CommId!;
            return exchange.CommMessages(id).Where(m => m.Method == "update").Select(m => (string?)AppRun.State(m)["value"]).LastOrDefault(v => v is not null);
        }

        private JsonObject Merged(Exchange exchange, string modelName, string method)
        {
            var merged = new JsonObject();
            foreach (ReceivedMessage message in exchange.CommMessages(Id(modelName)).Where(m => m.Method == method))
                foreach ((string trait, JsonNode? value) in AppRun.State(message))
                    merged[trait] = value?.DeepClone();
            return merged;
        }
    }
}
