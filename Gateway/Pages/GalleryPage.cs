using System.Text;
using Solara.Orleans.Abstractions.Apps;

namespace Solara.Orleans.Gateway.Pages;

/// <summary>The page at <c>/</c>: every app as an ordinary link with its description.</summary>
public static class GalleryPage
{
    public const string Title = "Solara apps";

    private const string Style = """
        <style>
        .solara-gallery { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem;
          grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
        .solara-gallery-item { padding: 1rem 1.25rem; border: 1px solid var(--jp-border-color2);
          border-radius: 8px; background: var(--jp-layout-color0); }
        .solara-gallery-item a { font-size: 1.1rem; font-weight: 600; }
        .solara-gallery-item p { margin: 0.35rem 0 0; color: var(--jp-content-font-color2); }
        .solara-gallery-empty { color: var(--jp-content-font-color2); }
        </style>

        """;

    public static string Render(IReadOnlyList<AppDescriptor> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var body = new StringBuilder();
        body.Append("<main class=\"solara-page\">\n");
        if (apps.Count == 0)
        {
            body.Append("<p class=\"solara-gallery-empty\">No apps are registered on this server.</p>\n");
        }
        else
        {
            body.Append("<ul class=\"solara-gallery\">\n");
            foreach (AppDescriptor app in apps)
            {
                body.Append("<li class=\"solara-gallery-item\">")
                    .Append("<a href=\"").Append(PageLayout.Encode(PageLayout.AppUrl(app.Name))).Append("\">")
                    .Append(PageLayout.Encode(app.Title)).Append("</a>");
                if (!string.IsNullOrWhiteSpace(app.Description))
                    body.Append("<p>").Append(PageLayout.Encode(app.Description)).Append("</p>");
                body.Append("</li>\n");
            }
            body.Append("</ul>\n");
        }
        body.Append("</main>\n");
        return PageLayout.Render(Title, Style, body.ToString(), showGalleryLink: false);
    }
}
