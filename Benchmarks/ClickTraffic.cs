using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Benchmarks;

/// <summary>What the server sends for one counter click: message count, types and bytes on the wire.</summary>
public static class ClickTraffic
{
    public static async Task<string> MeasureAsync(string baseUrl)
    {
        await using BenchmarkKernelClient client = await BenchmarkKernelClient.ConnectAsync(baseUrl);
        string buttonId = await CounterSession.RunCounterAsync(client);
        string click = await client.SendAsync("comm_msg", CounterSession.Click(buttonId));
        int messages = 0, bytes = 0;
        var types = new List<string>();
        while (true)
        {
            JupyterMessage message = await client.ReceiveAsync();
            messages++;
            bytes += client.LastFrameBytes;
            types.Add(message.MsgType == "status" ? $"status:{message.Content["execution_state"]}" : message.MsgType == "comm_msg" ? $"comm_msg:{(message.Content["data"] as JsonObject)?["method"]}" : message.MsgType);
            if (message.MsgType == "status" && (string?)message.ParentHeader["msg_id"] == click && (string?)message.Content["execution_state"] == "idle")
                break;
        }
        return $"click-traffic messages={messages} bytes={bytes} sequence=[{string.Join(", ", types)}]";
    }
}
