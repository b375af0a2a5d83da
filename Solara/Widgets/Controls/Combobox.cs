using System.Text.Json.Nodes;

namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="Combobox"/>: the submit event (Enter pressed in the
/// box; the browser sends the custom message <c>{event: "submit"}</c>). ipywidgets deprecates
/// this in favour of <c>ContinuousUpdate = false</c> and observing <c>value</c>, but its views still send it.</summary>
public sealed partial class Combobox
{
    /// <summary>Raised when Enter is pressed in the box.</summary>
    public event Action? Submit;

    protected override bool HandleCustom(JsonObject content)
    {
        if ((string?)content["event"] != "submit")
            return false;
        Submit?.Invoke();
        return true;
    }
}
