using Solara.Apps;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;
using Solara.Reactive;
using Solara.Rendering;

namespace Solara.Orleans.Tests.Rendering;

/// <summary>A <c>dotnet watch</c> code update re-renders live kernels and keeps their state.</summary>
public sealed class HotReloadTests
{
    [Fact]
    public async Task A_metadata_update_rerenders_every_live_kernel_keeping_reactive_values_and_hook_state()
    {
        await using TestServer server = await TestServer.StartAsync(apps: [new RenderCountApp()]);
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("rendercount");
        string text = run.Widget("HTMLModel").CommId!;
        await client.ClickAsync(run.ButtonId);

        HotReload.UpdateApplication(null);

        await client.WaitForAsync(m => m.CommId == text && m.Method == "update" && (string?)AppRun.State(m)["value"] == "renders=3 clicks=1", "a re-render after the update");
    }

    private sealed class RenderCountApp : SolaraApp
    {
        private static readonly Reactive<int> Clicks = new(0);

        public override string Name => "rendercount";
        public override string Title => "Render count (test)";

        public override Element Render(RenderContext context) => Component.Of(Page);

        private static Element Page()
        {
            Ref<int> renders = Hooks.UseRef(0);
            renders.Value++;
            return RenderTestApps.Column(
            [
                RenderTestApps.Html($"renders={renders.Value} clicks={Clicks.Value}"),
                RenderTestApps.Button("More", () => Clicks.Value++),
            ]);
        }
    }
}
