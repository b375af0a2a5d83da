using System.Net;
using System.Text;

namespace Solara.Orleans.Gateway.Pages;

/// <summary>The frame every page shares: document head, theme, and the title bar.</summary>
internal static class PageLayout
{
    /// <param name="title">Plain text; encoded here.</param>
    /// <param name="head">Extra markup for <c>&lt;head&gt;</c>, already safe.</param>
    /// <param name="body">The page content, already safe.</param>
    /// <param name="showGalleryLink">Show a link back to the gallery (<c>/</c>) in the title bar.</param>
    public static string Render(string title, string head, string body, bool showGalleryLink)
    {
        string encodedTitle = Encode(title);
        var html = new StringBuilder(4096);
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <link rel="icon" href="data:,">
            """).Append('\n');
        html.Append("<title>").Append(encodedTitle).Append("</title>\n");
        html.Append(head);
        html.Append("<style>\n").Append(JupyterTheme.Css).Append("\n</style>\n");
        html.Append("</head>\n<body>\n");
        html.Append("<header class=\"solara-bar\">\n");
        if (showGalleryLink)
            html.Append("<a class=\"solara-bar-back\" href=\"/\">&larr; All apps</a>\n");
        html.Append("<h1 class=\"solara-bar-title\">").Append(encodedTitle).Append("</h1>\n");
        html.Append("</header>\n");
        html.Append(body);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>HTML-encodes text for element content and quoted attribute values.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The site-relative URL of an app (<c>/{name}</c>), escaped for a path segment.</summary>
    public static string AppUrl(string appName) => "/" + Uri.EscapeDataString(appName);
}
