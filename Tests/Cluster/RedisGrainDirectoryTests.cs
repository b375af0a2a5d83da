using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Cluster.Directory;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Cluster;

/// <summary>The Redis grain directory against a real <c>redis-server</c>, with the Redis membership
/// table under the same prefix deciding which silos are dead.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisGrainDirectoryTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly SiloAddress SiloA = new("http://a:9101", 1), SiloB = new("http://b:9101", 1);

    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private RespRedisConnection? _connection;
    private RedisGrainDirectory _directory = null!;
    private RedisMembershipTable _membership = null!;

    public async Task InitializeAsync()
    {
        _connection = redis.Connect(timeout: TimeSpan.FromSeconds(5));
        _directory = new RedisGrainDirectory(_connection, _prefix);
        _membership = new RedisMembershipTable(_connection, _prefix);
        await SetStatusAsync(SiloA, SiloStatus.Active);
        await SetStatusAsync(SiloB, SiloStatus.Active);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    private static GrainAddress Address(string grainId, SiloAddress silo, string? activation = null) =>
        new(grainId, activation ?? Guid.NewGuid().ToString("N"), silo, 0);

    private async Task SetStatusAsync(SiloAddress silo, SiloStatus status)
    {
        MembershipSnapshot snapshot = await _membership.ReadAllAsync();
        Assert.True(await _membership.TryUpdateStatusAsync(new MembershipEntry(silo, status, snapshot.Now, 0, null), snapshot.Version));
    }

    [Fact]
    public async Task Registering_an_absent_grain_succeeds_with_fence_one()
    {
        GrainAddress registered = await _directory.RegisterAsync(Address("k1", SiloA), null);

        Assert.Equal(1, registered.Fence);
        Assert.Equal(registered, await _directory.LookupAsync("k1"));
        Assert.Null(await _directory.LookupAsync("k2"));
        Assert.Null(await redis.Admin.TimeToLiveAsync(_directory.KeyOf("k2")));
        Assert.Equal(TimeSpan.MaxValue, await redis.Admin.TimeToLiveAsync(_directory.KeyOf("k1")));
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_grain_have_exactly_one_winner_and_one_fence_increment()
    {
        GrainAddress[] candidates = Enumerable.Range(0, 64).Select(i => Address("k1", i % 2 == 0 ? SiloA : SiloB)).ToArray();

        GrainAddress[] results = await Task.WhenAll(candidates.Select(c => Task.Run(() => _directory.RegisterAsync(c, null))));

        GrainAddress winner = Assert.Single(results.Distinct());
        Assert.Contains(candidates, c => c.ActivationId == winner.ActivationId);
        Assert.Equal(1, winner.Fence);
        Assert.Equal(winner, await _directory.LookupAsync("k1"));
    }

    [Fact]
    public async Task A_live_silos_activation_is_not_taken_over_without_naming_it()
    {
        GrainAddress first = await _directory.RegisterAsync(Address("k1", SiloA), null);
        GrainAddress stranger = Address("k1", SiloB);

        Assert.Equal(first, await _directory.RegisterAsync(stranger, null));
        Assert.Equal(first, await _directory.RegisterAsync(stranger, Address("k1", SiloA, "not-the-current-one")));
        Assert.Equal(1, (await _directory.LookupAsync("k1"))!.Fence);
    }

    [Fact]
    public async Task Naming_the_current_activation_as_predecessor_takes_over_and_increments_the_fence()
    {
        GrainAddress first = await _directory.RegisterAsync(Address("k1", SiloA), null);

        GrainAddress second = await _directory.RegisterAsync(Address("k1", SiloB), first);

        Assert.Equal(SiloB, second.Silo);
        Assert.Equal(2, second.Fence);
        Assert.Equal(second, await _directory.LookupAsync("k1"));
        Assert.Equal(second, await _directory.RegisterAsync(Address("k1", SiloA), first));
    }

    [Fact]
    public async Task An_activation_on_a_dead_silo_is_taken_over_without_naming_it()
    {
        GrainAddress first = await _directory.RegisterAsync(Address("k1", SiloA), null);
        await SetStatusAsync(SiloA, SiloStatus.Dead);

        GrainAddress second = await _directory.RegisterAsync(Address("k1", SiloB), null);

        Assert.NotEqual(first.ActivationId, second.ActivationId);
        Assert.Equal(2, second.Fence);
    }

    [Fact]
    public async Task A_dead_silo_may_not_register()
    {
        await SetStatusAsync(SiloA, SiloStatus.Dead);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => _directory.RegisterAsync(Address("k1", SiloA), null));

        Assert.Contains("Dead", refusal.Message, StringComparison.Ordinal);
        Assert.Null(await _directory.LookupAsync("k1"));
        Assert.Null(await redis.Admin.HashGetAllAsync(_directory.KeyOf("k1")));
    }

    [Fact]
    public async Task An_activation_on_a_silo_missing_from_membership_is_taken_over()
    {
        var gone = new SiloAddress("http://gone:9101", 5);
        await _directory.RegisterAsync(Address("k1", gone), null);

        GrainAddress second = await _directory.RegisterAsync(Address("k1", SiloB), null);

        Assert.Equal(SiloB, second.Silo);
        Assert.Equal(2, second.Fence);
    }

    [Fact]
    public async Task An_activation_on_a_shutting_down_silo_is_still_protected()
    {
        GrainAddress first = await _directory.RegisterAsync(Address("k1", SiloA), null);
        await SetStatusAsync(SiloA, SiloStatus.ShuttingDown);

        Assert.Equal(first, await _directory.RegisterAsync(Address("k1", SiloB), null));
    }

    [Fact]
    public async Task The_fence_never_goes_back_across_unregistration()
    {
        GrainAddress first = await _directory.RegisterAsync(Address("k1", SiloA), null);
        await _directory.UnregisterAsync(first);
        Assert.Null(await _directory.LookupAsync("k1"));

        GrainAddress second = await _directory.RegisterAsync(Address("k1", SiloB), null);
        await _directory.UnregisterAsync(second);
        GrainAddress third = await _directory.RegisterAsync(Address("k1", SiloA), null);

        Assert.Equal([1L, 2L, 3L], [first.Fence, second.Fence, third.Fence]);
    }

    [Fact]
    public async Task Unregistering_another_activation_changes_nothing()
    {
        GrainAddress registered = await _directory.RegisterAsync(Address("k1", SiloA), null);

        await _directory.UnregisterAsync(Address("k1", SiloA, "someone-else"));

        Assert.Equal(registered, await _directory.LookupAsync("k1"));
    }

    [Fact]
    public async Task Sync_fence_raises_but_never_lowers_and_only_for_the_current_activation()
    {
        GrainAddress registered = await _directory.RegisterAsync(Address("k1", SiloA), null);

        Assert.Equal(7, (await _directory.SyncFenceAsync(registered, 7))!.Fence);
        Assert.Equal(7, (await _directory.SyncFenceAsync(registered, 3))!.Fence);
        Assert.Null(await _directory.SyncFenceAsync(Address("k1", SiloA, "someone-else"), 20));
        Assert.Equal(7, (await _directory.LookupAsync("k1"))!.Fence);

        GrainAddress successor = await _directory.RegisterAsync(Address("k1", SiloB), registered);
        Assert.Equal(8, successor.Fence);
    }

    [Fact]
    public async Task Removing_a_dead_silo_removes_exactly_the_entries_that_still_name_it()
    {
        var onA = new List<GrainAddress>();
        for (int i = 0; i < 600; i++)
            onA.Add(await _directory.RegisterAsync(Address($"k{i}", SiloA), null));
        GrainAddress onB = await _directory.RegisterAsync(Address("b-only", SiloB), null);
        await SetStatusAsync(SiloA, SiloStatus.Dead);
        GrainAddress movedToB = await _directory.RegisterAsync(Address("k0", SiloB), null);

        int removed = await _directory.RemoveSiloAsync(SiloA);

        Assert.Equal(599, removed);
        Assert.Null(await _directory.LookupAsync(onA[1].GrainId));
        Assert.Equal(movedToB, await _directory.LookupAsync("k0"));
        Assert.Equal(onB, await _directory.LookupAsync("b-only"));
        Assert.Null(await redis.Admin.HashGetAllAsync(_directory.IndexKeyOf(SiloA)));
        Assert.Equal(0, await _directory.RemoveSiloAsync(SiloA));
        Assert.Equal(2, (await _directory.RegisterAsync(Address(onA[1].GrainId, SiloB), null)).Fence);
        Assert.DoesNotContain(await _directory.ListAsync(), e => e.Silo == SiloA);
    }

    [Fact]
    public async Task List_returns_every_registered_entry_and_skips_unregistered_ones()
    {
        GrainAddress[] registered = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _directory.RegisterAsync(Address($"k{i}", SiloA), null)));
        await _directory.UnregisterAsync(registered[0]);
        var other = new RedisGrainDirectory(_connection!, RedisServerFixture.NewPrefix());
        await other.RegisterAsync(Address("elsewhere", SiloA), null);

        IReadOnlyList<GrainAddress> listed = await _directory.ListAsync();

        Assert.Equal(registered.Skip(1).OrderBy(a => a.GrainId), listed.OrderBy(a => a.GrainId));
    }

    [Fact]
    public async Task A_prefix_with_glob_characters_lists_only_its_own_entries()
    {
        string tricky = RedisServerFixture.NewPrefix() + "[x]*?:";
        var directory = new RedisGrainDirectory(_connection!, tricky);
        var neighbour = new RedisGrainDirectory(_connection!, tricky.Replace("[x]*?", "[x]zz", StringComparison.Ordinal));
        GrainAddress mine = await directory.RegisterAsync(Address("g:1", SiloA), null);
        await neighbour.RegisterAsync(Address("g:2", SiloA), null);

        Assert.Equal([mine], await directory.ListAsync());
    }
}
