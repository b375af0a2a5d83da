using System.Text.Json.Nodes;

namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="Button"/>: a label constructor and the click event
/// (the browser sends the custom message <c>{event: "click"}</c>).</summary>
public sealed partial class Button
{
    public Button(string description)
        : this() => Description = description;

    /// <summary>Raised when the button is clicked in the page.</summary>
    public event Action? Click;

    /// <summary>Adds a click handler; returns the button, so a handler can be attached where the button is built.</summary>
    public Button OnClick(Action handler)
    {
        Click += handler;
        return this;
    }

    protected override bool HandleCustom(JsonObject content)
    {
        if ((string?)content["event"] != "click")
            return false;
        Click?.Invoke();
        return true;
    }
}
