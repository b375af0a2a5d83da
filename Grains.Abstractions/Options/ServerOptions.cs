namespace Solara.Orleans.Abstractions.Options;

/// <summary>How the HTTP side behaves, from <c>SOLARA_MODE</c> and friends (command-line flags win).</summary>
public sealed record ServerOptions
{
    public ServerMode Mode { get; init; } = ServerMode.Development;

    public bool SessionHttpOnly { get; init; }

    /// <summary>When set, <c>Authorization: Bearer</c> with this token unlocks the unredacted <c>/resourcez</c> in production.</summary>
    public string? ResourcezToken { get; init; }

    /// <summary><c>SOLARA_DASHBOARD_TOKEN</c>: required (bearer header or <c>?token=</c>) to open <c>/dashboard</c> in production,
    /// where the dashboard is disabled (404) while it is unset; development serves it openly.</summary>
    public string? DashboardToken { get; init; }

    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: when set, the Solara meters are exported over OTLP (the exporter reads the other <c>OTEL_*</c> variables).</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary><c>SOLARA_HTTP_KEEPALIVE</c>: how long an idle HTTP/1.1 connection stays open for another
    /// request. A page needs HTTP only to load (the document, the bundle), then lives on its WebSocket, so
    /// the default is short (5s, as uvicorn, which serves Solara, and Node use) instead of ASP.NET's 130s,
    /// which kept two idle connections per browser page open for two minutes.</summary>
    public TimeSpan HttpKeepAlive { get; init; } = DefaultHttpKeepAlive;

    public static readonly TimeSpan DefaultHttpKeepAlive = TimeSpan.FromSeconds(5);

    public bool IsProduction => Mode == ServerMode.Production;

    public static ServerOptions From(SettingsSource settings, bool productionFlag)
    {
        string mode = settings.String("SOLARA_MODE", "development").Trim().ToLowerInvariant();
        ServerMode parsed = mode switch
        {
            "development" or "dev" => ServerMode.Development,
            "production" or "prod" => ServerMode.Production,
            _ => throw new SettingsException("SOLARA_MODE", $"SOLARA_MODE='{mode}' is not a mode (use development or production)"),
        };
        return new ServerOptions
        {
            Mode = productionFlag ? ServerMode.Production : parsed,
            SessionHttpOnly = settings.Bool("SOLARA_SESSION_HTTP_ONLY", false),
            ResourcezToken = settings.Raw("SOLARA_RESOURCEZ_TOKEN") is { Length: > 0 } token ? token : null,
            DashboardToken = settings.Raw("SOLARA_DASHBOARD_TOKEN") is { Length: > 0 } dashboard ? dashboard : null,
            OtlpEndpoint = OtlpEndpointFrom(settings),
            HttpKeepAlive = HttpKeepAliveFrom(settings),
        };
    }

    private static TimeSpan HttpKeepAliveFrom(SettingsSource settings)
    {
        TimeSpan keepAlive = settings.Duration("SOLARA_HTTP_KEEPALIVE", DefaultHttpKeepAlive);
        return keepAlive >= TimeSpan.FromSeconds(1) && keepAlive <= TimeSpan.FromHours(1)
            ? keepAlive
            : throw new SettingsException("SOLARA_HTTP_KEEPALIVE", $"SOLARA_HTTP_KEEPALIVE={settings.Raw("SOLARA_HTTP_KEEPALIVE")} must be between 1s and 1h (the server checks idle connections once a second)");
    }

    private static string? OtlpEndpointFrom(SettingsSource settings)
    {
        if (settings.Raw("OTEL_EXPORTER_OTLP_ENDPOINT") is not { Length: > 0 } endpoint)
            return null;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            throw new SettingsException("OTEL_EXPORTER_OTLP_ENDPOINT", $"OTEL_EXPORTER_OTLP_ENDPOINT='{endpoint}' is not an http(s) URL (example: http://localhost:4317)");
        return endpoint;
    }
}
