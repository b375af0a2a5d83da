using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.Metrics;
using Solara.Orleans.Grains.Runtime;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Grains.State.Redis;
using Solara.Orleans.Grains.State.Resilience;

namespace Solara.Orleans.Grains.Hosting;

/// <summary>The silo's part of <c>/resourcez</c>: kernels, sessions, execution resources, state, the
/// silo's instruments (<c>metrics</c>) and, with the Redis state backend, the <c>redis</c> block.</summary>
public static class ResourceReport
{
    private static readonly ConditionalWeakTable<KernelSilo, RedisHealthProbe> RedisProbes = new();

    public static async Task<JsonObject> BuildAsync(KernelSilo silo, bool verbose, bool redact)
    {
        JsonObject report = Build(silo, verbose, redact);
        report["redis"] = RedisProbeOf(silo) is { } probe ? await probe.ReportAsync() : null;
        return report;
    }

    /// <summary>The probe of the silo's Redis state backend; null with another backend or none.</summary>
    private static RedisHealthProbe? RedisProbeOf(KernelSilo silo)
    {
        IStateBackend? backend = silo.Services.State?.Backend;
        if (backend is ResilientStateBackend resilient)
            backend = resilient.Inner;
        return backend is RedisStateBackend redis ? RedisProbes.GetValue(silo, _ => new RedisHealthProbe(redis, silo.Services.Time)) : null;
    }

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
            ["metrics"] = silo.Services.Metrics.Aggregate.Report(),
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
