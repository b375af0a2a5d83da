namespace Solara.Orleans.Abstractions.Options;

/// <summary>State persistence, from the <c>SOLARA_STATE_*</c> variables: parsed and validated at
/// start-up (every error names its variable and the fix). Persistence is off unless
/// <c>SOLARA_STATE_BACKEND</c> names a backend.</summary>
public sealed record StateOptions
{
    public const string MemoryBackend = "memory";
    public const string RedisBackend = "redis";

    /// <summary>The documented placeholder secret; it is never accepted as a real key.</summary>
    public const string PlaceholderSecret = "change me";

    /// <summary>"" (persistence off), <see cref="MemoryBackend"/> or <see cref="RedisBackend"/>.</summary>
    public string Backend { get; init; } = "";

    /// <summary>The backend DSN, e.g. <c>redis://localhost:6379/0</c>; may hold a password, never log it.</summary>
    public string Url { get; init; } = "";

    /// <summary>HMAC keys: verify with any, sign with the first (rotation: prepend the new key).</summary>
    public IReadOnlyList<string> SecretKeys { get; init; } = [];

    public bool AllowPickle { get; init; }

    /// <summary>Backend key lifetime, refreshed on every write and every connect.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long a disconnected kernel lives before culling when the backend is shared.</summary>
    public TimeSpan OrphanCullTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public string Prefix { get; init; } = "solara:state:";

    public TimeSpan FlushDebounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Hard cap on any takeover or flush call to the backend.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    public int BreakerFailures { get; init; } = 3;

    public TimeSpan BreakerWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The configured tag; empty means <see cref="EffectiveSchemaTag"/> is derived from the version.</summary>
    public string SchemaTag { get; init; } = "";

    public bool AutoRemount { get; init; }

    public double BailoutStormThreshold { get; init; } = 0.5;

    public long WarnValueBytes { get; init; } = 1_000_000;

    /// <summary>Envelopes above this size are not persisted; 0 disables the cap.</summary>
    public long MaxValueBytes { get; init; } = 5_000_000;

    /// <summary>How long a host stop waits for every kernel's final flush (<c>SOLARA_STATE_SHUTDOWN_TIMEOUT</c>);
    /// keep the orchestrator's grace period (Kubernetes <c>terminationGracePeriodSeconds</c>) above it.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the dev/test eviction route is on: requested and not in production mode.</summary>
    public bool TestEviction { get; init; }

    /// <summary>Start-up warnings the host logs once (the configuration is still valid).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool Enabled => Backend.Length > 0;

    /// <summary>Whether the backend outlives this process (Redis); only then the orphan cull applies.</summary>
    public bool IsShared => Backend == RedisBackend;

    /// <summary>The tag stored with every kernel's state; a mismatch on takeover is a clean reset.</summary>
    public string EffectiveSchemaTag => SchemaTag.Length > 0 ? SchemaTag : DerivedSchemaTag;

    /// <summary>The default tag: the product version, so a release that changes value shapes resets state cleanly.</summary>
    public static string DerivedSchemaTag { get; } = "solara-orleans-" + (typeof(StateOptions).Assembly.GetName().Version?.ToString() ?? "0");

    /// <summary>How long a kernel without a connected page is kept: the orphan cull with a shared
    /// backend (its state is safe there), otherwise the kernel cull timeout.</summary>
    public TimeSpan DisconnectedCullTimeout(KernelOptions kernels) => IsShared ? OrphanCullTimeout : kernels.CullTimeout;

    private static readonly TimeSpan MinimumTtl = TimeSpan.FromSeconds(1);

