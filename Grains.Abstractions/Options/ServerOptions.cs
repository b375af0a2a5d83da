namespace Solara.Orleans.Abstractions.Options;

/// <summary>How the HTTP side behaves, from <c>SOLARA_MODE</c> and friends (command-line flags win).</summary>
public sealed record ServerOptions
{
    public ServerMode Mode { get; init; } = ServerMode.Development;

    public bool SessionHttpOnly { get; init; }

    /// <summary>When set, <c>Authorization: Bearer</c> with this token unlocks the unredacted <c>/resourcez</c> in production.</summary>
    public string? ResourcezToken { get; init; }

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
        };
    }
}
