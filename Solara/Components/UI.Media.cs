using Solara.Rendering;
using Solara.Widgets;

namespace Solara;

public static partial class UI
{
    /// <summary>An image from bytes (sent as a binary buffer, not base64).</summary>
    public static Element Image(byte[] data, string format = "png", string width = "", string height = "", string? key = null) =>
        WidgetElement.Of<Widgets.Image>(Props.Of(("value", data), ("format", format), ("width", width), ("height", height)), key: key);

    /// <summary>A progress bar; <paramref name="value"/> is 0..100.</summary>
    public static Element ProgressLinear(double value, string barStyle = "", string? key = null) =>
        WidgetElement.Of<FloatProgress>(Props.Of(("value", Math.Clamp(value, 0, 100)), ("min", 0.0), ("max", 100.0), ("bar_style", barStyle),
            ("layout", Props.Layout(("width", "100%")))), key: key);

    /// <summary>A link that downloads <paramref name="data"/> as <paramref name="filename"/> (kept in the page, so for modest sizes).</summary>
    public static Element FileDownload(byte[] data, string filename, string label = "Download", string mimeType = "application/octet-stream", string? key = null) =>
        Html($"<a class=\"solara-file-download\" download=\"{Escape(filename)}\" href=\"data:{Escape(mimeType)};base64,{Convert.ToBase64String(data)}\">{Escape(label)}</a>", key);
}
