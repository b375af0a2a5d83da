using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>The acceptance bar: an unmodified <c>@jupyterlab/services</c> <c>KernelConnection</c> in Node
/// (<c>Tests/Node/kernel-connection.mjs</c>) connects, runs the counter and clicks its button.</summary>
public sealed class JupyterLabKernelConnectionTests
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task JupyterLab_KernelConnection_runs_the_counter_and_sees_its_click()
    {
        await EnsureNodeModulesAsync();
        await using TestServer server = await TestServer.StartAsync();

        ExternalProcess.Result run = await ExternalProcess.RunAsync("node", ["kernel-connection.mjs", server.BaseUrl, "30000"], RepositoryPaths.NodeTests, ScriptTimeout);

        Assert.True(run.ExitCode == 0, $"kernel-connection.mjs failed: {run}");
        string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("kernel_info_reply protocol_version=5.3 implementation=solara.orleans", lines);
        Assert.Contains("solara.control opened", lines);
        Assert.Contains(lines, l => l.StartsWith("run finished: ", StringComparison.Ordinal) && l.EndsWith("button \"Clicked: 0\"", StringComparison.Ordinal));
        Assert.Contains("click update: Clicked: 1", lines);
        Assert.Equal("PASS", lines[^1]);

        // The kernel it used belongs to the session cookie the page issued to it.
        string session = lines.Single(l => l.StartsWith("session cookie issued: ", StringComparison.Ordinal))["session cookie issued: ".Length..];
        Assert.Contains(server.Silo.Kernels, k => k.SessionId == session && k.Started);
    }

    /// <summary><c>npm ci</c> in Tests/Node when node_modules is missing or older than package-lock.json.</summary>
    private static async Task EnsureNodeModulesAsync()
    {
        string dir = RepositoryPaths.NodeTests;
        string installed = Path.Combine(dir, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(dir, "package-lock.json")))
            return;
        ExternalProcess.Result install = await ExternalProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], dir, InstallTimeout);
        Assert.True(install.ExitCode == 0, $"npm ci in {dir} failed (Node.js and npm must be on PATH, with access to the npm registry): {install}");
    }
}
