using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Cluster.Membership;

/// <summary>A gateway's view of membership: one table read serves every caller for <paramref name="maxAge"/>
/// (callers arriving during a read share it), so a burst of page connects costs one Redis call, not one
/// per page. Writes pass through.</summary>
public sealed class CachedMembershipTable(IMembershipTable table, TimeSpan maxAge, TimeProvider? time = null) : IMembershipTable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _lock = new();
    private Task<MembershipSnapshot>? _read;
    private long _readAt;

    public Task<MembershipSnapshot> ReadAllAsync()
    {
        lock (_lock)
        {
            bool fresh = _read is { IsFaulted: false, IsCanceled: false } && (!_read.IsCompleted || _time.GetElapsedTime(_readAt) < maxAge);
            if (!fresh)
            {
                _readAt = _time.GetTimestamp();
                _read = table.ReadAllAsync();
            }
            return _read!;
        }
    }

    public Task<bool> TryUpdateStatusAsync(MembershipEntry entry, long expectedVersion) => table.TryUpdateStatusAsync(entry, expectedVersion);

    public Task<HeartbeatResult> HeartbeatAsync(SiloAddress silo, int activations) => table.HeartbeatAsync(silo, activations);

    public Task<bool> TryRemoveAsync(SiloAddress silo, long expectedVersion) => table.TryRemoveAsync(silo, expectedVersion);
}
