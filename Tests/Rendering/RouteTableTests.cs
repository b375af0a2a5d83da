using Solara.Rendering;
using Solara.Routing;

namespace Solara.Orleans.Tests.Rendering;

public sealed class RouteTableTests
{
    private static Element Page() => throw new InvalidOperationException("not rendered in these tests");

    private static readonly RouteTable Table = new("/todo", [new Route("/", Page, "All"), new Route("/done", Page, "Done")]);

    [Theory]
    [InlineData("/todo", "/")]
    [InlineData("/todo/", "/")]
    [InlineData("/todo/done", "/done")]
    [InlineData("/todo/done?x=1", "/done")]
    public void Paths_under_the_base_match_their_route(string location, string routePath) =>
        Assert.Equal(routePath, Table.Match(location)?.Path);

    [Theory]
    [InlineData("/todone")]
    [InlineData("/todo/unknown")]
    [InlineData("/other/done")]
    public void Other_paths_match_nothing(string location) => Assert.Null(Table.Match(location));

    [Fact]
    public void Links_to_routes_include_the_base() =>
        Assert.Equal(["/todo", "/todo/done"], Table.Routes.Select(Table.Href));
}
