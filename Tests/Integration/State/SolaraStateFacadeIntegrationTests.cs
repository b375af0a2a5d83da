using System.Collections.Concurrent;
using Solara.Apps;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;
using Solara.Rendering;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>A real kernel's app code sees its own ids and fencing epoch through <see cref="SolaraState"/>,
/// and work it started on <see cref="SolaraState.KernelClosed"/> stops when the kernel is evicted.</summary>
public sealed class SolaraStateFacadeIntegrationTests
{
    [Fact]
    public async Task App_code_reads_its_kernel_session_and_generation_and_its_work_stops_when_the_kernel_closes()
    {
        await using TestServer server = await TestServer.StartAsync(PersistedServer.Settings(), [new FacadeApp()]);
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        AppRun run = await client.RunAppAsync("facade");
        string label = PersistedServer.ButtonLabel(run);

        await client.ClickAsync(run.ButtonId);
        Task work = FacadeApp.Work[kernelId];
        bool runningBeforeEviction = !work.IsCompleted;
        await PersistedServer.EvictAsync(server, client, run);

        Assert.Equal($"{kernelId}|{session}|1", label);
        Assert.True(runningBeforeEviction);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work.WaitAsync(RawKernelClient.DefaultTimeout));
    }

    private sealed class FacadeApp : SolaraApp
    {
        /// <summary>The work each kernel started, by kernel id.</summary>
        public static readonly ConcurrentDictionary<string, Task> Work = new();

        public override string Name => "facade";
        public override string Title => "SolaraState facade (test)";

        public override Element Render(RenderContext context) => Component.Of(Page);

        private static Element Page() =>
            UI.Button($"{SolaraState.KernelId}|{SolaraState.SessionId}|{SolaraState.Generation}",
                () => Work[SolaraState.KernelId!] = Task.Delay(Timeout.Infinite, SolaraState.KernelClosed));
    }
}
