using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Integration;

/// <summary>An idle HTTP/1.1 connection stays open for another request for <c>SOLARA_HTTP_KEEPALIVE</c>,
/// then the server closes it (a browser page keeps two such connections after loading).</summary>
public sealed class HttpKeepAliveTests
{
    [Fact]
    public async Task An_idle_connection_is_reusable_then_closed_after_the_keep_alive()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_HTTP_KEEPALIVE"] = "1s" });
        var uri = new Uri(server.BaseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        NetworkStream stream = client.GetStream();

        Assert.Contains("200 OK", await RequestAsync(stream, uri));
        Assert.Contains("200 OK", await RequestAsync(stream, uri));
        var idle = Stopwatch.StartNew();
        int read = await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, read);
        Assert.InRange(idle.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
    }

    private static async Task<string> RequestAsync(NetworkStream stream, Uri uri)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /readyz HTTP/1.1\r\nHost: {uri.Authority}\r\n\r\n"));
        var response = new StringBuilder();
        var buffer = new byte[4096];
        while (!Complete(response.ToString()))
        {
            int n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.NotEqual(0, n);
            response.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return response.ToString();
    }

    private static bool Complete(string response)
    {
        int end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
            return false;
        string[] headers = response[..end].Split("\r\n");
        if (headers.FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } length)
            return response.Length - end - 4 >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return response.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal); // chunked: the last chunk is empty
    }
}
