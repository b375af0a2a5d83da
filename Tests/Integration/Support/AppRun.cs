using System.Text.Json.Nodes;

namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>The outcome of <c>run</c> on a <c>solara.control</c> comm: the exchange and what it opened.</summary>
public sealed record AppRun(string ControlCommId, Exchange Exchange)
{
    /// <summary>The <c>{method: "finished"}</c> reply on the control comm.</summary>
    public ReceivedMessage Finished =>
        Exchange.CommMessages(ControlCommId).SingleOrDefault(m => m.Method == "finished")
        ?? throw new Xunit.Sdk.XunitException($"run sent no 'finished'; got {Exchange.Describe()}");

    public string ContainerId => (string?)Finished.Data["widget_id"] ?? throw new Xunit.Sdk.XunitException("'finished' has no widget_id");

    public IReadOnlyList<ReceivedMessage> WidgetOpens => Exchange.CommOpens;

    /// <summary>The comm_open of the only widget with this <c>_model_name</c>.</summary>
    public ReceivedMessage Widget(string modelName) =>
        WidgetOpens.SingleOrDefault(m => (string?)State(m)["_model_name"] == modelName)
        ?? throw new Xunit.Sdk.XunitException($"no single {modelName} among {string.Join(", ", WidgetOpens.Select(m => State(m)["_model_name"]))}");

    public string ButtonId => Widget("ButtonModel").CommId!;

    public static JsonObject State(ReceivedMessage commOpenOrUpdate) =>
        commOpenOrUpdate.Data["state"] as JsonObject ?? throw new Xunit.Sdk.XunitException($"{commOpenOrUpdate} has no state");
}
