using System.Net;
using System.Net.Http.Headers;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Dashboard;

/// <summary>The token rule: open in development; in production 404 without <c>SOLARA_DASHBOARD_TOKEN</c>,
/// 401 without a token, 403 with a wrong one, 200 with the right one (bearer, or <c>?token=</c> → HttpOnly cookie).</summary>
public sealed class DashboardAccessTests
{
    private const string Token = "dashboard-test-token";

    private static Task<TestServer> Production(string? token) => TestServer.StartAsync(token is null
        ? new Dictionary<string, string> { ["SOLARA_MODE"] = "production" }
        : new Dictionary<string, string> { ["SOLARA_MODE"] = "production", ["SOLARA_DASHBOARD_TOKEN"] = token });

    private static HttpClient Client(TestServer server, bool cookies = false) =>
        new(new HttpClientHandler { UseCookies = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/data")]
    [InlineData("/dashboard/app.js")]
    [InlineData("/dashboard/kernel/abc")]
    public async Task Development_serves_the_dashboard_without_a_token(string path)
    {
        await using TestServer server = await TestServer.StartAsync();
        using HttpClient http = Client(server);

        HttpResponseMessage response = await http.GetAsync(path);

        Assert.Equal(path.StartsWith("/dashboard/kernel", StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/data")]
    public async Task Production_without_a_dashboard_token_has_no_dashboard(string path)
    {
        await using TestServer server = await Production(token: null);
        using HttpClient http = Client(server);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Production_asks_for_the_token_refuses_a_wrong_one_and_accepts_the_right_one()
    {
        await using TestServer server = await Production(Token);
        using HttpClient http = Client(server);

        HttpResponseMessage missing = await http.GetAsync("/dashboard/data");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("SOLARA_DASHBOARD_TOKEN", await missing.Content.ReadAsStringAsync());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/dashboard/data") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token") } };
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/dashboard?token=not-the-token")).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/dashboard/data") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        HttpResponseMessage granted = await http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains("\"silos\"", await granted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_token_in_the_address_becomes_an_http_only_cookie_that_opens_the_data()
    {
        await using TestServer server = await Production(Token);
        using HttpClient http = Client(server, cookies: true);

        HttpResponseMessage redirect = await http.GetAsync($"/dashboard?token={Token}");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/dashboard", redirect.Headers.Location?.OriginalString);
        string cookie = Assert.Single(redirect.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dashboard/data")).StatusCode);
    }
}
