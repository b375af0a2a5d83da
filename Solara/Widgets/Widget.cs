using System.Text.Json.Nodes;

namespace Solara.Widgets;

/// <summary>An ipywidgets model whose state lives in the kernel. Traits are set from app code
/// (sent to the browser at the end of the turn) or from the browser (validated, then echoed).</summary>
public abstract class Widget
{
    private readonly Dictionary<string, object?> _traits = new(StringComparer.Ordinal);

    protected Widget(string modelName, string modelModule, string modelModuleVersion, string? viewName, string viewModule, string viewModuleVersion)
    {
        _traits["_model_name"] = modelName;
        _traits["_model_module"] = modelModule;
        _traits["_model_module_version"] = modelModuleVersion;
        _traits["_view_name"] = viewName;
        _traits["_view_module"] = viewModule;
        _traits["_view_module_version"] = viewModuleVersion;
        _traits["_view_count"] = null;
    }

    public string ModelId { get; } = Guid.NewGuid().ToString("N");

    public string ModelName => (string)_traits["_model_name"]!;
    public string ModelModule => (string)_traits["_model_module"]!;
    public string ModelModuleVersion => (string)_traits["_model_module_version"]!;

    /// <summary>The kernel this widget is open in; null until it is first sent to the browser.</summary>
    public IWidgetHost? Host { get; set; }

    public IEnumerable<string> TraitNames => _traits.Keys;

    protected T Get<T>(string trait) => (T)_traits[trait]!;

    protected void Set(string trait, object? value)
    {
        if (_traits.TryGetValue(trait, out object? old) && Equals(old, value))
            return;
        _traits[trait] = value;
        Host?.TraitChanged(this, trait);
    }

    public object? GetTrait(string trait) => _traits.GetValueOrDefault(trait);

    public JsonObject StateOf(IEnumerable<string> traits)
    {
        var state = new JsonObject();
        foreach (string trait in traits)
            state[trait] = TraitJson.ToJson(_traits.GetValueOrDefault(trait));
        return state;
    }

    public JsonObject FullState() => StateOf(_traits.Keys);

    /// <summary>Every widget this one refers to through its traits.</summary>
    public IEnumerable<Widget> References() => _traits.Values.SelectMany(TraitJson.References);

    /// <summary>Applies one trait sent by the browser. Returns false (and changes nothing) when
    /// this widget does not accept that trait from the browser.</summary>
    public virtual bool ApplyFromBrowser(string trait, JsonNode? value) => false;

    /// <summary>Stores a browser-accepted value without sending it back.</summary>
    protected void SetFromBrowser(string trait, object? value) => _traits[trait] = value;

    /// <summary>A <c>custom</c> message from the browser, e.g. <c>{event: "click"}</c>. Returns false when not understood.</summary>
    public virtual bool HandleCustom(JsonObject content) => false;
}
