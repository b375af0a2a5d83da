namespace Solara.Widgets;

public sealed class Html : DomWidget
{
    public Html(string value = "")
        : base("HTMLModel", "HTMLView")
    {
        Set("style", new HtmlStyle());
        Set("description", "");
        Set("placeholder", "\u200b");
        Value = value;
    }

    public string Value
    {
        get => Get<string>("value");
        set => Set("value", value);
    }
}
