using System.Text.Json.Nodes;

namespace Solara.Widgets;

public sealed class Button : DomWidget
{
    private readonly List<Action> _clickHandlers = [];

    public Button(string description = "")
        : base("ButtonModel", "ButtonView")
    {
        Set("style", new ButtonStyle());
        Description = description;
        Set("disabled", false);
        Set("icon", "");
        Set("button_style", "");
    }

    public string Description
    {
        get => Get<string>("description");
        set => Set("description", value);
    }

    public bool Disabled
    {
        get => Get<bool>("disabled");
        set => Set("disabled", value);
    }

    public Button OnClick(Action handler)
    {
        _clickHandlers.Add(handler);
        return this;
    }

    public override bool HandleCustom(JsonObject content)
    {
        if ((string?)content["event"] != "click")
            return false;
        foreach (Action handler in _clickHandlers)
            handler();
        return true;
    }
}
