using System.Diagnostics;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Directory;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Solara.Orleans.Tests.Cluster;

/// <summary>The membership agent over the Redis table and directory on a real <c>redis-server</c>:
/// joining, self-fencing while Redis is unreachable, stopping when declared dead, and failure
/// detection of peers that stop heartbeating (an agent disposed without writing a status is a
/// killed silo: its row stays Active and its heartbeats stop).</summary>
[Collection(RedisCollection.Name)]
public sealed class MembershipAgentTests(RedisServerFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static long _generation = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly List<IAsyncDisposable> _owned = [];
    private RedisMembershipTable _table = null!;
    private RedisGrainDirectory _directory = null!;

    public Task InitializeAsync()
    {
        RespRedisConnection connection = Own(redis.Connect(timeout: TimeSpan.FromSeconds(5)));
        _table = new RedisMembershipTable(connection, _prefix);
        _directory = new RedisGrainDirectory(connection, _prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (IAsyncDisposable owned in Enumerable.Reverse(_owned))
            await owned.DisposeAsync();
    }

    private static ClusterOptions Options(TimeSpan? heartbeat = null, TimeSpan? lease = null, TimeSpan? defunctAfter = null) => new()
    {
        RedisUrl = "redis://127.0.0.1:6379/0",
        Secret = "unused-by-the-membership-agent",
        Heartbeat = heartbeat ?? TimeSpan.FromMilliseconds(100),
        Lease = lease ?? TimeSpan.FromSeconds(1),
        DefunctAfter = defunctAfter ?? TimeSpan.FromMinutes(10),
    };

    private static SiloAddress NewSilo(string name) => new($"http://{name}:9101", Interlocked.Increment(ref _generation));

    private T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>An agent with its own connection (a short call timeout, as a silo would have), over
    /// <paramref name="table"/> when given (to cut it off), else the Redis table.</summary>
    private MembershipAgent Agent(SiloAddress silo, ClusterOptions options, IMembershipTable? table = null, Func<int>? activations = null)
    {
        RespRedisConnection connection = Own(redis.Connect(timeout: TimeSpan.FromMilliseconds(400)));
        return Own(new MembershipAgent(table ?? new RedisMembershipTable(connection, _prefix), new RedisGrainDirectory(connection, _prefix),
            silo, options, activations ?? (() => 0)));
    }

    [Fact]
    public async Task Joining_makes_the_silo_active_and_its_heartbeats_keep_its_row_fresh()
    {
        SiloAddress silo = NewSilo("a");
        MembershipAgent agent = Agent(silo, Options(), activations: () => 3);

        await agent.JoinAsync();

        Assert.Equal(SiloStatus.Active, agent.Status);
        Assert.False(agent.IsFenced);
        MembershipEntry joined = (await _table.ReadAllAsync()).Find(silo)!;
        Assert.Equal(SiloStatus.Active, joined.Status);
        await Poll.UntilAsync(async () => (await _table.ReadAllAsync()).Find(silo) is { Activations: 3 } row && row.IAmAliveTime > joined.IAmAliveTime,
            Wait, "the agent's heartbeats did not renew its row");
    }

    [Fact]
    public async Task A_generation_that_is_already_dead_cannot_join()
    {
        SiloAddress silo = NewSilo("a");
        Assert.True(await _table.TryUpdateStatusAsync(new MembershipEntry(silo, SiloStatus.Dead, default, 0, null), 0));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => Agent(silo, Options()).JoinAsync());

        Assert.Contains("new generation", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_silo_fences_itself_while_redis_is_paused_and_unfences_once_it_renews()
    {
        ClusterOptions options = Options();
        MembershipAgent agent = Agent(NewSilo("a"), options);
        var fenced = Signal.Of(h => agent.Fenced += h);
        var unfenced = Signal.Of(h => agent.Unfenced += h);
        await agent.JoinAsync();

        var clock = Stopwatch.StartNew();
        await redis.Admin.CommandAsync(CancellationToken.None, "CLIENT", "PAUSE", 2500, "ALL");
        await fenced.WaitAsync(Wait);
        TimeSpan fencedAfter = clock.Elapsed;
        Assert.True(agent.IsFenced);
        await unfenced.WaitAsync(Wait);

        output.WriteLine($"fenced {fencedAfter.TotalMilliseconds:0}ms after the pause began; unfenced after {clock.Elapsed.TotalMilliseconds:0}ms");
        Assert.InRange(fencedAfter, options.SelfFenceAfter - options.Heartbeat * 2, TimeSpan.FromMilliseconds(2500));
        Assert.False(agent.IsFenced);
        Assert.False(agent.IsDeclaredDead);
    }

    [Fact]
    public async Task A_cut_off_silo_fences_before_a_peer_declares_it_dead_and_stops_when_it_reconnects()
    {
        ClusterOptions options = Options();
        MembershipAgent peer = Agent(NewSilo("peer"), options);
        var cut = new CutOffTable(_table);
        SiloAddress silo = NewSilo("cut");
        MembershipAgent agent = Agent(silo, options, cut);
        var fenced = Signal.Of(h => agent.Fenced += h);
        var unfenced = Signal.Of(h => agent.Unfenced += h);
        var declaredDead = Signal.Of(h => agent.DeclaredDead += h);
        var peerDeclared = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        peer.SiloDeclaredDead += s => { if (s == silo) peerDeclared.TrySetResult(clock.ElapsedTicks); };
        long fencedAt = 0;
        agent.Fenced += () => fencedAt = clock.ElapsedTicks;
        await peer.JoinAsync();
        await agent.JoinAsync();

        cut.IsCut = true;
        await fenced.WaitAsync(Wait);
        long declaredAt = await peerDeclared.Task.WaitAsync(Wait);
        Assert.True(fencedAt < declaredAt, "the silo must fence itself before a peer may declare it dead");
        cut.IsCut = false;
        await declaredDead.WaitAsync(Wait);

        Assert.True(agent.IsFenced);
        Assert.True(agent.IsDeclaredDead);
        Assert.False(unfenced.IsSet);
        Assert.False(await agent.SetStatusAsync(SiloStatus.ShuttingDown));
        Assert.Equal(SiloStatus.Dead, (await _table.ReadAllAsync()).Find(silo)!.Status);
    }

    [Fact]
    public async Task A_silo_whose_agent_stops_heartbeating_is_declared_dead_after_the_lease_and_loses_its_directory_entries()
    {
        ClusterOptions options = Options();
        MembershipAgent survivor = Agent(NewSilo("survivor"), options);
        SiloAddress victim = NewSilo("victim");
        MembershipAgent killed = Agent(victim, options);
        await survivor.JoinAsync();
        await killed.JoinAsync();
        GrainAddress[] entries = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => _directory.RegisterAsync(new GrainAddress($"k{i}", $"act{i}", victim, 0), null)));

        TimeSpan detected = await KillAndMeasureAsync(survivor, killed, victim);

        output.WriteLine($"failure detection (heartbeat {options.Heartbeat.TotalMilliseconds:0}ms, lease {options.Lease.TotalMilliseconds:0}ms): {detected.TotalMilliseconds:0}ms");
        Assert.InRange(detected, options.Lease - options.Heartbeat * 2, options.Lease + options.Heartbeat * 20);
        Assert.Equal(SiloStatus.Dead, (await _table.ReadAllAsync()).Find(victim)!.Status);
        await Poll.UntilAsync(async () => (await _directory.ListAsync()).Count == 0, Wait, "the dead silo's directory entries were not removed");
        Assert.Equal(2, (await _directory.RegisterAsync(entries[0] with { ActivationId = "successor", Silo = survivor.Silo }, null)).Fence);
    }

    [Fact]
    public async Task A_silo_whose_endpoint_refuses_connections_is_declared_dead_after_a_missed_heartbeat_not_the_lease()
    {
        ClusterOptions options = Options(lease: TimeSpan.FromSeconds(10));
        MembershipAgent survivor = Agent(NewSilo("survivor"), options);
        var victim = new SiloAddress($"http://127.0.0.1:{SiloProcess.FreePort()}", Interlocked.Increment(ref _generation));
        MembershipAgent killed = Agent(victim, options);
        await survivor.JoinAsync();
        await killed.JoinAsync();
        await _directory.RegisterAsync(new GrainAddress("k-refused", "act", victim, 0), null);

        TimeSpan detected = await KillAndMeasureAsync(survivor, killed, victim);

        output.WriteLine($"nothing listens at {victim.Endpoint}: declared dead after {detected.TotalMilliseconds:0}ms (lease {options.Lease.TotalSeconds:0}s)");
        Assert.InRange(detected, TimeSpan.Zero, options.Lease / 2);
        Assert.Equal(SiloStatus.Dead, (await _table.ReadAllAsync()).Find(victim)!.Status);
        await Poll.UntilAsync(async () => (await _directory.ListAsync()).Count == 0, Wait, "the dead silo's directory entries were not removed");
    }

    [Fact]
    public async Task A_silo_that_stops_heartbeating_but_still_accepts_connections_keeps_its_whole_lease()
    {
        ClusterOptions options = Options(lease: TimeSpan.FromSeconds(2));
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var probed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            using System.Net.Sockets.TcpClient probe = await listener.AcceptTcpClientAsync();
            probed.TrySetResult();
        });
        MembershipAgent survivor = Agent(NewSilo("survivor"), options);
        var victim = new SiloAddress($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}", Interlocked.Increment(ref _generation));
        MembershipAgent killed = Agent(victim, options);
        await survivor.JoinAsync();
        await killed.JoinAsync();

        TimeSpan detected = await KillAndMeasureAsync(survivor, killed, victim);

        Assert.True(probed.Task.IsCompleted, "the survivor never probed the silo that missed its heartbeats");
        output.WriteLine($"{victim.Endpoint} still accepts connections (a hung process): declared dead after {detected.TotalMilliseconds:0}ms (lease {options.Lease.TotalSeconds:0}s)");
        Assert.InRange(detected, options.Lease - options.Heartbeat * 2, options.Lease + options.Heartbeat * 20);
    }

    [Theory]
    [InlineData(SiloStatus.Active, 300, true)]
    [InlineData(SiloStatus.Joining, 300, true)]
    [InlineData(SiloStatus.Active, 150, false)]
    [InlineData(SiloStatus.Active, 1500, false)]
    [InlineData(SiloStatus.ShuttingDown, 300, false)]
    [InlineData(SiloStatus.Dead, 300, false)]
    public void Only_a_serving_silo_that_missed_a_heartbeat_within_its_lease_is_probed(SiloStatus status, int ageMs, bool suspect)
    {
        ClusterOptions options = Options(heartbeat: TimeSpan.FromMilliseconds(100), lease: TimeSpan.FromSeconds(1));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var entry = new MembershipEntry(NewSilo("peer"), status, now - TimeSpan.FromMilliseconds(ageMs), 0, null);

        Assert.Equal(suspect, MembershipAgent.IsSuspect(entry, now, options));
    }

    [Fact]
    public async Task Failure_detection_time_with_the_default_timing()
    {
        ClusterOptions options = Options(heartbeat: TimeSpan.FromMilliseconds(250), lease: TimeSpan.FromSeconds(2));
        MembershipAgent survivor = Agent(NewSilo("survivor"), options);
        await survivor.JoinAsync();
        var samples = new List<TimeSpan>();
        for (int i = 0; i < 5; i++)
        {
            SiloAddress victim = NewSilo($"victim{i}");
            MembershipAgent killed = Agent(victim, options);
            await killed.JoinAsync();
            samples.Add(await KillAndMeasureAsync(survivor, killed, victim));
        }

        samples.Sort();
        output.WriteLine($"failure detection (heartbeat 250ms, lease 2s), kill → declared dead: median {samples[2].TotalMilliseconds:0}ms, "
            + $"min {samples[0].TotalMilliseconds:0}ms, max {samples[^1].TotalMilliseconds:0}ms");
        Assert.All(samples, s => Assert.InRange(s, options.Lease - options.Heartbeat * 2, options.Lease + TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_graceful_stop_marks_the_row_dead_without_raising_declared_dead_and_peers_clean_up_what_it_left()
    {
        ClusterOptions options = Options();
        MembershipAgent peer = Agent(NewSilo("peer"), options);
        SiloAddress silo = NewSilo("leaving");
        MembershipAgent leaving = Agent(silo, options);
        var declaredDead = Signal.Of(h => leaving.DeclaredDead += h);
        await peer.JoinAsync();
        await leaving.JoinAsync();
        await _directory.RegisterAsync(new GrainAddress("left-behind", "act", silo, 0), null);

        Assert.True(await leaving.SetStatusAsync(SiloStatus.ShuttingDown));
        Assert.Equal(SiloStatus.ShuttingDown, (await _table.ReadAllAsync()).Find(silo)!.Status);
        Assert.True(await leaving.SetStatusAsync(SiloStatus.Dead));

        Assert.Equal(SiloStatus.Dead, (await _table.ReadAllAsync()).Find(silo)!.Status);
        await Poll.UntilAsync(async () => await _directory.LookupAsync("left-behind") is null, Wait, "the peer did not remove the stopped silo's entry");
        Assert.False(declaredDead.IsSet);
        Assert.False(leaving.IsDeclaredDead);
    }

    [Fact]
    public async Task A_restarted_silo_declares_its_previous_generation_dead_without_waiting_for_the_lease()
    {
        ClusterOptions options = Options(lease: TimeSpan.FromSeconds(30));
        SiloAddress before = NewSilo("same");
        MembershipAgent first = Agent(before, options);
        await first.JoinAsync();
        await first.DisposeAsync();

        var clock = Stopwatch.StartNew();
        MembershipAgent restarted = Agent(before with { Generation = before.Generation + 1_000 }, options);
        await restarted.JoinAsync();

        await Poll.UntilAsync(async () => (await _table.ReadAllAsync()).Find(before)!.Status == SiloStatus.Dead, Wait,
            "the restarted silo did not declare its previous generation dead");
        Assert.True(clock.Elapsed < options.Lease, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Dead_rows_are_removed_once_defunct()
    {
        ClusterOptions options = Options(defunctAfter: TimeSpan.FromMilliseconds(500));
        MembershipAgent peer = Agent(NewSilo("peer"), options);
        SiloAddress silo = NewSilo("gone");
        MembershipAgent leaving = Agent(silo, options);
        await peer.JoinAsync();
        await leaving.JoinAsync();

        Assert.True(await leaving.SetStatusAsync(SiloStatus.Dead));

        await Poll.UntilAsync(async () => (await _table.ReadAllAsync()).Find(silo) is null, Wait, "the defunct row was not removed");
        Assert.NotNull((await _table.ReadAllAsync()).Find(peer.Silo));
    }

    /// <summary>Disposes <paramref name="killed"/> without writing a status (a SIGKILL as far as membership
    /// can tell) and returns how long until <paramref name="survivor"/> declares it dead.</summary>
    private static async Task<TimeSpan> KillAndMeasureAsync(MembershipAgent survivor, MembershipAgent killed, SiloAddress victim)
    {
        var declared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDeclared(SiloAddress silo)
        {
            if (silo == victim)
                declared.TrySetResult();
        }
        survivor.SiloDeclaredDead += OnDeclared;
        try
        {
            await killed.DisposeAsync();
            var clock = Stopwatch.StartNew();
            await declared.Task.WaitAsync(Wait);
            return clock.Elapsed;
        }
        finally
        {
            survivor.SiloDeclaredDead -= OnDeclared;
        }
    }

    /// <summary>The Redis table behind a switch: while cut, every call fails as an unreachable Redis would.</summary>
    private sealed class CutOffTable(IMembershipTable inner) : IMembershipTable
    {
        public volatile bool IsCut;

        public Task<MembershipSnapshot> ReadAllAsync() => Through(inner.ReadAllAsync);

        public Task<bool> TryUpdateStatusAsync(MembershipEntry entry, long expectedVersion) => Through(() => inner.TryUpdateStatusAsync(entry, expectedVersion));

        public Task<HeartbeatResult> HeartbeatAsync(SiloAddress silo, int activations) => Through(() => inner.HeartbeatAsync(silo, activations));

        public Task<bool> TryRemoveAsync(SiloAddress silo, long expectedVersion) => Through(() => inner.TryRemoveAsync(silo, expectedVersion));

        private Task<T> Through<T>(Func<Task<T>> call) =>
            IsCut ? Task.FromException<T>(new RedisCallException("the test cut this silo off from Redis")) : call();
    }
}

/// <summary>An event turned into an awaitable signal.</summary>
internal sealed class Signal
{
    private readonly TaskCompletionSource _raised = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsSet => _raised.Task.IsCompleted;

    public static Signal Of(Action<Action> subscribe)
    {
        var signal = new Signal();
        subscribe(() => signal._raised.TrySetResult());
        return signal;
    }

    public Task WaitAsync(TimeSpan timeout) => _raised.Task.WaitAsync(timeout);
}

/// <summary>Polling with a deadline, for outcomes that raise no event.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"{failure} within {timeout.TotalSeconds:0}s");
            await Task.Delay(20);
        }
    }
}
