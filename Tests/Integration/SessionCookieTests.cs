using System.Net;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>The <c>solara-session-id</c> cookie the pages issue: its value and attributes.</summary>
public sealed class SessionCookieTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/counter")]
    public async Task A_page_issues_a_uuid_session_cookie_for_the_whole_site_until_2038(string path)
    {
        await using TestServer server = await TestServer.StartAsync();

        string cookie = await IssuedCookie(server, path);

        Assert.Matches("^solara-session-id=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12};", cookie);
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=Fri, 01 Jan 2038 00:00:00 GMT", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task On_a_loopback_host_the_cookie_is_SameSite_None_and_Secure(string host)
    {
        await using TestServer server = await TestServer.StartAsync();

        string cookie = await IssuedCookie(server, "/counter", host);

        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task On_another_host_over_http_the_cookie_is_SameSite_Lax_and_not_Secure()
    {
        await using TestServer server = await TestServer.StartAsync();

        string cookie = await IssuedCookie(server, "/counter", "apps.example.test");

        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_an_https_proxy_the_cookie_is_SameSite_None_and_Secure()
    {
        await using TestServer server = await TestServer.StartAsync();

        string cookie = await IssuedCookie(server, "/counter", "apps.example.test", forwardedProto: "https");

        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Session_http_only_setting_marks_the_cookie_HttpOnly()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_SESSION_HTTP_ONLY"] = "true" });

        string cookie = await IssuedCookie(server, "/counter");

        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_request_that_already_has_a_session_cookie_gets_no_new_one()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.BaseUrl}/counter");
        request.Headers.Add("Cookie", $"solara-session-id={RawKernelClient.NewId()}");

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_issued_cookie_owns_the_kernels_its_page_opens()
    {
        await using TestServer server = await TestServer.StartAsync();
        string cookie = await IssuedCookie(server, "/counter");
        string session = cookie["solara-session-id=".Length..cookie.IndexOf(';')];
        await using RawKernelClient page = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await page.KernelInfoAsync();

        await using RawKernelClient popout = await RawKernelClient.ConnectAsync(server, page.KernelId, RawKernelClient.NewId(), session);
        await using RawKernelClient stranger = await RawKernelClient.ConnectAsync(server, page.KernelId, RawKernelClient.NewId(), RawKernelClient.NewId());

        Assert.Equal("ok", (string?)(await popout.KernelInfoAsync()).Reply.Content["status"]);
        Assert.Equal(1008, (await stranger.WaitForCloseAsync()).Code);
    }

    /// <summary>GETs <paramref name="path"/> with the given Host header and returns the one session Set-Cookie.</summary>
    private static async Task<string> IssuedCookie(TestServer server, string path, string? host = null, string? forwardedProto = null)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + path);
        if (host is not null)
            request.Headers.Host = host;
        if (forwardedProto is not null)
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? values), "the page set no cookie");
        return Assert.Single(values!, v => v.StartsWith("solara-session-id=", StringComparison.Ordinal));
    }
}
