using Solara.Rendering;
using Solara.Widgets;

namespace Solara;

public static partial class UI
{
    /// <summary>Markdown rendered to HTML on the server; raw HTML in the source is escaped and
    /// script links are dropped, so user-provided text is safe to show.</summary>
    public static Element Markdown(string markdown, string? key = null) =>
        WidgetElement.Of<Widgets.Html>(Props.Of(("value", MarkdownRenderer.ToSafeHtml(markdown)), ("_dom_classes", Props.Classes("solara-markdown"))), key: key);

    /// <summary>HTML written by the app itself (not escaped: never pass user input here).</summary>
    public static Element Html(string html, string? key = null) =>
        WidgetElement.Of<Widgets.Html>(Props.Of(("value", html)), key: key);

    /// <summary>Plain text (escaped).</summary>
    public static Element Text(string text, string? key = null) =>
        WidgetElement.Of<Label>(Props.Of(("value", text)), key: key);

    public static Element Success(string message, string? key = null) => Alert("success", "#2e7d32", "#edf7ed", message, key);
    public static Element Info(string message, string? key = null) => Alert("info", "#0277bd", "#e5f6fd", message, key);
    public static Element Warning(string message, string? key = null) => Alert("warning", "#ed6c02", "#fff4e5", message, key);
    public static Element Error(string message, string? key = null) => Alert("error", "#d32f2f", "#fdeded", message, key);

    private static Element Alert(string kind, string accent, string background, string message, string? key) =>
        WidgetElement.Of<Widgets.Html>(Props.Of(
            ("value", $"<div class=\"solara-alert solara-alert-{kind}\" role=\"{(kind is "error" or "warning" ? "alert" : "status")}\" style=\"border-left:4px solid {accent};background:{background};padding:10px 14px;border-radius:4px\">{Escape(message)}</div>"),
            ("_dom_classes", Props.Classes($"solara-{kind}"))), key: key);
}
