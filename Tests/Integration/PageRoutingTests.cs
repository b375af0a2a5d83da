using System.Net;
using System.Text.RegularExpressions;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Integration;

/// <summary>The HTML routes: the gallery links every app; unknown paths are 404s.</summary>
public sealed class PageRoutingTests
{
    [Fact]
    public async Task Gallery_links_every_app_with_an_ordinary_link()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.GetAsync(server.BaseUrl + "/");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (string app in new[] { "counter", "probe", "blocking", "failing" })
            Assert.Matches(new Regex($"<a\\s[^>]*href=\"/{app}\"", RegexOptions.IgnoreCase), html);
        Assert.Contains("Counter", html);
    }

    [Fact]
    public async Task App_page_is_served_as_html()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.GetAsync(server.BaseUrl + "/counter");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/no-such-app")]
    [InlineData("/no-such-app/deeper/path")]
    public async Task Unknown_route_is_a_404_that_names_the_path(string path)
    {
        await using TestServer server = await TestServer.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });

        using HttpResponseMessage response = await http.GetAsync(server.BaseUrl + path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(path, await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"), "a 404 should not issue a session");
    }

    [Fact]
    public async Task Kernel_channels_without_a_websocket_upgrade_is_a_400_with_an_explanation()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.GetAsync($"{server.BaseUrl}/jupyter/api/kernels/{Guid.NewGuid()}/channels?session_id=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebSocket", await response.Content.ReadAsStringAsync());
    }
}
