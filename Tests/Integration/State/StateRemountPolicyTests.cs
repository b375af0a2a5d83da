using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>What <c>app-status</c> tells the client to do after a restore: <c>SOLARA_STATE_AUTO_REMOUNT</c>
/// and the bail-out storm valve (<c>SOLARA_STATE_BAILOUT_STORM_THRESHOLD</c>).</summary>
public sealed class StateRemountPolicyTests
{
    [Fact]
    public async Task Auto_remount_false_makes_a_successful_restore_give_up_instead_of_remounting()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_AUTO_REMOUNT", "false"));
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        (RawKernelClient first, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, session, clicks: 1);
        await using (first)
            await PersistedServer.EvictAsync(server, first, run);

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        JsonObject status = await second.AppStatusAsync();

        Assert.Equal("success", (string?)status["lastRestore"]!["status"]);
        Assert.False((bool)status["autoRemount"]!);
        Assert.False((bool)status["canRecover"]!);
    }

    [Fact]
    public async Task Auto_remount_defaults_to_on_with_a_backend()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        JsonObject status = await client.AppStatusAsync();

        Assert.True((bool)status["autoRemount"]!);
        Assert.True((bool)status["canRecover"]!, "a miss is a silent remount into fresh state");
    }

    [Fact]
    public async Task A_bailout_storm_suppresses_the_refresh_dialog_and_logs_the_valve_opening()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_BAILOUT_STORM_THRESHOLD", "0.5"));
        var statuses = new List<bool>();
        for (int i = 0; i < BailoutStormValve.MinimumSamples; i++)
            statuses.Add(await TamperedRestoreCanRecoverAsync(server));

        // Below the minimum sample count every bail-out shows the dialog; at it, 10 of 10 is a storm.
        Assert.All(statuses.Take(BailoutStormValve.MinimumSamples - 1), Assert.False);
        Assert.True(statuses[^1]);
        Assert.Single(server.Logs.Matching("bailout storm transition=open bailouts=10 restores=10 threshold=0.5"));
        Assert.Single(server.Logs.Matching("dialog=suppressed"));
    }

    /// <summary>Stores an envelope that fails verification for a new kernel, connects, and returns app-status canRecover.</summary>
    private static async Task<bool> TamperedRestoreCanRecoverAsync(TestServer server)
    {
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        var keys = new StateSigningKeys([PersistedServer.Secret]);
        string tag = server.Persistence().Options.EffectiveSchemaTag;
        await server.Backend().TakeoverAsync(kernelId, keys.SessionHmacs(session), tag, TimeSpan.FromMinutes(5));
        await server.Backend().FlushAsync(kernelId, 1, new Dictionary<string, byte[]> { [PersistedServer.CounterField] = [1, 2, 3] }, keys.SessionHmac(session), tag, TimeSpan.FromMinutes(5));
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        JsonObject status = await client.AppStatusAsync();
        Assert.Equal("bailout", (string?)status["lastRestore"]!["status"]);
        return (bool)status["canRecover"]!;
    }
}
