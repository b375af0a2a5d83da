using System.Text.Json.Nodes;

namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="ToggleButtons"/>. Its view sends <c>{event: "click"}</c>
/// on every click, even when the selection does not change (the new <c>index</c> arrives as an update).</summary>
public sealed partial class ToggleButtons
{
    /// <summary>Raised when one of the buttons is clicked in the page.</summary>
    public event Action? Click;

    protected override bool HandleCustom(JsonObject content)
    {
        if ((string?)content["event"] != "click")
            return false;
        Click?.Invoke();
        return true;
    }
}
