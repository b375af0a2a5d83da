using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Dashboard;

/// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: the embedded server (a real process) exports both Solara meters
/// over OTLP/HTTP to a loopback receiver standing in for a collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task The_server_exports_the_kernel_and_gateway_meters_to_the_configured_endpoint()
    {
        var received = new ConcurrentQueue<(string Path, string Body)>();
        var firstWithBoth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int collectorPort = SiloProcess.FreePort();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{collectorPort}");
        builder.Logging.ClearProviders();
        await using WebApplication collector = builder.Build();
        collector.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            // OTLP protobuf carries metric names as plain UTF-8 strings.
            string text = Encoding.UTF8.GetString(body.ToArray());
            received.Enqueue((context.Request.Path, text));
            if (text.Contains("solara.kernel.active", StringComparison.Ordinal) && text.Contains("solara.gateway.sockets.open", StringComparison.Ordinal))
                firstWithBoth.TrySetResult();
            return Results.Ok();
        });
        await collector.StartAsync();

        int port = SiloProcess.FreePort();
        await using SiloProcess server = SiloProcess.Start(["--port", port.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{collectorPort}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });

        Task done = await Task.WhenAny(firstWithBoth.Task, server.Exited, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.True(done == firstWithBoth.Task, $"no export with both meters; received {received.Count} posts; server output:\n{server.Output}");
        Assert.All(received, post => Assert.Equal("/v1/metrics", post.Path));
    }
}
