using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>A genuine envelope copied where it does not belong (into another kernel's hash, or under
/// another field name) fails HMAC verification on restore: the restore bails out, nothing of it is
/// installed, and the hash is deleted.</summary>
public sealed class StateReplayTests
{
    private const string OtherField = "reactive:samples.explorer.picked";

    [Fact]
    public async Task An_envelope_copied_into_another_kernels_hash_bails_out_on_restore()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string session = RawKernelClient.NewId(), source = RawKernelClient.NewId(), target = RawKernelClient.NewId();
        await EvictAfterClicksAsync(server, source, session, clicks: 5);
        await EvictAfterClicksAsync(server, target, session, clicks: 1);
        await WriteAsync(server, target, session, PersistedServer.CounterField, server.Backend().ReadHash(source)![PersistedServer.CounterField]);

        await using (RawKernelClient client = await RawKernelClient.ConnectAsync(server, target, sessionId: session))
        {
            JsonObject status = await client.AppStatusAsync();
            Assert.Equal("bailout", (string?)status["lastRestore"]!["status"]);
            Assert.Equal(PersistedServer.CounterKey, (string?)status["lastRestore"]!["failedKey"]);
            Assert.Equal("hmac", (string?)status["lastRestore"]!["cause"]);
            Assert.False((bool)status["canRecover"]!);
            Assert.Equal("Clicked: 0", PersistedServer.ButtonLabel(await client.RunAppAsync("counter")));
        }
        Assert.Null(server.Backend().ReadHash(target));
        Assert.NotNull(server.Backend().ReadHash(source));
    }

    [Fact]
    public async Task An_envelope_copied_under_another_field_name_bails_out_on_restore()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string session = RawKernelClient.NewId(), kernelId = RawKernelClient.NewId();
        await EvictAfterClicksAsync(server, kernelId, session, clicks: 3);
        await WriteAsync(server, kernelId, session, OtherField, server.Backend().ReadHash(kernelId)![PersistedServer.CounterField]);

        await using (RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session))
        {
            JsonObject status = await client.AppStatusAsync();
            Assert.Equal("bailout", (string?)status["lastRestore"]!["status"]);
            Assert.Equal("samples.explorer.picked", (string?)status["lastRestore"]!["failedKey"]);
            Assert.Equal("hmac", (string?)status["lastRestore"]!["cause"]);
            // All or nothing: the counter's own, genuine envelope is not restored either.
            Assert.Equal("Clicked: 0", PersistedServer.ButtonLabel(await client.RunAppAsync("counter")));
        }
        Assert.Null(server.Backend().ReadHash(kernelId));
    }

    private static async Task EvictAfterClicksAsync(TestServer server, string kernelId, string session, int clicks)
    {
        (RawKernelClient client, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, session, clicks);
        await using (client)
            await PersistedServer.EvictAsync(server, client, run);
    }

    /// <summary>Writes <paramref name="envelope"/> as-is into the kernel's hash, as someone with write access to the backend could.</summary>
    private static Task WriteAsync(TestServer server, string kernelId, string session, string field, byte[] envelope) =>
        server.Backend().FlushAsync(kernelId, 1, new Dictionary<string, byte[]> { [field] = envelope },
            new StateSigningKeys([PersistedServer.Secret]).SessionHmac(session), server.Persistence().Options.EffectiveSchemaTag, TimeSpan.FromMinutes(5));
}
