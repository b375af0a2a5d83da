using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Grains.Comms;

/// <summary>The <c>jupyter.widget.control</c> comm: <c>request_states</c> resynchronises every widget.</summary>
public sealed class WidgetControlComm(string commId, WidgetComms widgets) : ICommTarget
{
    public const string Target = "jupyter.widget.control";

    public string CommId => commId;
    public string TargetName => Target;

    public void OnMessage(JsonObject data, JupyterMessage request)
    {
        if ((string?)data["method"] != "request_states")
        {
            widgets.Messenger.Error("UnknownCommMethod", $"jupyter.widget.control has no method '{data["method"]}' (expected request_states)", request.Header);
            return;
        }
        (JsonObject reply, List<ReadOnlyMemory<byte>> buffers) = widgets.AllStates();
        widgets.Messenger.CommMessage(commId, reply, request.Header, buffers);
    }

    public void OnClose(JupyterMessage request)
    {
    }
}
