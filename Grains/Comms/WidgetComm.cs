using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Widgets;

namespace Solara.Orleans.Grains.Comms;

/// <summary>The <c>jupyter.widget</c> comm of one widget: browser updates, state requests and custom events.</summary>
public sealed class WidgetComm(Widget widget, WidgetComms owner) : ICommTarget
{
    public const string Target = "jupyter.widget";

    public string CommId => widget.ModelId;
    public string TargetName => Target;
    public Widget Widget => widget;

    public void OnMessage(JsonObject data, JupyterMessage request)
    {
        switch ((string?)data["method"])
        {
            case "update":
                ApplyUpdate(data, request);
                break;
            case "request_state":
                owner.SendState(widget, widget.TraitNames, "update", request.Header);
                break;
            case "custom":
                if (data["content"] is not JsonObject content || !widget.ReceiveCustom(content))
                    owner.Messenger.Error("UnknownCustomEvent", $"widget {widget.ModelId} ({widget.ModelName}) does not handle custom message {data["content"]?.ToJsonString() ?? "null"}", request.Header);
                break;
            default:
                owner.Messenger.Error("UnknownCommMethod", $"jupyter.widget comm {CommId} has no method '{data["method"]}' (expected update, request_state or custom)", request.Header);
                break;
        }
    }

    private void ApplyUpdate(JsonObject data, JupyterMessage request)
    {
        if (data["state"] is not JsonObject state)
        {
            owner.Messenger.Error("InvalidUpdate", $"update for widget {CommId} has no 'state' object", request.Header);
            return;
        }
        BufferPaths.Inject(state, data["buffer_paths"], request.Buffers);
        var accepted = new List<string>();
        var refused = new List<string>();
        foreach ((string trait, JsonNode? value) in state)
            (widget.ApplyFromBrowser(trait, value) ? accepted : refused).Add(trait);
        if (accepted.Count > 0)
            owner.SendState(widget, accepted, "echo_update", request.Header);
        if (refused.Count > 0)
            owner.Messenger.Error("ReadOnlyTrait", $"widget {CommId} ({widget.ModelName}) does not accept {string.Join(", ", refused)} from the browser", request.Header);
    }

    public void OnClose(JupyterMessage request) => owner.Forget(widget);
}
