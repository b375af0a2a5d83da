using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Grains.State.Redis;

namespace Solara.Orleans.Tests.State;

/// <summary>SOLARA_STATE_URL parsing for the Redis backend; errors never repeat a password.</summary>
public sealed class RedisEndpointTests
{
    [Fact]
    public void A_plain_url_defaults_to_port_6379_and_database_0_without_credentials()
    {
        Assert.Equal(new RedisEndpoint("localhost", 6379, false, null, null, 0), RedisEndpoint.Parse("redis://localhost"));
    }

    [Fact]
    public void An_acl_user_password_port_and_database_are_all_read()
    {
        Assert.Equal(new RedisEndpoint("cache.internal", 6380, false, "app", "s3cret", 2), RedisEndpoint.Parse("redis://app:s3cret@cache.internal:6380/2"));
    }

    [Fact]
    public void A_password_alone_authenticates_the_default_user()
    {
        RedisEndpoint endpoint = RedisEndpoint.Parse("redis://:s3cret@localhost:6379/0");

        Assert.Null(endpoint.User);
        Assert.Equal("s3cret", endpoint.Password);
    }

    [Fact]
    public void Rediss_turns_on_tls()
    {
        RedisEndpoint endpoint = RedisEndpoint.Parse("rediss://app:pw@redis.example.com:6380/1");

        Assert.True(endpoint.UseTls);
        Assert.Equal(("redis.example.com", 6380, 1), (endpoint.Host, endpoint.Port, endpoint.Database));
    }

    [Fact]
    public void A_unix_socket_url_reads_the_path_database_and_credentials_from_the_query()
    {
        RedisEndpoint endpoint = RedisEndpoint.Parse("unix:///run/redis/redis.sock?db=3&username=app&password=pw");

        Assert.Equal(("/run/redis/redis.sock", 3, "app", "pw"), (endpoint.UnixSocket, endpoint.Database, endpoint.User, endpoint.Password));
        Assert.Equal("unix:///run/redis/redis.sock?db=3", endpoint.ToString());
    }

    [Fact]
    public void Percent_encoded_credentials_are_decoded()
    {
        RedisEndpoint endpoint = RedisEndpoint.Parse("redis://app%40eu:p%3Aw%40rd@localhost");

        Assert.Equal(("app@eu", "p:w@rd"), (endpoint.User, endpoint.Password));
    }

    [Fact]
    public void The_printable_form_never_shows_the_password()
    {
        RedisEndpoint endpoint = RedisEndpoint.Parse("rediss://app:hunter2@localhost:6390/4");

        Assert.Equal("rediss://localhost:6390/4", endpoint.ToString());
    }

    [Theory]
    [InlineData("not a url :hunter2", "is not an absolute URL")]
    [InlineData("http://app:hunter2@localhost", "scheme 'http'")]
    [InlineData("redis://app:hunter2@localhost/zero", "not a database number")]
    [InlineData("redis://hunter2@localhost", "without a ':'")]
    [InlineData("redis://app:@localhost", "empty password")]
    [InlineData("unix:///run/redis.sock?db=x&password=hunter2", "not a database number")]
    [InlineData("unix:///run/redis.sock?username=hunter2", "a user but no password")]
    public void Malformed_urls_are_refused_with_a_reason_and_without_the_password(string url, string reason)
    {
        RedisUrlException error = Assert.Throws<RedisUrlException>(() => RedisEndpoint.Parse(url));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("SOLARA_STATE_URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
