using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Apps;
using Solara.Orleans.Gateway.Static;

namespace Solara.Orleans.Gateway.Pages;

/// <summary>The page of one app: the client bundle, its configuration, and the container the app renders into.</summary>
public static class AppPage
{
    /// <summary>Id of the element the client mounts the app into.</summary>
    public const string AppContainerId = "solara-app";

    /// <summary>Id of the JSON script element the client reads its configuration from.</summary>
    public const string ConfigElementId = "solara-config";

    public static string Render(AppDescriptor app, PageOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        string version = Uri.EscapeDataString(options.ClientVersion);
        string script = PageLayout.Encode(ClientBundle.UrlOf(ClientBundle.ScriptFile(options.Production)) + "?v=" + version);
        string style = PageLayout.Encode(ClientBundle.UrlOf(ClientBundle.StyleFile(options.Production)) + "?v=" + version);

        var head = new StringBuilder();
        head.Append("<link rel=\"stylesheet\" href=\"").Append(style).Append("\">\n");
        head.Append("<script id=\"").Append(ConfigElementId).Append("\" type=\"application/json\">")
            .Append(ConfigJson(app, options)).Append("</script>\n");
        head.Append("<script src=\"").Append(script).Append("\" defer></script>\n");

        string body = $"""
            <div class="solara-page">
            <main id="{AppContainerId}" class="solara-app" aria-live="polite">
            <div class="solara-loading">Loading {PageLayout.Encode(app.Title)}…</div>
            </main>
            <noscript><p>This app needs JavaScript to run.</p></noscript>
            </div>

            """;
        return PageLayout.Render(app.Title, head.ToString(), body, showGalleryLink: true);
    }

    /// <summary>The configuration JSON. The default encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>,
    /// so no value can close the script element.</summary>
    private static string ConfigJson(AppDescriptor app, PageOptions options) =>
        new JsonObject
        {
            ["appName"] = app.Name,
            ["production"] = options.Production,
            ["clientVersion"] = options.ClientVersion,
        }.ToJsonString(JsonSerializerOptions.Default);
}
