using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Sessions;

/// <summary>The session-counter sample over the raw protocol: one button whose label is the session's count.</summary>
public static class SessionCounterClient
{
    public const string App = "session-counter";
    public const string Key = "samples.session-counter.clicks";

    public static string Label(int count) => $"Clicked in this session: {count}";

    public static async Task<AppRun> RunAsync(RawKernelClient client) => await client.RunAppAsync(App);

    public static string LabelOf(AppRun run) => (string?)AppRun.State(run.Widget("ButtonModel"))["description"] ?? "";

    /// <summary>Waits for an <c>update</c> of the run's button that shows <paramref name="count"/> (a push from the session).</summary>
    public static Task<ReceivedMessage> PushedAsync(RawKernelClient client, AppRun run, int count) =>
        client.WaitForAsync(m => m.CommId == run.ButtonId && m.Method == "update" && m.Data["state"] is JsonObject state && (string?)state["description"] == Label(count),
            $"kernel {client.KernelId}'s button showing '{Label(count)}'");
}
