using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>What <c>/dashboard/data</c> returns: one sample of the cluster (every silo's report joined with
/// its membership row, the gateways, persistence and Redis), taken at most once per <see cref="MinInterval"/>
/// however many tabs poll, plus the time-series points and events the <see cref="DashboardHistory"/> holds.</summary>
public sealed class DashboardSampler(IKernelGateway kernels, IMembershipTable membership, WebSocketCounters sockets, IServiceProvider services, ILogger<DashboardSampler> logger)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(900);
    private const int EventsShown = 50;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DashboardHistory _history = new();
    private static readonly DateTimeOffset GatewayStarted = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private JsonObject? _sample;
    private DateTimeOffset _sampledAt;

    /// <summary>The latest sample with the points after <paramref name="since"/> (0: all kept).</summary>
    public async Task<JsonObject> DataAsync(long since)
    {
        await _gate.WaitAsync();
        try
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            if (_sample is null || now - _sampledAt >= MinInterval)
            {
                _sample = await SampleAsync(now);
                _sampledAt = now;
            }
            JsonObject data = _sample.DeepClone().AsObject();
            data["seq"] = _history.LastSeq;
            data["points"] = new JsonArray([.. _history.PointsSince(since).Select(p => p.DeepClone())]);
            data["events"] = new JsonArray([.. _history.Events.Reverse().Take(EventsShown).Select(e => e.DeepClone())]);
            return data;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JsonObject> SampleAsync(DateTimeOffset now)
    {
        var errors = new JsonArray();
        JsonObject report;
        try
        {
            report = await kernels.ReportResourcesAsync(verbose: true, redact: false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "dashboard: the resource report failed");
            errors.Add($"resource report: {e.Message}");
            report = new JsonObject();
        }
        MembershipSnapshot? table = null;
        try
        {
            table = await membership.ReadAllAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "dashboard: reading the membership table failed");
            errors.Add($"membership: {e.Message}");
        }
        IReadOnlyDictionary<string, JsonObject> reports = SiloReports.Split(report);
        IReadOnlyDictionary<string, string> reportErrors = SiloReports.Errors(report);
        IGatewayRegistry? registry = services.GetService<IGatewayRegistry>();
        TimeSpan? lease = registry is null ? null : services.GetService<ClusterOptions>()?.Lease ?? TimeSpan.FromSeconds(2);
        List<SiloStatusRow> rows = StatusRows(table, reports, lease);
        _history.Record(now, reports, rows);
        return new JsonObject
        {
            ["now"] = now.ToUnixTimeMilliseconds(),
            ["cluster_mode"] = registry is not null,
            ["membership_version"] = table?.Version,
            ["silos"] = new JsonArray([.. rows.Select(row => (JsonNode?)SiloJson(row, table, reports.GetValueOrDefault(row.Address), reportErrors.GetValueOrDefault(row.Address)))]),
            ["gateways"] = await GatewaysAsync(registry, errors),
            ["persistence"] = DashboardPersistence.Build(reports),
            ["kernels"] = KernelTable(reports),
            ["errors"] = errors,
        };
    }

    private static List<SiloStatusRow> StatusRows(MembershipSnapshot? table, IReadOnlyDictionary<string, JsonObject> reports, TimeSpan? lease)
    {
        var rows = new List<SiloStatusRow>();
        foreach (MembershipEntry entry in (table?.Entries ?? []).OrderBy(e => e.Silo.Endpoint, StringComparer.Ordinal).ThenBy(e => e.Silo.Generation))
        {
            string address = entry.Silo.ToString();
            bool stale = lease is { } l && entry.Status == SiloStatus.Active && table!.Now - entry.IAmAliveTime > l;
            rows.Add(new SiloStatusRow(address, entry.Status.ToString(), stale, reports.ContainsKey(address)));
        }
        foreach (string unlisted in reports.Keys.Where(a => rows.All(r => r.Address != a)).Order(StringComparer.Ordinal))
            rows.Add(new SiloStatusRow(unlisted, "Unknown", false, true));
        return rows;
    }

    private JsonObject SiloJson(SiloStatusRow row, MembershipSnapshot? table, JsonObject? report, string? reportError)
    {
        MembershipEntry? entry = table?.Entries.FirstOrDefault(e => e.Silo.ToString() == row.Address);
        JsonObject? process = report?["process"] as JsonObject;
        JsonObject? metrics = report?["metrics"] as JsonObject;
        return new JsonObject
        {
            ["address"] = row.Address,
            ["endpoint"] = entry?.Silo.Endpoint,
            ["generation"] = entry?.Silo.Generation,
            ["status"] = row.Status,
            ["label"] = row.Label,
            ["healthy"] = row.Healthy,
            ["stale"] = row.Stale,
            ["reporting"] = row.Reporting,
            ["report_error"] = reportError,
            ["heartbeat_age_seconds"] = entry is null || table is null ? null : Math.Round((table.Now - entry.IAmAliveTime).TotalSeconds, 1),
            ["uptime_seconds"] = JsonNumbers.Double(process?["uptime_seconds"]) is { } up ? Math.Round(up) : entry is null || table is null ? null : Math.Round((table.Now - entry.StartTime).TotalSeconds),
            ["cpu_percent"] = _history.CpuPercent.TryGetValue(row.Address, out double cpu) ? cpu : null,
            ["processors"] = process?["processor_count"]?.DeepClone(),
            ["working_set_bytes"] = process?["working_set_bytes"]?.DeepClone(),
            ["gc_heap_bytes"] = process?["gc_heap_bytes"]?.DeepClone(),
            ["capacity"] = entry?.Capacity,
            ["activations"] = new JsonObject
            {
                ["KernelGrain"] = JsonNumbers.Long(report?["kernels"]?["total"]) ?? entry?.Activations,
                ["SessionGrain"] = JsonNumbers.Long(report?["sessions"]?["total"]),
            },
            ["kernels_connected"] = report?["kernels"]?["has_connected"]?.DeepClone(),
            ["kernels_disconnected"] = report?["kernels"]?["has_disconnected"]?.DeepClone(),
            ["mailbox_queued"] = metrics is null ? null : MetricsMath.Total(metrics, "gauges", DashboardPoint.MailboxQueued),
            ["messages_in"] = metrics is null ? null : MetricsMath.Total(metrics, "counters", DashboardPoint.MessagesIn),
            ["messages_out"] = metrics is null ? null : MetricsMath.Total(metrics, "counters", DashboardPoint.MessagesOut),
            ["errors"] = metrics is null ? null : MetricsMath.Total(metrics, "counters", DashboardPoint.Errors),
            ["state"] = report?["state"] is JsonObject state ? DashboardPersistence.SiloState(state) : null,
            ["redis"] = report?["redis"]?.DeepClone(),
        };
    }

    private async Task<JsonArray> GatewaysAsync(IGatewayRegistry? registry, JsonArray errors)
    {
        string self = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "this gateway";
        if (registry is not null)
        {
            try
            {
                IReadOnlyList<GatewayInfo> gateways = await registry.ListAsync();
                return new JsonArray([.. gateways.OrderBy(g => g.Endpoint, StringComparer.Ordinal).Select(g => (JsonNode?)new JsonObject
                {
                    ["endpoint"] = g.Endpoint,
                    ["open_sockets"] = g.OpenSockets,
                    ["uptime_seconds"] = Math.Round((g.LastSeen - g.StartTime).TotalSeconds),
                    ["last_seen"] = g.LastSeen.ToUnixTimeMilliseconds(),
                })]);
            }
            catch (Exception e)
            {
                errors.Add($"gateway registry: {e.Message}");
            }
        }
        return
        [
            new JsonObject
            {
                ["endpoint"] = self,
                ["open_sockets"] = sockets.Open,
                ["uptime_seconds"] = Math.Round((DateTimeOffset.UtcNow - GatewayStarted).TotalSeconds),
                ["sockets_attempted"] = sockets.Attempts,
                ["sockets_closed"] = sockets.Closed,
                ["self"] = true,
            },
        ];
    }

    /// <summary>The busiest kernels of every silo, for the drill-down picker.</summary>
    private static JsonArray KernelTable(IReadOnlyDictionary<string, JsonObject> reports) =>
        new([.. reports.SelectMany(r => (r.Value["kernels"]?["busiest"] as JsonArray ?? []).OfType<JsonObject>().Select(k =>
        {
            JsonObject row = k.DeepClone().AsObject();
            row["silo"] = r.Key;
            return row;
        })).OrderByDescending(k => (string?)k["last_activity"], StringComparer.Ordinal).Take(50).Select(k => (JsonNode?)k)]);
}
