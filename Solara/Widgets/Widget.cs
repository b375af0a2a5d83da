using System.Collections;
using System.Text.Json.Nodes;

namespace Solara.Widgets;

/// <summary>An ipywidgets model whose state lives in the kernel. Traits are set from app code
/// (sent to the browser at the end of the turn) or from the browser (validated, then echoed).</summary>
public abstract class Widget
{
    private readonly TraitValues _traits;

    protected Widget(string modelName, string modelModule, string modelModuleVersion, string? viewName, string viewModule, string viewModuleVersion)
    {
        _traits = new TraitValues(TraitShape.Of(GetType()));
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
    public string? ViewName => (string?)_traits["_view_name"];
    public string ViewModule => (string)_traits["_view_module"]!;
    public string ViewModuleVersion => (string)_traits["_view_module_version"]!;

    /// <summary>The kernel this widget is open in; null until it is first sent to the browser.</summary>
    public IWidgetHost? Host { get; set; }

    public IEnumerable<string> TraitNames => _traits.Names;

    protected T Get<T>(string trait) => (T)_traits[trait]!;

    protected void Set(string trait, object? value)
    {
        if (_traits.TryGet(trait, out object? old) && Solara.Reactive.ValueEquality.AreEqual(old, value))
            return;
        _traits[trait] = value;
        Host?.TraitChanged(this, trait);
    }

    public object? GetTrait(string trait) => _traits.TryGet(trait, out object? value) ? value : null;

    public JsonObject StateOf(IEnumerable<string> traits)
    {
        var state = new JsonObject();
        foreach (string trait in traits)
            state[trait] = TraitJson.ToJson(GetTrait(trait));
        return state;
    }

    public JsonObject FullState()
    {
        var state = new JsonObject();
        for (int slot = 0; slot < _traits.Length; slot++)
            if (_traits.TryGetAt(slot, out object? value))
                state[_traits.NameAt(slot)] = TraitJson.ToJson(value);
        return state;
    }

    /// <summary>Every widget this one refers to through its traits, directly or inside lists. One
    /// iterator per call (it runs on every flush): arrays of references are indexed, not enumerated.</summary>
    public IEnumerable<Widget> References()
    {
        for (int slot = 0; slot < _traits.Length; slot++)
        {
            if (!_traits.TryGetAt(slot, out object? value))
                continue;
            switch (value)
            {
                case Widget widget:
                    yield return widget;
                    break;
                case string:
                    break;
                case object?[] array:
                    for (int i = 0; i < array.Length; i++)
                        if (array[i] is Widget item)
                            yield return item;
                    break;
                case IEnumerable list:
                    foreach (object? item in list)
                        if (item is Widget w)
                            yield return w;
                    break;
            }
        }
    }

    /// <summary>Applies one trait sent by the browser. Returns false (and changes nothing) when
    /// this widget does not accept that trait from the browser.</summary>
    public virtual bool ApplyFromBrowser(string trait, JsonNode? value) => false;

    /// <summary>Raised after the browser changed a trait (already validated and stored), with the trait name.</summary>
    public event Action<Widget, string>? ChangedByBrowser;

    /// <summary>Sees every <c>custom</c> message from the browser (e.g. <c>{event: "click"}</c>) and
    /// returns whether it handled it; the reconciler uses this to reach an element's handlers.</summary>
    public Func<Widget, JsonObject, bool>? CustomListener { get; set; }

    /// <summary>Stores a browser-accepted value without sending it back, then raises <see cref="ChangedByBrowser"/>.</summary>
    protected void SetFromBrowser(string trait, object? value)
    {
        _traits[trait] = value;
        ChangedByBrowser?.Invoke(this, trait);
    }

    /// <summary>A <c>custom</c> message from the browser. Returns false when neither this widget
    /// nor its <see cref="CustomListener"/> understands it.</summary>
    public bool ReceiveCustom(JsonObject content)
    {
        bool listened = CustomListener?.Invoke(this, content) ?? false;
        return HandleCustom(content) | listened;
    }

    /// <summary>Widget-specific handling of a <c>custom</c> message (e.g. a button's click).</summary>
    protected virtual bool HandleCustom(JsonObject content) => false;

    /// <summary>Removes the widget from the page: its comm closes at the end of the turn.</summary>
    public void Close() => Host?.Close(this);

    /// <summary>Sets a trait by name (the reconciler's way in); equal values are a no-op.</summary>
    public void SetTrait(string trait, object? value) => Set(trait, value);
}
