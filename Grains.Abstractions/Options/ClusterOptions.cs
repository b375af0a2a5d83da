namespace Solara.Orleans.Abstractions.Options;

/// <summary>The cluster roles' settings (<c>SOLARA_CLUSTER_*</c>): where membership and the grain
/// directory live, the credential silos require on their internal endpoints, and the failure-detector
/// timing. Only the <c>silo</c> and <c>gateway</c> roles read them; the embedded default needs none.</summary>
public sealed record ClusterOptions
{
    public const string PlaceholderSecret = "change me";
    private const int MinimumSecretLength = 16;

    /// <summary><c>SOLARA_CLUSTER_URL</c>: the Redis holding membership and the directory (defaults to <c>SOLARA_STATE_URL</c>).</summary>
    public required string RedisUrl { get; init; }

    /// <summary><c>SOLARA_CLUSTER_SECRET</c>: the credential every internal (silo) endpoint requires.</summary>
    public required string Secret { get; init; }

    /// <summary><c>SOLARA_CLUSTER_PREFIX</c>: the Redis key prefix of membership and directory keys.</summary>
    public string Prefix { get; init; } = "solara:cluster:";

    /// <summary><c>SOLARA_CLUSTER_HEARTBEAT</c>: how often a silo renews its lease.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary><c>SOLARA_CLUSTER_LEASE</c>: a silo whose heartbeat is older than this (on Redis' clock)
    /// is declared dead by its peers; the silo itself fences earlier (two thirds of the lease).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>SOLARA_CLUSTER_DEFUNCT_AFTER</c>: dead rows older than this are removed from the table.</summary>
    public TimeSpan DefunctAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary><c>SOLARA_CLUSTER_CALL_TIMEOUT</c>: bound on every Redis call of membership and directory,
    /// and on gateway → silo HTTP calls.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>SOLARA_CLUSTER_ADVERTISE</c>: the base URL other processes use to reach this one
    /// (e.g. <c>http://10.0.0.5:9101</c>); null means derive it from the first listen URL.</summary>
    public string? Advertise { get; init; }

    /// <summary>The lease age at which a silo stops accepting activations and writes (before peers may declare it dead).</summary>
    public TimeSpan SelfFenceAfter => Lease * 2 / 3;

    public static ClusterOptions From(SettingsSource settings)
    {
        (_, string? url) = settings.First("SOLARA_CLUSTER_URL", "SOLARA_STATE_URL");
        if (string.IsNullOrWhiteSpace(url))
            throw new SettingsException("SOLARA_CLUSTER_URL",
                "SOLARA_CLUSTER_URL is required for the silo and gateway roles (the Redis holding membership and the grain directory, e.g. redis://127.0.0.1:6379/0)");
        string secret = settings.Raw("SOLARA_CLUSTER_SECRET") ?? "";
        if (secret.Length == 0)
            throw new SettingsException("SOLARA_CLUSTER_SECRET",
                "SOLARA_CLUSTER_SECRET is required for the silo and gateway roles: every process of one cluster shares it (generate one with: openssl rand -hex 32)");
        if (secret == PlaceholderSecret || secret.Length < MinimumSecretLength)
            throw new SettingsException("SOLARA_CLUSTER_SECRET",
                $"SOLARA_CLUSTER_SECRET must be a real secret of at least {MinimumSecretLength} characters, not a placeholder (generate one with: openssl rand -hex 32)");
        var options = new ClusterOptions
        {
            RedisUrl = url,
            Secret = secret,
            Prefix = settings.String("SOLARA_CLUSTER_PREFIX", "solara:cluster:"),
            Heartbeat = settings.Duration("SOLARA_CLUSTER_HEARTBEAT", TimeSpan.FromMilliseconds(250)),
            Lease = settings.Duration("SOLARA_CLUSTER_LEASE", TimeSpan.FromSeconds(2)),
            DefunctAfter = settings.Duration("SOLARA_CLUSTER_DEFUNCT_AFTER", TimeSpan.FromMinutes(10)),
            CallTimeout = settings.Duration("SOLARA_CLUSTER_CALL_TIMEOUT", TimeSpan.FromSeconds(2)),
            Advertise = settings.Raw("SOLARA_CLUSTER_ADVERTISE") is { Length: > 0 } a ? a.TrimEnd('/') : null,
        };
        if (options.Heartbeat <= TimeSpan.Zero)
            throw new SettingsException("SOLARA_CLUSTER_HEARTBEAT", "SOLARA_CLUSTER_HEARTBEAT must be above 0");
        if (options.Lease < options.Heartbeat * 3)
            throw new SettingsException("SOLARA_CLUSTER_LEASE",
                $"SOLARA_CLUSTER_LEASE ({options.Lease.TotalMilliseconds:0}ms) must be at least three heartbeats (SOLARA_CLUSTER_HEARTBEAT={options.Heartbeat.TotalMilliseconds:0}ms)");
        if (options.Advertise is { } advertise && !Uri.TryCreate(advertise, UriKind.Absolute, out _))
            throw new SettingsException("SOLARA_CLUSTER_ADVERTISE", $"SOLARA_CLUSTER_ADVERTISE='{advertise}' is not an absolute URL (e.g. http://10.0.0.5:9101)");
        return options;
    }
}
