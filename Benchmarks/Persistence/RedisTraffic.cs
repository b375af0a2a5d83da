using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Benchmarks.Persistence;

/// <summary>What the server sent Redis between two snapshots, from <c>INFO stats commandstats</c>:
/// Lua scripts called (EVALSHA/EVAL: one network round trip each), commands executed by name
/// (including those the scripts run), and bytes in and out of Redis, less what one snapshot itself
/// costs (measured by two snapshots back to back; the reader's own INFO is never counted by name).</summary>
public sealed class RedisTraffic(RespRedisConnection admin)
{
    private static readonly string[] ScriptCalls = ["evalsha", "eval", "evalsha_ro", "eval_ro"];
    private Snapshot _overhead = new(0, 0, 0, new Dictionary<string, long>());

    public sealed record Snapshot(long Commands, long InputBytes, long OutputBytes, IReadOnlyDictionary<string, long> ByCommand)
    {
        public long Scripts => ScriptCalls.Sum(c => ByCommand.GetValueOrDefault(c));

        public Snapshot Minus(Snapshot earlier) => new(
            Commands - earlier.Commands, InputBytes - earlier.InputBytes, OutputBytes - earlier.OutputBytes,
            ByCommand.Where(c => c.Value != earlier.ByCommand.GetValueOrDefault(c.Key)).ToDictionary(c => c.Key, c => c.Value - earlier.ByCommand.GetValueOrDefault(c.Key)));

        public JsonObject PerInteraction(int interactions)
        {
            var byCommand = new JsonObject();
            foreach ((string command, long calls) in ByCommand.OrderBy(c => c.Key, StringComparer.Ordinal))
                byCommand[command] = Math.Round((double)calls / interactions, 3);
            return new JsonObject
            {
                ["interactions"] = interactions,
                ["scripts_per_interaction"] = Math.Round((double)Scripts / interactions, 3),
                ["commands_executed_per_interaction"] = Math.Round((double)Commands / interactions, 3),
                ["bytes_to_redis_per_interaction"] = Math.Round((double)InputBytes / interactions, 1),
                ["bytes_from_redis_per_interaction"] = Math.Round((double)OutputBytes / interactions, 1),
                ["commands_executed"] = byCommand,
            };
        }
    }

    public async Task CalibrateAsync()
    {
        Snapshot first = await ReadAsync();
        Snapshot second = await ReadAsync();
        _overhead = second.Minus(first) with { ByCommand = new Dictionary<string, long>() };
    }

    public Task<Snapshot> SnapshotAsync() => ReadAsync();

    /// <summary>The traffic since <paramref name="before"/>, without the cost of taking the snapshot.</summary>
    public async Task<Snapshot> SinceAsync(Snapshot before)
    {
        Snapshot delta = (await ReadAsync()).Minus(before);
        return delta with { InputBytes = delta.InputBytes - _overhead.InputBytes, OutputBytes = delta.OutputBytes - _overhead.OutputBytes };
    }

    private async Task<Snapshot> ReadAsync()
    {
        RedisReply reply = await admin.CommandAsync(CancellationToken.None, "INFO", "stats", "commandstats");
        string text = Encoding.UTF8.GetString(reply.AsBytes());
        long input = 0, output = 0;
        var byCommand = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("total_net_input_bytes:", StringComparison.Ordinal))
                input = long.Parse(line[(line.IndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            else if (line.StartsWith("total_net_output_bytes:", StringComparison.Ordinal))
                output = long.Parse(line[(line.IndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            else if (line.StartsWith("cmdstat_", StringComparison.Ordinal) && !line.StartsWith("cmdstat_info:", StringComparison.Ordinal))
            {
                string name = line["cmdstat_".Length..line.IndexOf(':')];
                string calls = line.Split(':', 2)[1].Split(',').First(f => f.StartsWith("calls=", StringComparison.Ordinal))["calls=".Length..];
                byCommand[name] = long.Parse(calls, CultureInfo.InvariantCulture);
            }
        }
        return new Snapshot(byCommand.Values.Sum(), input, output, byCommand);
    }
}
