using System.Diagnostics;
using System.Text.Json.Nodes;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.Runtime;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Grains.Hosting;

/// <summary>The silo's part of <c>/resourcez</c>: kernels, sessions, execution resources, state.</summary>
public static class ResourceReport
{
    public static JsonObject Build(KernelSilo silo, bool verbose, bool redact)
    {
        KernelGrain[] kernels = silo.Kernels.ToArray();
        PoolSnapshot turns = silo.Services.TurnThreads.Snapshot();
        var report = new JsonObject
        {
            ["silo"] = new JsonObject { ["address"] = silo.Address.ToString(), ["status"] = silo.Status.ToString() },
            ["kernels"] = new JsonObject
            {
                ["total"] = kernels.Length,
                ["has_connected"] = kernels.Count(k => k.ConnectedPages > 0),
                ["has_disconnected"] = kernels.Count(k => k.DisconnectedPages > 0),
                ["has_closed"] = kernels.Count(k => k.ClosedPages > 0),
                ["max_count"] = silo.Services.Options.MaxCount,
                ["cull_timeout_seconds"] = silo.Services.Options.CullTimeout.TotalSeconds,
                ["busiest"] = KernelTable(kernels, verbose ? 100 : 10, redact),
            },
            ["sessions"] = new JsonObject { ["total"] = silo.Sessions.Count },
            ["turn_threads"] = new JsonObject
            {
                ["threads"] = turns.Threads,
                ["busy"] = turns.Busy,
                ["idle"] = turns.Idle,
                ["queued"] = turns.Queued,
                ["threads_started"] = turns.ThreadsStarted,
                ["turns_executed"] = turns.ItemsExecuted,
            },
            ["thread_pool"] = new JsonObject
            {
                ["threads"] = ThreadPool.ThreadCount,
                ["pending_work_items"] = ThreadPool.PendingWorkItemCount,
                ["completed_work_items"] = ThreadPool.CompletedWorkItemCount,
            },
            ["state"] = silo.Services.State?.Stats.Report(verbose, redact, Redaction.Hash) ?? StateOff(),
        };
        if (verbose)
            report["process"] = ProcessDetail();
        return report;
    }

    /// <summary>The <c>state</c> block while no state backend is configured: the same fields as a live
    /// one, all at rest, with <c>status: "off"</c>.</summary>
    private static JsonObject StateOff()
    {
        JsonObject block = new StateStats(TimeProvider.System).Report(verbose: false, redact: false, Redaction.Hash);
        block["status"] = "off";
        return block;
    }

    private static JsonArray KernelTable(KernelGrain[] kernels, int rows, bool redact)
    {
        var table = new JsonArray();
        foreach (KernelGrain k in kernels.OrderByDescending(k => k.Mailbox.Pending).ThenByDescending(k => k.LastActivity).Take(rows))
        {
            table.Add(new JsonObject
            {
                ["kernel"] = redact ? Redaction.Hash(k.KernelId) : k.KernelId,
                ["pending_turns"] = k.Mailbox.Pending,
                ["sockets"] = k.SocketCount,
                ["connected_pages"] = k.ConnectedPages,
                ["disconnected_pages"] = k.DisconnectedPages,
                ["widgets"] = k.Widgets.Count,
                ["messages_sent"] = k.Messenger.MessagesSent,
                ["last_activity"] = k.LastActivity.ToString("O"),
            });
        }
        return table;
    }

    private static JsonObject ProcessDetail()
    {
        using Process process = Process.GetCurrentProcess();
        GCMemoryInfo gc = GC.GetGCMemoryInfo();
        return new JsonObject
        {
            ["cpu_seconds"] = process.TotalProcessorTime.TotalSeconds,
            ["cpu_user_seconds"] = process.UserProcessorTime.TotalSeconds,
            ["processor_count"] = Environment.ProcessorCount,
            ["working_set_bytes"] = process.WorkingSet64,
            ["private_bytes"] = process.PrivateMemorySize64,
            ["gc_heap_bytes"] = GC.GetTotalMemory(false),
            ["gc_committed_bytes"] = gc.TotalCommittedBytes,
            ["gc_collections"] = new JsonArray(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)),
            ["os_threads"] = process.Threads.Count,
            ["uptime_seconds"] = (DateTime.Now - process.StartTime).TotalSeconds,
        };
    }
}
