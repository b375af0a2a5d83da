using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.State;

/// <summary>The real <c>Silo</c> executable validates the <c>SOLARA_STATE_*</c> settings at start-up.</summary>
public sealed class StateStartupTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("memory", "", "SOLARA_STATE_SECRET_KEYS must be set when SOLARA_STATE_BACKEND=memory")]
    [InlineData("memory", "change me", "placeholder 'change me'")]
    [InlineData("cassandra", "k", "SOLARA_STATE_BACKEND='cassandra' is not a state backend")]
    public async Task A_bad_state_configuration_refuses_to_start_naming_the_variable(string backend, string secrets, string message)
    {
        await using SiloProcess silo = SiloProcess.Start(["--port", SiloProcess.FreePort().ToString()],
            new Dictionary<string, string> { ["SOLARA_STATE_BACKEND"] = backend, ["SOLARA_STATE_SECRET_KEYS"] = secrets });

        int exitCode = await silo.Exited.WaitAsync(StartTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("refusing to start", silo.Output);
        Assert.Contains(message, silo.Output);
    }

    [Fact]
    public async Task A_valid_state_configuration_starts_prints_its_warnings_and_stops_cleanly()
    {
        await using SiloProcess silo = SiloProcess.Start(["--host", "127.0.0.1", "--port", SiloProcess.FreePort().ToString()],
            new Dictionary<string, string> { ["SOLARA_STATE_BACKEND"] = "memory", ["SOLARA_STATE_SECRET_KEYS"] = "a-real-secret" });

        await silo.Listening.WaitAsync(StartTimeout);
        silo.Signal("TERM");
        int exitCode = await silo.Exited.WaitAsync(StartTimeout);

        Assert.Equal(0, exitCode);
        Assert.Contains("solara: warning: A state backend is enabled but SOLARA_SESSION_HTTP_ONLY is false", silo.Output);
    }
}
