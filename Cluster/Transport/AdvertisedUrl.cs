namespace Solara.Orleans.Cluster.Transport;

/// <summary>Turns a listen URL into one a peer can connect to.</summary>
public static class AdvertisedUrl
{
    public static string From(string listenUrl)
    {
        var uri = new Uri(listenUrl.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        string host = uri.Host is "0.0.0.0" or "localhost" or "[::]" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
