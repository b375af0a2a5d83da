using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Benchmarks;

/// <summary>The requests a page makes to mount the counter sample, and a click.</summary>
public static class CounterSession
{
    /// <summary>Opens solara.control, runs the counter and returns the button's comm id.</summary>
    public static async Task<string> RunCounterAsync(BenchmarkKernelClient client, CancellationToken cancellation = default)
    {
        string controlId = Guid.NewGuid().ToString("N");
        await client.UntilIdleAsync(await client.SendAsync("comm_open", new JsonObject { ["comm_id"] = controlId, ["target_name"] = "solara.control", ["data"] = new JsonObject() }), cancellation);
        string run = await client.SendAsync("comm_msg", new JsonObject
        {
            ["comm_id"] = controlId,
            ["data"] = new JsonObject { ["method"] = "run", ["args"] = new JsonObject { ["path"] = "/counter", ["appName"] = "counter" } },
        });
        List<JupyterMessage> opened = await client.UntilIdleAsync(run, cancellation);
        return opened
            .Where(m => m.MsgType == "comm_open")
            .Select(m => m.Content)
            .First(c => (string?)c["data"]!["state"]!["_model_name"] == "ButtonModel")["comm_id"]!.GetValue<string>();
    }

    public static JsonObject Click(string buttonId) => new()
    {
        ["comm_id"] = buttonId,
        ["data"] = new JsonObject { ["method"] = "custom", ["content"] = new JsonObject { ["event"] = "click" } },
    };
}
