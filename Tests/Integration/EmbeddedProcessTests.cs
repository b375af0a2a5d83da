using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Integration;

/// <summary>The real <c>Silo</c> executable: start-up flags, refusal on bad settings, graceful stop.</summary>
public sealed class EmbeddedProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("SOLARA_KERNEL_CULL_TIMEOUT", "banana")]
    [InlineData("SOLARA_KERNELS_MAX_COUNT", "-3")]
    [InlineData("SOLARA_MODE", "staging")]
    [InlineData("SOLARA_SESSION_HTTP_ONLY", "maybe")]
    public async Task A_malformed_setting_stops_start_up_naming_the_variable(string variable, string value)
    {
        await using SiloProcess silo = SiloProcess.Start(["--port", SiloProcess.FreePort().ToString()], new Dictionary<string, string> { [variable] = value });

        int exitCode = await silo.Exited.WaitAsync(StartTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{variable}='{value}'", silo.Output);
        Assert.Contains("refusing to start", silo.Output);
    }

    [Fact]
    public async Task A_port_another_process_holds_stops_start_up_naming_the_address()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        int port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        await using SiloProcess silo = SiloProcess.Start(["--host", "127.0.0.1", "--port", port.ToString()]);

        Assert.Equal(2, await silo.Exited.WaitAsync(StartTimeout));
        Assert.Contains("refusing to start", silo.Output);
        Assert.Contains($"127.0.0.1:{port}", silo.Output);
        Assert.Contains("address already in use", silo.Output);
        Assert.DoesNotContain("Unhandled exception", silo.Output);
    }

    [Fact]
    public async Task An_unknown_flag_stops_start_up_with_the_usage()
    {
        await using SiloProcess silo = SiloProcess.Start(["--prot", "8000"]);

        Assert.Equal(2, await silo.Exited.WaitAsync(StartTimeout));
        Assert.Contains("unknown argument '--prot'", silo.Output);
        Assert.Contains("Usage:", silo.Output);
    }

    [Fact]
    public async Task The_port_flag_is_honoured_and_SIGTERM_stops_gracefully()
    {
        int port = SiloProcess.FreePort();
        await using SiloProcess silo = SiloProcess.Start(["--host", "127.0.0.1", "--port", port.ToString()]);
        await silo.Listening.WaitAsync(StartTimeout);
        using var http = new HttpClient();

        string ready = await http.GetStringAsync($"http://127.0.0.1:{port}/readyz");
        silo.Signal("TERM");
        int exitCode = await silo.Exited.WaitAsync(StartTimeout);

        Assert.Equal("{\"status\":\"ok\"}", ready);
        Assert.Equal(0, exitCode);
        Assert.Contains("stopped", silo.Output);
    }

    [Fact]
    public async Task ASPNETCORE_URLS_is_honoured_without_flags_and_production_serves_the_minified_bundle()
    {
        int port = SiloProcess.FreePort();
        await using SiloProcess silo = SiloProcess.Start([], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["SOLARA_MODE"] = "production",
        });
        await silo.Listening.WaitAsync(StartTimeout);
        using var http = new HttpClient();

        string page = await http.GetStringAsync($"http://127.0.0.1:{port}/counter");
        string resourcez = await http.GetStringAsync($"http://127.0.0.1:{port}/resourcez");

        Assert.Contains("solara-client.min.js", page);
        Assert.Contains("\"mode\": \"production\"", resourcez);
    }
}
