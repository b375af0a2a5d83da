using System.Text.Json.Nodes;
using Solara.Orleans.Gateway.Dashboard;

namespace Solara.Orleans.Tests.Dashboard;

public sealed class DashboardHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonObject Report(long messagesIn, long restoreSuccess = 0, int cpuSeconds = 0) => new()
    {
        ["metrics"] = new JsonObject
        {
            ["counters"] = new JsonObject { [DashboardPoint.MessagesIn] = new JsonObject { ["comm_msg"] = messagesIn } },
            ["gauges"] = new JsonObject(),
            ["histograms"] = new JsonObject(),
        },
        ["state"] = new JsonObject { ["restore_success"] = restoreSuccess, ["restore_bailout"] = 0, ["restore_schema_reset"] = 0 },
        ["process"] = new JsonObject { ["cpu_seconds"] = cpuSeconds },
    };

    private static SiloStatusRow Active(string silo) => new(silo, "Active", false, true);

    [Fact]
    public void Rates_are_the_per_second_change_summed_over_silos()
    {
        var history = new DashboardHistory();
        history.Record(Start, new Dictionary<string, JsonObject> { ["a@1"] = Report(10), ["b@1"] = Report(0) }, [Active("a@1"), Active("b@1")]);
        history.Record(Start.AddSeconds(2), new Dictionary<string, JsonObject> { ["a@1"] = Report(30, cpuSeconds: 1), ["b@1"] = Report(40) }, [Active("a@1"), Active("b@1")]);

        JsonObject point = Assert.Single(history.Points);
        Assert.Equal(30, (double?)point["in_total"]);
        Assert.Equal(30, (double?)point["in"]?["comm_msg"]);
        Assert.Equal(10, (double?)point["by_silo"]?["a@1"]);
        Assert.Equal(20, (double?)point["by_silo"]?["b@1"]);
        Assert.Equal(50, history.CpuPercent["a@1"]);
    }

    [Fact]
    public void A_silo_that_dies_and_the_restores_on_the_survivor_become_events()
    {
        var history = new DashboardHistory();
        history.Record(Start, new Dictionary<string, JsonObject> { ["a@1"] = Report(0), ["b@1"] = Report(0) }, [Active("a@1"), Active("b@1")]);
        history.Record(Start.AddSeconds(1), new Dictionary<string, JsonObject> { ["a@1"] = Report(0) }, [Active("a@1"), new SiloStatusRow("b@1", "Active", true, false)]);
        history.Record(Start.AddSeconds(2), new Dictionary<string, JsonObject> { ["a@1"] = Report(0, restoreSuccess: 3) }, [Active("a@1"), new SiloStatusRow("b@1", "Dead", false, false)]);

        string[] texts = [.. history.Events.Select(e => (string)e["text"]!)];
        Assert.Contains("silo b@1: Active → Active (heartbeat stale)", texts);
        Assert.Contains("silo b@1: Active (heartbeat stale) → Dead", texts);
        Assert.Contains(texts, t => t.StartsWith("silo a@1 restored 3 kernels", StringComparison.Ordinal));
        Assert.Equal("error", (string?)history.Events.Single(e => ((string)e["text"]!).EndsWith("→ Dead", StringComparison.Ordinal))["severity"]);
    }

    [Fact]
    public void Points_since_a_sequence_number_are_only_the_newer_ones_and_the_ring_is_bounded()
    {
        var history = new DashboardHistory(maxPoints: 3);
        for (int i = 0; i < 6; i++)
            history.Record(Start.AddSeconds(i), new Dictionary<string, JsonObject> { ["a@1"] = Report(i) }, [Active("a@1")]);

        Assert.Equal(3, history.Points.Count());
        Assert.Equal([4L, 5L], history.PointsSince(3).Select(p => (long)p["seq"]!));
    }
}
