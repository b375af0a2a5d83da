namespace Solara.Orleans.Gateway.Pages;

/// <summary>The 404 page: says which path was not found and links to the gallery.</summary>
public static class NotFoundPage
{
    public const string Title = "Page not found";

    public static string Render(string path)
    {
        string body = $"""
            <main class="solara-page">
            <h2>Nothing here</h2>
            <p>There is no app at <code>{PageLayout.Encode(path ?? "")}</code>.</p>
            <p><a href="/">See all apps</a></p>
            </main>

            """;
        return PageLayout.Render(Title, "", body, showGalleryLink: true);
    }
}
