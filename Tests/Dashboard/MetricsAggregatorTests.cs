using System.Diagnostics;
using System.Text.Json.Nodes;
using Solara.Orleans.Grains.Metrics;

namespace Solara.Orleans.Tests.Dashboard;

public sealed class MetricsAggregatorTests
{
    [Fact]
    public void Messages_are_counted_per_msg_type_and_error_replies_count_as_errors()
    {
        using var metrics = new KernelMetrics(state: null);

        metrics.MessageIn("comm_msg");
        metrics.MessageIn("comm_msg");
        metrics.MessageIn("kernel_info_request");
        metrics.MessageOut("status");
        metrics.MessageOut("error");

        JsonObject report = metrics.Aggregate.Report();
        Assert.Equal(2, (long?)report["counters"]?[KernelMetrics.MessagesIn]?["comm_msg"]);
        Assert.Equal(1, (long?)report["counters"]?[KernelMetrics.MessagesIn]?["kernel_info_request"]);
        Assert.Equal(1, (long?)report["counters"]?[KernelMetrics.MessagesOut]?["error"]);
        Assert.Equal(1, (long?)report["counters"]?[KernelMetrics.Errors]?["error_reply"]);
    }

    [Fact]
    public void Two_silos_in_one_process_do_not_see_each_others_measurements()
    {
        using var first = new KernelMetrics(state: null);
        using var second = new KernelMetrics(state: null);

        first.MessageIn("comm_msg");

        Assert.Equal(1, first.Aggregate.Value(KernelMetrics.MessagesIn, "comm_msg"));
        Assert.Equal(0, second.Aggregate.Value(KernelMetrics.MessagesIn, "comm_msg"));
    }

    [Fact]
    public void Turn_durations_land_in_fixed_buckets_that_sum_to_the_count()
    {
        using var metrics = new KernelMetrics(state: null);
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < 5; i++)
            metrics.TurnCompleted(started);

        JsonObject histogram = metrics.Aggregate.Report()["histograms"]![KernelMetrics.TurnDuration]!.AsObject();
        JsonArray counts = histogram["counts"]!.AsArray();
        Assert.Equal(LatencyBuckets.Bounds.Count + 1, counts.Count);
        Assert.Equal(5, (long?)histogram["count"]);
        Assert.Equal(5, counts.Sum(c => (long)c!));
        Assert.True((double?)histogram["sum"] > 0);
    }

    [Fact]
    public void Bucket_bounds_hold_a_duration_at_or_below_them()
    {
        var buckets = new LatencyBuckets();
        buckets.Record(LatencyBuckets.Bounds[3]);
        buckets.Record(LatencyBuckets.Bounds[3] + 0.0001);
        buckets.Record(1e9);

        long[] counts = buckets.Counts();
        Assert.Equal(1, counts[3]);
        Assert.Equal(1, counts[4]);
        Assert.Equal(1, counts[^1]);
    }

    [Fact]
    public void Redis_info_memory_is_read_into_used_max_ratio_and_policy()
    {
        const string info = "# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\nmaxmemory:4194304\r\nmaxmemory_policy:allkeys-lru\r\n";

        JsonObject block = RedisHealthProbe.FromInfo(info, 0.42);

        Assert.True((bool?)block["reachable"]);
        Assert.Equal(1048576, (long?)block["used_memory_bytes"]);
        Assert.Equal(4194304, (long?)block["maxmemory_bytes"]);
        Assert.Equal(0.25, (double?)block["used_ratio"]);
        Assert.Equal("allkeys-lru", (string?)block["maxmemory_policy"]);
    }

    [Fact]
    public void Redis_without_maxmemory_reports_no_limit()
    {
        JsonObject block = RedisHealthProbe.FromInfo("used_memory:10\nmaxmemory:0\nmaxmemory_policy:noeviction\n", 1);

        Assert.Null(block["maxmemory_bytes"]);
        Assert.Null(block["used_ratio"]);
    }
}
