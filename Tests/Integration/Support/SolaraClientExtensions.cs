using System.Text.Json.Nodes;

namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>The comm traffic a Solara page sends, spelled out once for the tests.</summary>
public static class SolaraClientExtensions
{
    /// <summary>Opens a comm from the client side; returns its id and the exchange.</summary>
    public static async Task<(string CommId, Exchange Exchange)> OpenCommAsync(this RawKernelClient client, string targetName, JsonObject? data = null)
    {
        string commId = Guid.NewGuid().ToString("N");
        Exchange exchange = await client.RequestAsync("comm_open", new JsonObject
        {
            ["comm_id"] = commId,
            ["target_name"] = targetName,
            ["data"] = data ?? new JsonObject(),
        });
        return (commId, exchange);
    }

    public static Task<Exchange> CommMsgAsync(this RawKernelClient client, string commId, JsonObject data, IReadOnlyList<byte[]>? buffers = null) =>
        client.RequestAsync("comm_msg", new JsonObject { ["comm_id"] = commId, ["data"] = data }, buffers: buffers);

    /// <summary>Opens <c>solara.control</c> and runs the app, as the page does on first mount.</summary>
    public static async Task<AppRun> RunAppAsync(this RawKernelClient client, string appName)
    {
        (string control, _) = await client.OpenCommAsync("solara.control");
        return await client.RunAppAsync(control, appName);
    }

    public static async Task<AppRun> RunAppAsync(this RawKernelClient client, string controlCommId, string appName)
    {
        Exchange exchange = await client.CommMsgAsync(controlCommId, new JsonObject
        {
            ["method"] = "run",
            ["args"] = new JsonObject { ["path"] = $"/{appName}", ["appName"] = appName },
        });
        return new AppRun(controlCommId, exchange);
    }

    /// <summary>Asks <c>app-status</c> on a control comm; returns the reply's data.</summary>
    public static async Task<JsonObject> AppStatusAsync(this RawKernelClient client, string controlCommId)
    {
        Exchange exchange = await client.CommMsgAsync(controlCommId, new JsonObject { ["method"] = "app-status" });
        ReceivedMessage reply = exchange.CommMessages(controlCommId).SingleOrDefault(m => m.Method == "app-status")
            ?? throw new Xunit.Sdk.XunitException($"no app-status reply; got {exchange.Describe()}");
        return reply.Data;
    }

    /// <summary>Opens a fresh <c>solara.control</c> comm and asks <c>app-status</c>.</summary>
    public static async Task<JsonObject> AppStatusAsync(this RawKernelClient client)
    {
        (string control, _) = await client.OpenCommAsync("solara.control");
        return await client.AppStatusAsync(control);
    }

    /// <summary>A button click: <c>{method: "custom", content: {event: "click"}}</c>.</summary>
    public static Task<Exchange> ClickAsync(this RawKernelClient client, string buttonId) =>
        client.CommMsgAsync(buttonId, new JsonObject { ["method"] = "custom", ["content"] = new JsonObject { ["event"] = "click" } });

    /// <summary>The value of <c>description</c> in the exchange's updates of that widget (the last one wins).</summary>
    public static string? UpdatedDescription(this Exchange exchange, string widgetId) =>
        exchange.CommMessages(widgetId).Where(m => m.Method == "update").Select(m => (string?)AppRun.State(m)["description"]).LastOrDefault(d => d is not null);

    public static async Task<Exchange> KernelInfoAsync(this RawKernelClient client) =>
        await client.RequestAsync("kernel_info_request");
}
