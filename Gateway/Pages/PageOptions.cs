namespace Solara.Orleans.Gateway.Pages;

/// <summary>How app pages are rendered.</summary>
/// <param name="Production">Link the minified client bundle (and tell the client it runs in production).</param>
/// <param name="ClientVersion">Identifies the served client bundle (<c>ClientBundle.Version</c>); the page passes it to the client
/// and uses it to version the bundle URLs.</param>
public sealed record PageOptions(bool Production, string ClientVersion);
