using System.Text.RegularExpressions;

namespace Solara.Orleans.Gateway.Static;

/// <summary>Content types of the files the client bundle contains.</summary>
internal static partial class ContentTypes
{
    public static string For(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".map" or ".json" => "application/json; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".woff2" => "font/woff2",
        ".woff" => "font/woff",
        ".ttf" => "font/ttf",
        ".eot" => "application/vnd.ms-fontobject",
        _ => "application/octet-stream",
    };

    public static bool IsCompressible(string fileName) => Path.GetExtension(fileName).ToLowerInvariant()
        is ".js" or ".mjs" or ".css" or ".map" or ".json" or ".txt" or ".html" or ".svg" or ".ttf" or ".eot";

    public static bool HasContentHash(string fileName) => ContentHashedName().IsMatch(fileName);

    [GeneratedRegex(@"-[A-Z0-9]{8}\.[a-z0-9]+$")]
    private static partial Regex ContentHashedName();
}
