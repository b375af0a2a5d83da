using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Tests.State;

public sealed class StateOptionsTests
{
    private const string Secret = "s3cret-generated-value";

    private static StateOptions From(params (string Name, string Value)[] values) => From(production: false, values);

    private static StateOptions From(bool production, params (string Name, string Value)[] values)
    {
        var settings = new SettingsSource(values.ToDictionary(v => v.Name, v => v.Value));
        return StateOptions.From(settings, ServerOptions.From(settings, production), KernelOptions.From(settings));
    }

    private static SettingsException Refused(params (string Name, string Value)[] values) =>
        Assert.Throws<SettingsException>(() => From(values));

    [Fact]
    public void Defaults_match_the_configuration_reference_and_leave_persistence_off()
    {
        StateOptions options = From();

        Assert.False(options.Enabled);
        Assert.Equal("", options.Backend);
        Assert.Equal("", options.Url);
        Assert.Empty(options.SecretKeys);
        Assert.False(options.AllowPickle);
        Assert.Equal(TimeSpan.FromHours(24), options.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(5), options.OrphanCullTimeout);
        Assert.Equal("solara:state:", options.Prefix);
        Assert.Equal(TimeSpan.FromMilliseconds(300), options.FlushDebounce);
        Assert.Equal(TimeSpan.FromMilliseconds(300), options.ConnectTimeout);
        Assert.Equal(3, options.BreakerFailures);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BreakerWindow);
        Assert.Equal("", options.SchemaTag);
        Assert.False(options.AutoRemount);
        Assert.Equal(0.5, options.BailoutStormThreshold);
        Assert.Equal(1_000_000, options.WarnValueBytes);
        Assert.Equal(5_000_000, options.MaxValueBytes);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ShutdownTimeout);
        Assert.False(options.TestEviction);
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void Default_ttl_follows_the_cull_timeout_but_never_below_one_second()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), From(("SOLARA_KERNEL_CULL_TIMEOUT", "10m")).Ttl);
        Assert.Equal(TimeSpan.FromSeconds(1), From(("SOLARA_KERNEL_CULL_TIMEOUT", "300ms")).Ttl);
    }

    [Fact]
    public void Every_setting_is_read_from_its_variable()
    {
        StateOptions options = From(
            ("SOLARA_STATE_BACKEND", " Redis "), ("SOLARA_STATE_URL", "redis://localhost:6379/0"), ("SOLARA_STATE_SECRET_KEYS", " new , old ,"),
            ("SOLARA_STATE_ALLOW_PICKLE", "true"), ("SOLARA_STATE_TTL", "2h"), ("SOLARA_STATE_ORPHAN_CULL_TIMEOUT", "90"),
            ("SOLARA_STATE_PREFIX", "app:"), ("SOLARA_STATE_FLUSH_DEBOUNCE", "1s"), ("SOLARA_STATE_CONNECT_TIMEOUT", "0.5"),
            ("SOLARA_STATE_BREAKER_FAILURES", "5"), ("SOLARA_STATE_BREAKER_WINDOW", "1m"), ("SOLARA_STATE_SCHEMA_TAG", "v7"),
            ("SOLARA_STATE_AUTO_REMOUNT", "false"), ("SOLARA_STATE_BAILOUT_STORM_THRESHOLD", "0.25"), ("SOLARA_STATE_WARN_VALUE_BYTES", "10"),
            ("SOLARA_STATE_MAX_VALUE_BYTES", "0"), ("SOLARA_STATE_TEST_EVICTION", "yes"), ("SOLARA_SESSION_HTTP_ONLY", "true"),
            ("SOLARA_STATE_SHUTDOWN_TIMEOUT", "20s"));

        Assert.Equal(
            new StateOptions
            {
                Backend = "redis", Url = "redis://localhost:6379/0", SecretKeys = options.SecretKeys, AllowPickle = true, Ttl = TimeSpan.FromHours(2),
                OrphanCullTimeout = TimeSpan.FromSeconds(90), Prefix = "app:", FlushDebounce = TimeSpan.FromSeconds(1), ConnectTimeout = TimeSpan.FromMilliseconds(500),
                BreakerFailures = 5, BreakerWindow = TimeSpan.FromMinutes(1), SchemaTag = "v7", AutoRemount = false, BailoutStormThreshold = 0.25,
                WarnValueBytes = 10, MaxValueBytes = 0, ShutdownTimeout = TimeSpan.FromSeconds(20), TestEviction = true, Warnings = options.Warnings,
            },
            options);
        Assert.Equal(["new", "old"], options.SecretKeys);
        Assert.Empty(options.Warnings);
        Assert.True(options.IsShared);
        Assert.Equal("v7", options.EffectiveSchemaTag);
    }

    [Fact]
    public void The_ttl_defaults_to_the_kernel_cull_timeout()
    {
        Assert.Equal(TimeSpan.FromHours(3), From(("SOLARA_KERNEL_CULL_TIMEOUT", "3h")).Ttl);
    }

    [Theory]
    [InlineData("SOLARA_STATE_BACKEND", "mongo", "use redis, memory, or leave it empty")]
    [InlineData("SOLARA_STATE_TTL", "forever", "not a duration")]
    [InlineData("SOLARA_STATE_TTL", "0s", "minimum is 1s")]
    [InlineData("SOLARA_STATE_ORPHAN_CULL_TIMEOUT", "-5m", "not a duration")]
    [InlineData("SOLARA_STATE_FLUSH_DEBOUNCE", "soon", "not a duration")]
    [InlineData("SOLARA_STATE_CONNECT_TIMEOUT", "0", "minimum is 1ms")]
    [InlineData("SOLARA_STATE_CONNECT_TIMEOUT", "fast", "not a duration")]
    [InlineData("SOLARA_STATE_BREAKER_FAILURES", "0", "minimum of 1")]
    [InlineData("SOLARA_STATE_BREAKER_FAILURES", "three", "not a non-negative whole number")]
    [InlineData("SOLARA_STATE_BREAKER_WINDOW", "1 week", "not a duration")]
    [InlineData("SOLARA_STATE_AUTO_REMOUNT", "maybe", "not a boolean")]
    [InlineData("SOLARA_STATE_BAILOUT_STORM_THRESHOLD", "1.5", "between 0 and 1")]
    [InlineData("SOLARA_STATE_BAILOUT_STORM_THRESHOLD", "half", "between 0 and 1")]
    [InlineData("SOLARA_STATE_WARN_VALUE_BYTES", "-1", "not a non-negative whole number")]
    [InlineData("SOLARA_STATE_MAX_VALUE_BYTES", "5MB", "not a non-negative whole number")]
    [InlineData("SOLARA_STATE_ALLOW_PICKLE", "sure", "not a boolean")]
    [InlineData("SOLARA_STATE_TEST_EVICTION", "2", "not a boolean")]
    public void A_malformed_value_stops_start_up_naming_the_variable(string name, string value, string reason)
    {
        SettingsException error = Refused((name, value));

        Assert.Equal(name, error.Variable);
        Assert.StartsWith(name, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public void Any_backend_requires_secret_keys(string backend)
    {
        SettingsException error = Refused(("SOLARA_STATE_BACKEND", backend), ("SOLARA_STATE_URL", "redis://r:6379/0"));

        Assert.Equal("SOLARA_STATE_SECRET_KEYS", error.Variable);
        Assert.Contains($"SOLARA_STATE_SECRET_KEYS must be set when SOLARA_STATE_BACKEND={backend}", error.Message);
        Assert.Contains("openssl rand", error.Message);
    }

    [Fact]
    public void The_placeholder_secret_is_refused_even_among_real_keys()
    {
        SettingsException error = Refused(("SOLARA_STATE_BACKEND", "memory"), ("SOLARA_STATE_SECRET_KEYS", $"{Secret},change me"));

        Assert.Equal("SOLARA_STATE_SECRET_KEYS", error.Variable);
        Assert.Contains("placeholder 'change me'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("change me")]
    public void Allowing_pickle_requires_real_secrets_even_without_a_backend(string secrets)
    {
        SettingsException error = Refused(("SOLARA_STATE_ALLOW_PICKLE", "true"), ("SOLARA_STATE_SECRET_KEYS", secrets));

        Assert.Equal("SOLARA_STATE_ALLOW_PICKLE", error.Variable);
        Assert.Contains("requires real SOLARA_STATE_SECRET_KEYS", error.Message);
    }

    [Fact]
    public void Redis_requires_a_url()
    {
        SettingsException error = Refused(("SOLARA_STATE_BACKEND", "redis"), ("SOLARA_STATE_SECRET_KEYS", Secret));

        Assert.Equal("SOLARA_STATE_URL", error.Variable);
        Assert.Contains("redis://localhost:6379/0", error.Message);
    }

    [Theory]
    [InlineData("localhost:6379")]
    [InlineData("http://user:hunter2@host/0")]
    public void A_url_that_is_not_a_redis_url_is_refused_without_echoing_it(string url)
    {
        SettingsException error = Refused(("SOLARA_STATE_BACKEND", "redis"), ("SOLARA_STATE_SECRET_KEYS", Secret), ("SOLARA_STATE_URL", url));

        Assert.Equal("SOLARA_STATE_URL", error.Variable);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Contains("rediss://", error.Message);
    }

    [Fact]
    public void The_memory_backend_needs_no_url_and_is_not_shared()
    {
        StateOptions options = From(("SOLARA_STATE_BACKEND", "memory"), ("SOLARA_STATE_SECRET_KEYS", Secret));

        Assert.True(options.Enabled);
        Assert.False(options.IsShared);
        Assert.Equal(TimeSpan.FromHours(24), options.DisconnectedCullTimeout(KernelOptions.From(new SettingsSource(new Dictionary<string, string>()))));
    }

    [Fact]
    public void With_a_shared_backend_a_disconnected_kernel_lives_for_the_orphan_cull_timeout()
    {
        StateOptions options = From(("SOLARA_STATE_BACKEND", "redis"), ("SOLARA_STATE_URL", "rediss://r:6380/1"), ("SOLARA_STATE_SECRET_KEYS", Secret));
        Assert.Equal(TimeSpan.FromMinutes(5), options.DisconnectedCullTimeout(new KernelOptions()));
    }

    [Theory]
    [InlineData("", "", false)]
    [InlineData("memory", "", true)]
    [InlineData("memory", "false", false)]
    [InlineData("", "true", true)]
    public void Auto_remount_is_on_exactly_when_a_backend_is_set_unless_forced(string backend, string remount, bool expected)
    {
        Assert.Equal(expected, From(("SOLARA_STATE_BACKEND", backend), ("SOLARA_STATE_SECRET_KEYS", Secret), ("SOLARA_STATE_AUTO_REMOUNT", remount)).AutoRemount);
    }

    [Fact]
    public void Test_eviction_is_refused_in_production_with_a_warning()
    {
        StateOptions development = From(("SOLARA_STATE_TEST_EVICTION", "true"));
        StateOptions production = From(production: true, ("SOLARA_STATE_TEST_EVICTION", "true"));

        Assert.True(development.TestEviction);
        Assert.False(production.TestEviction);
        Assert.Contains(production.Warnings, w => w.StartsWith("SOLARA_STATE_TEST_EVICTION=true is ignored in production mode", StringComparison.Ordinal));
    }

    [Fact]
    public void A_backend_without_http_only_session_cookies_warns()
    {
        StateOptions warned = From(("SOLARA_STATE_BACKEND", "memory"), ("SOLARA_STATE_SECRET_KEYS", Secret));
        StateOptions quiet = From(("SOLARA_STATE_BACKEND", "memory"), ("SOLARA_STATE_SECRET_KEYS", Secret), ("SOLARA_SESSION_HTTP_ONLY", "true"));

        Assert.Contains(warned.Warnings, w => w.Contains("SOLARA_SESSION_HTTP_ONLY=true"));
        Assert.Empty(quiet.Warnings);
    }

    [Fact]
    public void An_empty_schema_tag_is_derived_from_the_version()
    {
        Assert.StartsWith("solara-orleans-", From().EffectiveSchemaTag);
        Assert.Equal(StateOptions.DerivedSchemaTag, From(("SOLARA_STATE_SCHEMA_TAG", "  ")).EffectiveSchemaTag);
    }
}
