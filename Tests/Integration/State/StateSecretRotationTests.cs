using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>Secret rotation end to end: state signed with the old key restores under
/// <c>SOLARA_STATE_SECRET_KEYS=new,old</c> and is re-signed with the new primary on the next write.</summary>
public sealed class StateSecretRotationTests
{
    private const string OldSecret = "rotation-old-secret", NewSecret = "rotation-new-secret";

    [Fact]
    public async Task A_value_signed_with_the_old_key_restores_and_is_re_signed_with_the_new_primary()
    {
        var backend = new MemoryStateBackend();
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        await using (TestServer before = await TestServer.StartAsync(PersistedServer.Settings(("SOLARA_STATE_SECRET_KEYS", OldSecret)), stateBackend: backend))
        {
            (RawKernelClient client, AppRun run) = await PersistedServer.CounterAsync(before, kernelId, session, clicks: 2);
            await using (client)
                await PersistedServer.EvictAsync(before, client, run);
        }
        var rotated = new StateSigningKeys([NewSecret, OldSecret]);
        Assert.Equal(1, StateEnvelope.Open(rotated, kernelId, PersistedServer.CounterField, backend.ReadHash(kernelId)![PersistedServer.CounterField]).KeyIndex);

        await using TestServer after = await TestServer.StartAsync(PersistedServer.Settings(("SOLARA_STATE_SECRET_KEYS", $"{NewSecret},{OldSecret}"), ("SOLARA_STATE_FLUSH_DEBOUNCE", "0s")), stateBackend: backend);
        await using RawKernelClient again = await RawKernelClient.ConnectAsync(after, kernelId, sessionId: session);
        JsonObject status = await again.AppStatusAsync();
        // The value is re-signed when the app first uses it (the run), so listen before running.
        KernelStateStore store = after.Silo.Find(kernelId)!.State!;
        var flushed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Flushed += n => flushed.TrySetResult(n);
        AppRun restored = await again.RunAppAsync("counter");

        Assert.Equal("success", (string?)status["lastRestore"]!["status"]);
        Assert.Equal("Clicked: 2", PersistedServer.ButtonLabel(restored));
        // Using the restored value re-signs it, with no change by the user.
        Assert.Equal(1, await flushed.Task.WaitAsync(RawKernelClient.DefaultTimeout));
        EnvelopeOpenResult resigned = StateEnvelope.Open(rotated, kernelId, PersistedServer.CounterField, backend.ReadHash(kernelId)![PersistedServer.CounterField]);
        Assert.True(resigned.Verified);
        Assert.Equal(0, resigned.KeyIndex);
        Assert.False(resigned.NeedsResign);
    }
}
