using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Grains.Comms;

/// <summary>One open comm in a kernel: receives the browser's <c>comm_msg</c> and <c>comm_close</c>.</summary>
public interface ICommTarget
{
    string CommId { get; }
    string TargetName { get; }

    void OnMessage(JsonObject data, JupyterMessage request);

    void OnClose(JupyterMessage request);
}
