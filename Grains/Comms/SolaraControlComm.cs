using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Grains.Kernels;

namespace Solara.Orleans.Grains.Comms;

/// <summary>The <c>solara.control</c> comm the page opens: <c>run</c>, <c>app-status</c>, <c>evict</c>.</summary>
public sealed class SolaraControlComm(string commId, string pageId, KernelGrain kernel) : ICommTarget
{
    public const string Target = "solara.control";

    /// <summary>The page that opened this comm.</summary>
    public string PageId => pageId;

    public string CommId => commId;
    public string TargetName => Target;

    public void OnMessage(JsonObject data, JupyterMessage request)
    {
        JsonObject reply;
        switch ((string?)data["method"])
        {
            case "run":
                JsonObject args = data["args"] as JsonObject ?? new JsonObject();
                reply = kernel.Run((string?)args["path"] ?? "/", (string?)args["appName"], request.Header);
                break;
            case "location":
                kernel.Locate((string?)data["path"] ?? "/");
                return;
            case "app-status":
                reply = kernel.AppStatus();
                break;
            case "evict":
                reply = Evict();
                break;
            default:
                reply = new JsonObject { ["method"] = "error", ["error"] = $"solara.control has no method '{data["method"]}' (expected run, location, app-status or evict)" };
                kernel.Messenger.Error("UnknownCommMethod", (string)reply["error"]!, request.Header);
                break;
        }
        kernel.Messenger.CommMessage(commId, reply, request.Header);
    }

    /// <summary>Dev/test eviction: the reply goes out with this request's turn; the close (after a
    /// final flush, state kept) is the next turn.</summary>
    private JsonObject Evict()
    {
        if (kernel.Services.State?.Options.TestEviction != true)
            return new JsonObject { ["method"] = "evict", ["status"] = "refused", ["reason"] = "eviction is disabled (it needs a state backend and SOLARA_STATE_TEST_EVICTION=true, and is never on in production)" };
        kernel.Mailbox.Post(() => kernel.Close(KernelCloseReason.Evicted));
        return new JsonObject { ["method"] = "evict", ["status"] = "evicted" };
    }

    public void OnClose(JupyterMessage request)
    {
    }
}
