using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Grains.State.Redis;
using Solara.Orleans.Grains.State.Resilience;

namespace Solara.Orleans.Benchmarks.Persistence;

/// <summary>Durations of the backend calls a kernel makes, through the same bounded, breaker-guarded
/// backend the server uses: a takeover of a new kernel (miss), a fenced flush of one counter field,
/// a takeover that restores it (failover), and the fenced delete of a page close.</summary>
public static class BackendCalls
{
    public sealed record Result(LatencySummary TakeoverMiss, LatencySummary Flush, LatencySummary TakeoverRestore, LatencySummary Delete, int EnvelopeBytes);

    public static async Task<Result> MeasureAsync(string redisUrl, int iterations, int warmup)
    {
        var source = new SettingsSource(new Dictionary<string, string>
        {
            ["SOLARA_STATE_BACKEND"] = "redis",
            ["SOLARA_STATE_URL"] = redisUrl,
            ["SOLARA_STATE_SECRET_KEYS"] = BenchmarkHost.Secret,
            ["SOLARA_STATE_PREFIX"] = $"bench:{Guid.NewGuid():N}:",
        });
        ServerOptions server = ServerOptions.From(source, productionFlag: true);
        StateOptions options = StateOptions.From(source, server, KernelOptions.From(source));
        await using RedisStateBackend redis = RedisStateBackend.Create(options);
        var backend = ResilientStateBackend.Create(redis, options, NullLogger.Instance, TimeProvider.System);
        var keys = new StateSigningKeys(options.SecretKeys);
        string session = Guid.NewGuid().ToString();
        IReadOnlyList<byte[]> hmacs = keys.SessionHmacs(session);
        byte[] hmac = keys.SessionHmac(session);
        const string field = "reactive:samples.counter.clicks";

        var takeoverMiss = new List<double>();
        var flush = new List<double>();
        var takeoverRestore = new List<double>();
        var delete = new List<double>();
        int envelopeBytes = 0;
        for (int i = 0; i < warmup + iterations; i++)
        {
            string kernelId = Guid.NewGuid().ToString();
            byte[] envelope = StateEnvelope.Seal(keys, kernelId, field, "json", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            envelopeBytes = envelope.Length;

            (TakeoverResult first, double missMs) = await TimeAsync(() => backend.TakeoverAsync(kernelId, hmacs, options.EffectiveSchemaTag, options.Ttl));
            Expect(first.Outcome == TakeoverOutcome.Miss, $"takeover of a new kernel was {first.Outcome}");
            (FlushResult written, double flushMs) = await TimeAsync(() => backend.FlushAsync(kernelId, first.Generation, new Dictionary<string, byte[]> { [field] = envelope }, hmac, options.EffectiveSchemaTag, options.Ttl));
            Expect(written.Accepted, $"flush was {written.Outcome}");
            (TakeoverResult again, double restoreMs) = await TimeAsync(() => backend.TakeoverAsync(kernelId, hmacs, options.EffectiveSchemaTag, options.Ttl));
            Expect(again.Outcome == TakeoverOutcome.Restored && again.Fields.Count == 1, $"takeover after a flush was {again.Outcome} with {again.Fields.Count} fields");
            (DeleteResult deleted, double deleteMs) = await TimeAsync(() => backend.DeleteAsync(kernelId, again.Generation));
            Expect(deleted.Deleted, $"delete was {deleted.Outcome}");
            if (i < warmup)
                continue;
            takeoverMiss.Add(missMs);
            flush.Add(flushMs);
            takeoverRestore.Add(restoreMs);
            delete.Add(deleteMs);
        }
        return new Result(LatencySummary.Of(takeoverMiss), LatencySummary.Of(flush), LatencySummary.Of(takeoverRestore), LatencySummary.Of(delete), envelopeBytes);
    }

    private static async Task<(T Result, double Milliseconds)> TimeAsync<T>(Func<Task<T>> call)
    {
        long start = Stopwatch.GetTimestamp();
        T result = await call();
        return (result, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
            throw new InvalidOperationException(failure);
    }
}
