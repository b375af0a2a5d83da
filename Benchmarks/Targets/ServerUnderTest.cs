namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>The server one phase of the suite measures: a fresh embedded server in a child process,
/// or the running server at a <c>--target</c> URL (left running on dispose).</summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly ServerProcess? _process;

    private ServerUnderTest(string baseUrl, ServerProcess? process)
    {
        BaseUrl = baseUrl;
        _process = process;
        Probe = new ServerProbe(baseUrl);
    }

    public string BaseUrl { get; }

    public ServerProbe Probe { get; }

    public static async Task<ServerUnderTest> StartAsync(string? target)
    {
        if (target is not null)
            return new ServerUnderTest(target, null);
        ServerProcess process = await ServerProcess.StartSolaraAsync();
        return new ServerUnderTest(process.BaseUrl, process);
    }

    public async ValueTask DisposeAsync()
    {
        Probe.Dispose();
        if (_process is not null)
            await _process.DisposeAsync();
    }
}
