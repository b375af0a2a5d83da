using System.Text.Json.Nodes;
using Solara.Orleans.Gateway.Dashboard;

namespace Solara.Orleans.Tests.Dashboard;

public sealed class MetricsMathTests
{
    private static readonly double[] Bounds = [1, 2, 4];

    private static JsonObject Block(long commMsgs, long status, long queued, long[] buckets) => new()
    {
        ["counters"] = new JsonObject
        {
            ["solara.kernel.messages.in"] = new JsonObject { ["comm_msg"] = commMsgs },
            ["solara.kernel.messages.out"] = new JsonObject { ["status"] = status },
        },
        ["gauges"] = new JsonObject { ["solara.kernel.mailbox.queued"] = new JsonObject { [""] = queued } },
        ["histograms"] = new JsonObject
        {
            ["solara.kernel.turn.duration"] = new JsonObject
            {
                ["bounds"] = new JsonArray([.. Bounds.Select(b => (JsonNode?)b)]),
                ["counts"] = new JsonArray([.. buckets.Select(c => (JsonNode?)c)]),
                ["sum"] = 1.0,
            },
        },
    };

    [Fact]
    public void The_cluster_sum_adds_counters_gauges_and_buckets_of_every_silo()
    {
        JsonObject sum = MetricsMath.Sum([Block(3, 10, 1, [1, 0, 0, 0]), Block(4, 5, 2, [0, 2, 0, 1])]);

        Assert.Equal(7, MetricsMath.Total(sum, "counters", "solara.kernel.messages.in"));
        Assert.Equal(15, MetricsMath.Total(sum, "counters", "solara.kernel.messages.out"));
        Assert.Equal(3, MetricsMath.Total(sum, "gauges", "solara.kernel.mailbox.queued"));
        Assert.Equal(4, (double?)sum["histograms"]?["solara.kernel.turn.duration"]?["count"]);
    }

    [Fact]
    public void A_delta_is_what_happened_between_two_reports_and_a_restarted_counter_counts_from_zero()
    {
        JsonObject delta = MetricsMath.Delta(Block(10, 2, 0, [5, 5, 0, 0]), Block(4, 7, 0, [5, 1, 0, 0]));

        Assert.Equal(6, MetricsMath.Total(delta, "counters", "solara.kernel.messages.in"));
        Assert.Equal(2, MetricsMath.Total(delta, "counters", "solara.kernel.messages.out"));
        Assert.Equal(4, (double?)delta["histograms"]?["solara.kernel.turn.duration"]?["count"]);
    }

    [Fact]
    public void Percentiles_interpolate_inside_the_bucket_that_holds_the_rank()
    {
        JsonObject histogram = Block(0, 0, 0, [50, 0, 50, 0])["histograms"]!["solara.kernel.turn.duration"]!.AsObject();

        Assert.Equal(1, MetricsMath.Percentile(histogram, 0.5));
        Assert.Equal(3.96, MetricsMath.Percentile(histogram, 0.99));
    }

    [Fact]
    public void Percentiles_of_an_empty_histogram_are_null_and_the_overflow_bucket_answers_the_top_bound()
    {
        Assert.Null(MetricsMath.Percentile(Block(0, 0, 0, [0, 0, 0, 0])["histograms"]!["solara.kernel.turn.duration"]!.AsObject(), 0.5));
        Assert.Equal(4, MetricsMath.Percentile(Block(0, 0, 0, [0, 0, 0, 3])["histograms"]!["solara.kernel.turn.duration"]!.AsObject(), 0.99));
    }

    [Fact]
    public void A_cluster_report_and_an_embedded_report_both_split_into_silos()
    {
        var cluster = new JsonObject
        {
            ["silos"] = new JsonArray(new JsonObject { ["silo"] = "a:1@1" }, new JsonObject { ["silo"] = "b:2@5" }),
            ["totals"] = new JsonObject(),
        };
        var embedded = new JsonObject { ["silo"] = new JsonObject { ["address"] = "http://x@9", ["status"] = "Active" } };

        Assert.Equal(["a:1@1", "b:2@5"], SiloReports.Split(cluster).Keys.Order());
        Assert.Equal(["http://x@9"], SiloReports.Split(embedded).Keys);
    }
}
