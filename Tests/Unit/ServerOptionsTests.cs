using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Tests.Unit;

public sealed class ServerOptionsTests
{
    private static ServerOptions From(bool productionFlag = false, params (string Name, string Value)[] values) =>
        ServerOptions.From(new SettingsSource(values.ToDictionary(v => v.Name, v => v.Value)), productionFlag);

    [Fact]
    public void Defaults_to_development_without_http_only_cookies_or_a_resourcez_token()
    {
        ServerOptions options = From();

        Assert.Equal(ServerMode.Development, options.Mode);
        Assert.False(options.SessionHttpOnly);
        Assert.Null(options.ResourcezToken);
    }

    [Theory]
    [InlineData("production", ServerMode.Production)]
    [InlineData("PROD", ServerMode.Production)]
    [InlineData("dev", ServerMode.Development)]
    [InlineData(" development ", ServerMode.Development)]
    public void Mode_is_read_from_SOLARA_MODE(string value, ServerMode mode)
    {
        Assert.Equal(mode, From(false, ("SOLARA_MODE", value)).Mode);
    }

    [Fact]
    public void The_production_flag_wins_over_SOLARA_MODE()
    {
        Assert.True(From(true, ("SOLARA_MODE", "development")).IsProduction);
    }

    [Theory]
    [InlineData("SOLARA_MODE", "staging")]
    [InlineData("SOLARA_SESSION_HTTP_ONLY", "maybe")]
    [InlineData("SOLARA_HTTP_KEEPALIVE", "soon")]
    [InlineData("SOLARA_HTTP_KEEPALIVE", "0s")]
    [InlineData("SOLARA_HTTP_KEEPALIVE", "500ms")]
    [InlineData("SOLARA_HTTP_KEEPALIVE", "2h")]
    public void Malformed_values_stop_start_up_naming_the_variable(string name, string value)
    {
        SettingsException error = Assert.Throws<SettingsException>(() => From(false, (name, value)));

        Assert.Equal(name, error.Variable);
        Assert.Contains(name, error.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void Session_http_only_is_a_boolean(string value, bool expected)
    {
        Assert.Equal(expected, From(false, ("SOLARA_SESSION_HTTP_ONLY", value)).SessionHttpOnly);
    }

    [Fact]
    public void An_empty_resourcez_token_is_no_token()
    {
        Assert.Null(From(false, ("SOLARA_RESOURCEZ_TOKEN", "")).ResourcezToken);
        Assert.Equal("s3cret", From(false, ("SOLARA_RESOURCEZ_TOKEN", "s3cret")).ResourcezToken);
    }

    [Fact]
    public void Http_keep_alive_defaults_to_five_seconds_and_reads_a_duration()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), From().HttpKeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(30), From(false, ("SOLARA_HTTP_KEEPALIVE", "30s")).HttpKeepAlive);
    }
}
