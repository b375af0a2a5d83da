using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Solara.Orleans.Abstractions.State;

namespace Solara.Orleans.Grains.State;

/// <summary>The in-process backend (<c>SOLARA_STATE_BACKEND=memory</c>): the same hash, field
/// names and bytes Redis would hold, behind one lock, so codecs, envelopes and fencing run for real
/// in development and tests. Expiry follows the injected <see cref="TimeProvider"/>: a hash past its
/// TTL is gone on the next access, and expired hashes are swept at most once a minute. State dies
/// with the process (<see cref="IsShared"/> is false).</summary>
public sealed class MemoryStateBackend(TimeProvider? time = null) : IStateBackend
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public bool IsShared => false;

    public Task<TakeoverResult> TakeoverAsync(string kernelId, IReadOnlyList<byte[]> sessionHmacs, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Takeover(kernelId, sessionHmacs, ttl);
        lock (_lock)
        {
            DateTimeOffset now = Now();
            if (Live(kernelId, now) is not { } entry)
            {
                Claim(kernelId, sessionHmacs[0], schemaTag, Expiry(now, ttl));
                return Task.FromResult(new TakeoverResult(TakeoverOutcome.Miss, 1, Empty));
            }
            if (!entry.Hash.TryGetValue(StateHashFields.SessionId, out byte[]? stored) || !sessionHmacs.Any(h => CryptographicOperations.FixedTimeEquals(stored, h)))
                return Task.FromResult(new TakeoverResult(TakeoverOutcome.IdentityMismatch, 0, Empty));
            if (!entry.Hash.TryGetValue(StateHashFields.Version, out byte[]? version) || Encoding.UTF8.GetString(version) != schemaTag)
            {
                _entries.Remove(kernelId);
                Claim(kernelId, sessionHmacs[0], schemaTag, Expiry(now, ttl));
                return Task.FromResult(new TakeoverResult(TakeoverOutcome.SchemaReset, 1, Empty));
            }
            long generation = (GenerationOf(entry) ?? 0) + 1;
            entry.Hash[StateHashFields.Generation] = Ascii(generation);
            entry.ExpiresAt = Expiry(now, ttl);
            var fields = entry.Hash.Where(f => !StateHashFields.IsMeta(f.Key)).ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal);
            return Task.FromResult(new TakeoverResult(TakeoverOutcome.Restored, generation, fields));
        }
    }

    public Task<FlushResult> FlushAsync(string kernelId, long generation, IReadOnlyDictionary<string, byte[]> fields, byte[] sessionHmac, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Flush(kernelId, fields, sessionHmac, ttl);
        if (generation <= 0)
            return Task.FromResult(new FlushResult(FlushOutcome.NoWriteRights));
        lock (_lock)
        {
            DateTimeOffset now = Now();
            FlushOutcome outcome = FlushOutcome.Written;
            if (Live(kernelId, now) is not { } entry)
            {
                if (generation != 1)
                    return Task.FromResult(new FlushResult(FlushOutcome.Missing));
                entry = _entries[kernelId] = new Entry();
                outcome = FlushOutcome.Created;
            }
            else if (GenerationOf(entry) is var stored && stored != generation)
            {
                return Task.FromResult(new FlushResult(FlushOutcome.Stale, stored));
            }
            entry.Hash[StateHashFields.Generation] = Ascii(generation);
            entry.Hash[StateHashFields.SessionId] = sessionHmac.ToArray();
            entry.Hash[StateHashFields.Version] = Encoding.UTF8.GetBytes(schemaTag);
            foreach ((string field, byte[] value) in fields)
                entry.Hash[field] = value.ToArray();
            entry.ExpiresAt = Expiry(now, ttl);
            return Task.FromResult(new FlushResult(outcome));
        }
    }

    public Task<DeleteResult> DeleteAsync(string kernelId, long? generation, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Kernel(kernelId);
        lock (_lock)
        {
            if (Live(kernelId, Now()) is not { } entry)
                return Task.FromResult(new DeleteResult(DeleteOutcome.Missing));
            if (generation is not null && GenerationOf(entry) is var stored && stored != generation)
                return Task.FromResult(new DeleteResult(DeleteOutcome.Stale, stored));
            _entries.Remove(kernelId);
            return Task.FromResult(new DeleteResult(DeleteOutcome.Deleted));
        }
    }

    public Task<long?> PeekGenerationAsync(string kernelId, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Kernel(kernelId);
        lock (_lock)
            return Task.FromResult(Live(kernelId, Now()) is { } entry ? GenerationOf(entry) : null);
    }

    /// <summary>A copy of the raw hash, exactly as Redis <c>HGETALL</c> would return it; null when absent or expired.</summary>
    public IReadOnlyDictionary<string, byte[]>? ReadHash(string kernelId)
    {
        lock (_lock)
            return Live(kernelId, Now()) is { } entry ? entry.Hash.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal) : null;
    }

    /// <summary>The remaining lifetime of the hash (Redis <c>PTTL</c>); null when absent or expired.</summary>
    public TimeSpan? TimeToLive(string kernelId)
    {
        lock (_lock)
        {
            DateTimeOffset now = Now();
            return Live(kernelId, now) is { } entry ? entry.ExpiresAt - now : null;
        }
    }

    private static readonly IReadOnlyDictionary<string, byte[]> Empty = new Dictionary<string, byte[]>();

    private void Claim(string kernelId, byte[] sessionHmac, string schemaTag, DateTimeOffset expiresAt) =>
        _entries[kernelId] = new Entry
        {
            Hash =
            {
                [StateHashFields.Generation] = Ascii(1),
                [StateHashFields.SessionId] = sessionHmac.ToArray(),
                [StateHashFields.Version] = Encoding.UTF8.GetBytes(schemaTag),
            },
            ExpiresAt = expiresAt,
        };

    private Entry? Live(string kernelId, DateTimeOffset now)
    {
        if (now >= _nextSweep)
        {
            foreach (string expired in _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
                _entries.Remove(expired);
            _nextSweep = now + SweepInterval;
        }
        if (!_entries.TryGetValue(kernelId, out Entry? entry))
            return null;
        if (entry.ExpiresAt > now)
            return entry;
        _entries.Remove(kernelId);
        return null;
    }

    private DateTimeOffset Now() => _time.GetUtcNow();

    private static DateTimeOffset Expiry(DateTimeOffset now, TimeSpan ttl) => ttl >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + ttl;

    private static long? GenerationOf(Entry entry) =>
        entry.Hash.TryGetValue(StateHashFields.Generation, out byte[]? raw)
        && long.TryParse(Encoding.ASCII.GetString(raw), NumberStyles.None, CultureInfo.InvariantCulture, out long generation)
            ? generation
            : null;

    private static byte[] Ascii(long generation) => Encoding.ASCII.GetBytes(generation.ToString(CultureInfo.InvariantCulture));

    private sealed class Entry
    {
        public Dictionary<string, byte[]> Hash { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