    public static StateOptions From(SettingsSource settings, ServerOptions server, KernelOptions kernels)
    {
        string backend = ParseBackend(settings);
        IReadOnlyList<string> keys = settings.List("SOLARA_STATE_SECRET_KEYS");
        bool allowPickle = settings.Bool("SOLARA_STATE_ALLOW_PICKLE", false);
        ValidateSecrets(backend, keys, allowPickle);
        bool evictionRequested = settings.Bool("SOLARA_STATE_TEST_EVICTION", false);
        var warnings = new List<string>();
        if (evictionRequested && server.IsProduction)
            warnings.Add("SOLARA_STATE_TEST_EVICTION=true is ignored in production mode: the eviction route stays disabled (404). Unset it; it is a dev/test tool.");
        if (backend.Length > 0 && !server.SessionHttpOnly)
            warnings.Add("A state backend is enabled but SOLARA_SESSION_HTTP_ONLY is false: the session cookie is a state-recovery credential; set SOLARA_SESSION_HTTP_ONLY=true so scripts cannot read it.");
        return new StateOptions
        {
            Backend = backend,
            Url = ParseUrl(settings, backend),
            SecretKeys = keys,
            AllowPickle = allowPickle,
            // The default (the kernel cull timeout) is raised to the 1s minimum; only an explicit value below it is refused.
            Ttl = settings.PositiveDuration("SOLARA_STATE_TTL", kernels.CullTimeout < MinimumTtl ? MinimumTtl : kernels.CullTimeout, MinimumTtl),
            OrphanCullTimeout = settings.Duration("SOLARA_STATE_ORPHAN_CULL_TIMEOUT", TimeSpan.FromMinutes(5)),
            Prefix = settings.String("SOLARA_STATE_PREFIX", "solara:state:"),
            FlushDebounce = settings.Duration("SOLARA_STATE_FLUSH_DEBOUNCE", TimeSpan.FromMilliseconds(300)),
            ConnectTimeout = settings.PositiveDuration("SOLARA_STATE_CONNECT_TIMEOUT", TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1)),
            BreakerFailures = (int)Math.Min(int.MaxValue, settings.AtLeast("SOLARA_STATE_BREAKER_FAILURES", 3, 1)),
            BreakerWindow = settings.Duration("SOLARA_STATE_BREAKER_WINDOW", TimeSpan.FromSeconds(30)),
            SchemaTag = (settings.Raw("SOLARA_STATE_SCHEMA_TAG") ?? "").Trim(),
            AutoRemount = settings.OptionalBool("SOLARA_STATE_AUTO_REMOUNT") ?? backend.Length > 0,
            BailoutStormThreshold = settings.Fraction("SOLARA_STATE_BAILOUT_STORM_THRESHOLD", 0.5),
            WarnValueBytes = settings.Count("SOLARA_STATE_WARN_VALUE_BYTES", 1_000_000),
            MaxValueBytes = settings.Count("SOLARA_STATE_MAX_VALUE_BYTES", 5_000_000),
            ShutdownTimeout = settings.PositiveDuration("SOLARA_STATE_SHUTDOWN_TIMEOUT", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1)),
            TestEviction = evictionRequested && !server.IsProduction,
            Warnings = warnings,
        };
    }

    private static string ParseBackend(SettingsSource settings)
    {
        string backend = (settings.Raw("SOLARA_STATE_BACKEND") ?? "").Trim().ToLowerInvariant();
        return backend is "" or MemoryBackend or RedisBackend
            ? backend
            : throw new SettingsException("SOLARA_STATE_BACKEND",
                $"SOLARA_STATE_BACKEND='{settings.Raw("SOLARA_STATE_BACKEND")}' is not a state backend (use redis, memory, or leave it empty to disable persistence)");
    }

    private const string GenerateHint = "generate one with `openssl rand -base64 32` and use the same value on every instance";

    private static void ValidateSecrets(string backend, IReadOnlyList<string> keys, bool allowPickle)
    {
        bool placeholder = keys.Contains(PlaceholderSecret, StringComparer.Ordinal);
        if (allowPickle && (keys.Count == 0 || placeholder))
            throw new SettingsException("SOLARA_STATE_ALLOW_PICKLE",
                $"SOLARA_STATE_ALLOW_PICKLE=true requires real SOLARA_STATE_SECRET_KEYS (the pickle codec decodes only what this secret signed): {GenerateHint}");
        if (backend.Length == 0)
            return;
        if (keys.Count == 0)
            throw new SettingsException("SOLARA_STATE_SECRET_KEYS",
                $"SOLARA_STATE_SECRET_KEYS must be set when SOLARA_STATE_BACKEND={backend}: {GenerateHint}");
        if (placeholder)
            throw new SettingsException("SOLARA_STATE_SECRET_KEYS",
                $"SOLARA_STATE_SECRET_KEYS contains the placeholder '{PlaceholderSecret}', which anyone can read in the documentation: replace it; {GenerateHint}");
    }

    private static string ParseUrl(SettingsSource settings, string backend)
    {
        string url = (settings.Raw("SOLARA_STATE_URL") ?? "").Trim();
        if (backend != RedisBackend)
            return url;
        if (url.Length == 0)
            throw new SettingsException("SOLARA_STATE_URL",
                "SOLARA_STATE_URL must be set when SOLARA_STATE_BACKEND=redis (for example redis://localhost:6379/0, or rediss:// for TLS)");
        // The value is not echoed: a redis URL may carry a password.
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("redis" or "rediss" or "unix"))
            throw new SettingsException("SOLARA_STATE_URL",
                "SOLARA_STATE_URL is not a redis URL (use redis://[user:password@]host:port/db, rediss:// for TLS, or unix:///path/to/socket)");
        return url;
    }
}
