using System.Text;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Tests.State;

/// <summary>The <see cref="IStateBackend"/> contract (PROTOCOL.md, "State envelope"), once for every
/// backend. A backend's test class inherits this and supplies the backend plus three probes; kernel
/// ids are unique per test, so one shared server (e.g. one <c>redis-server</c>) serves every test:
/// <code>
/// public sealed class RedisStateBackendTests(RedisFixture redis) : StateBackendContractTests, IClassFixture&lt;RedisFixture&gt;
/// {
///     protected override IStateBackend Backend => redis.Backend;
///     protected override Task&lt;IReadOnlyDictionary&lt;string, byte[]&gt;?&gt; ReadRawAsync(string kernelId) => redis.HashGetAllAsync(kernelId);
///     protected override Task&lt;TimeSpan?&gt; ReadTimeToLiveAsync(string kernelId) => redis.PttlAsync(kernelId);
///     protected override Task ElapseAsync(TimeSpan duration) => redis.ShortenEveryTtlAsync(duration);
/// }
/// </code></summary>
public abstract class StateBackendContractTests
{
    protected static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    private const string Schema = "schema-1";
    private static readonly StateSigningKeys Keys = new(["contract-secret"]);

    /// <summary>The backend under test.</summary>
    protected abstract IStateBackend Backend { get; }

    /// <summary>The kernel's raw hash as stored (Redis <c>HGETALL</c>), or null when there is none.</summary>
    protected abstract Task<IReadOnlyDictionary<string, byte[]>?> ReadRawAsync(string kernelId);

    /// <summary>The kernel's remaining lifetime (Redis <c>PTTL</c>), or null when there is no hash.</summary>
    protected abstract Task<TimeSpan?> ReadTimeToLiveAsync(string kernelId);

    /// <summary>Lets <paramref name="duration"/> of backend time pass (memory: the fake clock; Redis: shorten every TTL of the test's keys).</summary>
    protected abstract Task ElapseAsync(TimeSpan duration);

    private static string NewKernel() => "kernel-" + Guid.NewGuid().ToString("N");

    private static IReadOnlyList<byte[]> Session(string id) => Keys.SessionHmacs(id);

    private static byte[] Identity(string id) => Keys.SessionHmac(id);

    private static Dictionary<string, byte[]> Values(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => StateHashFields.ReactivePrefix + v.Key, v => Encoding.UTF8.GetBytes(v.Value));

    private async Task<string> KernelWithValuesAsync(string session = "session-a", params (string Key, string Value)[] values)
    {
        string kernel = NewKernel();
        Assert.Equal(FlushOutcome.Created, (await Backend.FlushAsync(kernel, 1, Values(values), Identity(session), Schema, Ttl)).Outcome);
        return kernel;
    }

    private static string Text(IReadOnlyDictionary<string, byte[]> raw, string field) => Encoding.UTF8.GetString(raw[field]);

    [Fact]
    public async Task Takeover_of_a_missing_kernel_claims_generation_1_with_identity_schema_and_ttl()
    {
        string kernel = NewKernel();

        TakeoverResult result = await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);

        Assert.Equal(new TakeoverResult(TakeoverOutcome.Miss, 1, result.Fields), result);
        Assert.Empty(result.Fields);
        IReadOnlyDictionary<string, byte[]> raw = Assert.IsAssignableFrom<IReadOnlyDictionary<string, byte[]>>(await ReadRawAsync(kernel));
        Assert.Equal([StateHashFields.Generation, StateHashFields.SessionId, StateHashFields.Version], raw.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1", Text(raw, StateHashFields.Generation));
        Assert.Equal(Identity("session-a"), raw[StateHashFields.SessionId]);
        Assert.Equal(Schema, Text(raw, StateHashFields.Version));
        Assert.InRange((await ReadTimeToLiveAsync(kernel))!.Value, Ttl - TimeSpan.FromSeconds(5), Ttl);
    }

    [Fact]
    public async Task Takeover_by_the_owning_session_increments_the_generation_and_returns_every_value()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"), ("filters", "{}"));

        TakeoverResult result = await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);

        Assert.Equal(TakeoverOutcome.Restored, result.Outcome);
        Assert.Equal(2, result.Generation);
        Assert.Equal(["reactive:count", "reactive:filters"], result.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("{}"u8.ToArray(), result.Fields["reactive:filters"]);
        Assert.Equal(2, await Backend.PeekGenerationAsync(kernel));
    }

    [Fact]
    public async Task Takeover_by_another_session_writes_nothing_and_grants_no_write_rights()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));
        IReadOnlyDictionary<string, byte[]>? before = await ReadRawAsync(kernel);

        TakeoverResult result = await Backend.TakeoverAsync(kernel, Session("session-b"), Schema, Ttl);

        Assert.Equal(TakeoverOutcome.IdentityMismatch, result.Outcome);
        Assert.Equal(0, result.Generation);
        Assert.False(result.HasWriteRights);
        Assert.Empty(result.Fields);
        Assert.Equal(before, await ReadRawAsync(kernel));
    }

    [Fact]
    public async Task Takeover_accepts_the_session_hmac_under_any_configured_key_for_rotation()
    {
        var oldKeys = new StateSigningKeys(["old"]);
        var rotated = new StateSigningKeys(["new", "old"]);
        string kernel = NewKernel();
        await Backend.FlushAsync(kernel, 1, Values(("count", "1")), oldKeys.SessionHmac("session-a"), Schema, Ttl);

        TakeoverResult result = await Backend.TakeoverAsync(kernel, rotated.SessionHmacs("session-a"), Schema, Ttl);
        await Backend.FlushAsync(kernel, result.Generation, Values(("count", "2")), rotated.SessionHmac("session-a"), Schema, Ttl);

        Assert.Equal(TakeoverOutcome.Restored, result.Outcome);
        Assert.Equal(rotated.SessionHmac("session-a"), (await ReadRawAsync(kernel))![StateHashFields.SessionId]);
    }

    [Fact]
    public async Task Takeover_with_another_schema_tag_deletes_every_value_and_reclaims_generation_1()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));
        await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);

        TakeoverResult result = await Backend.TakeoverAsync(kernel, Session("session-a"), "schema-2", Ttl);

        Assert.Equal(new TakeoverResult(TakeoverOutcome.SchemaReset, 1, result.Fields), result);
        Assert.Empty(result.Fields);
        IReadOnlyDictionary<string, byte[]> raw = (await ReadRawAsync(kernel))!;
        Assert.Equal([StateHashFields.Generation, StateHashFields.SessionId, StateHashFields.Version], raw.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("1", Text(raw, StateHashFields.Generation));
        Assert.Equal("schema-2", Text(raw, StateHashFields.Version));
        Assert.True((await Backend.FlushAsync(kernel, 1, Values(("count", "9")), Identity("session-a"), "schema-2", Ttl)).Accepted);
    }

    [Fact]
    public async Task Two_concurrent_takeovers_of_a_missing_kernel_get_generations_1_and_2()
    {
        string kernel = NewKernel();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TakeoverResult> Contender() => Task.Run(async () =>
        {
            await start.Task;
            return await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);
        });
        Task<TakeoverResult> first = Contender(), second = Contender();

        start.SetResult();
        TakeoverResult[] results = [.. (await Task.WhenAll(first, second)).OrderBy(r => r.Generation)];

        Assert.Equal([(TakeoverOutcome.Miss, 1L), (TakeoverOutcome.Restored, 2L)], results.Select(r => (r.Outcome, r.Generation)));
        Assert.Equal(FlushOutcome.Stale, (await Backend.FlushAsync(kernel, 1, Values(("a", "old")), Identity("session-a"), Schema, Ttl)).Outcome);
        Assert.Equal(FlushOutcome.Written, (await Backend.FlushAsync(kernel, 2, Values(("a", "new")), Identity("session-a"), Schema, Ttl)).Outcome);
    }

    [Fact]
    public async Task Many_concurrent_takeovers_each_get_a_distinct_consecutive_generation()
    {
        string kernel = NewKernel();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TakeoverResult>[] contenders = [.. Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);
        }))];

        start.SetResult();
        TakeoverResult[] results = await Task.WhenAll(contenders);

        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), results.Select(r => r.Generation).Order());
        Assert.Equal(16, await Backend.PeekGenerationAsync(kernel));
    }

    [Fact]
    public async Task Flush_at_the_current_generation_merges_values_and_rewrites_identity_and_schema()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"), ("name", "ada"));

        FlushResult result = await Backend.FlushAsync(kernel, 1, Values(("count", "2")), Identity("session-b"), "schema-2", Ttl);

        Assert.Equal(new FlushResult(FlushOutcome.Written), result);
        Assert.True(result.Accepted);
        IReadOnlyDictionary<string, byte[]> raw = (await ReadRawAsync(kernel))!;
        Assert.Equal("2", Text(raw, "reactive:count"));
        Assert.Equal("ada", Text(raw, "reactive:name"));
        Assert.Equal(Identity("session-b"), raw[StateHashFields.SessionId]);
        Assert.Equal("schema-2", Text(raw, StateHashFields.Version));
        Assert.Equal("1", Text(raw, StateHashFields.Generation));
    }

    [Fact]
    public async Task Flush_with_stale_generation_is_rejected_and_writes_nothing()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));
        TakeoverResult newer = await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);
        IReadOnlyDictionary<string, byte[]>? before = await ReadRawAsync(kernel);

        FlushResult result = await Backend.FlushAsync(kernel, 1, Values(("count", "stale")), Identity("session-a"), Schema, Ttl);

        Assert.Equal(new FlushResult(FlushOutcome.Stale, newer.Generation), result);
        Assert.False(result.Accepted);
        Assert.Equal(before, await ReadRawAsync(kernel));
    }

    [Fact]
    public async Task Flush_creates_a_missing_hash_only_at_generation_1()
    {
        string kernel = NewKernel();

        FlushResult result = await Backend.FlushAsync(kernel, 1, Values(("count", "1")), Identity("session-a"), Schema, Ttl);

        Assert.Equal(FlushOutcome.Created, result.Outcome);
        IReadOnlyDictionary<string, byte[]> raw = (await ReadRawAsync(kernel))!;
        Assert.Equal(["__generation__", "__session_id__", "__version__", "reactive:count"], raw.Keys.Order(StringComparer.Ordinal));
        Assert.InRange((await ReadTimeToLiveAsync(kernel))!.Value, Ttl - TimeSpan.FromSeconds(5), Ttl);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public async Task Flush_never_recreates_a_missing_hash_at_another_generation(long generation)
    {
        string kernel = NewKernel();

        FlushResult result = await Backend.FlushAsync(kernel, generation, Values(("count", "1")), Identity("session-a"), Schema, Ttl);

        Assert.Equal(FlushOutcome.Missing, result.Outcome);
        Assert.Null(await ReadRawAsync(kernel));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Flush_without_write_rights_is_rejected(long generation)
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));

        FlushResult result = await Backend.FlushAsync(kernel, generation, Values(("count", "2")), Identity("session-a"), Schema, Ttl);

        Assert.Equal(FlushOutcome.NoWriteRights, result.Outcome);
        Assert.Equal("1", Text((await ReadRawAsync(kernel))!, "reactive:count"));
    }

    [Fact]
    public async Task Concurrent_flushes_at_the_same_generation_all_merge()
    {
        string kernel = await KernelWithValuesAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<FlushResult>[] writers = [.. Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await Backend.FlushAsync(kernel, 1, Values(($"k{i}", $"{i}")), Identity("session-a"), Schema, Ttl);
        }))];

        start.SetResult();
        FlushResult[] results = await Task.WhenAll(writers);

        Assert.All(results, r => Assert.Equal(FlushOutcome.Written, r.Outcome));
        Assert.Equal(16, (await ReadRawAsync(kernel))!.Keys.Count(k => k.StartsWith(StateHashFields.ReactivePrefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Values_are_stored_byte_for_byte()
    {
        byte[] every = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
        string kernel = NewKernel();
        await Backend.FlushAsync(kernel, 1, new Dictionary<string, byte[]> { ["reactive:bytes"] = every, ["reactive:empty"] = [] }, Identity("session-a"), Schema, Ttl);

        TakeoverResult result = await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);

        Assert.Equal(every, result.Fields["reactive:bytes"]);
        Assert.Empty(result.Fields["reactive:empty"]);
    }

    [Fact]
    public async Task The_raw_session_id_is_never_stored()
    {
        string kernel = await KernelWithValuesAsync("session-visible-marker", ("count", "1"));
        await Backend.TakeoverAsync(kernel, Session("session-visible-marker"), Schema, Ttl);

        IReadOnlyDictionary<string, byte[]> raw = (await ReadRawAsync(kernel))!;

        Assert.DoesNotContain(raw.Values, v => Encoding.UTF8.GetString(v).Contains("session-visible-marker", StringComparison.Ordinal));
        Assert.Equal(32, raw[StateHashFields.SessionId].Length);
    }

    [Theory]
    [InlineData("__generation__")]
    [InlineData("__session_id__")]
    [InlineData("__anything__")]
    public async Task Backend_fields_cannot_be_flushed(string field)
    {
        string kernel = await KernelWithValuesAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Backend.FlushAsync(kernel, 1, new Dictionary<string, byte[]> { [field] = "99"u8.ToArray() }, Identity("session-a"), Schema, Ttl));

        Assert.Equal(1, await Backend.PeekGenerationAsync(kernel));
    }

    [Fact]
    public async Task Takeover_needs_at_least_one_session_hmac()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Backend.TakeoverAsync(NewKernel(), [], Schema, Ttl));
    }

    [Fact]
    public async Task Fenced_delete_removes_the_hash_only_at_the_stored_generation()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));
        await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);

        Assert.Equal(new DeleteResult(DeleteOutcome.Stale, 2), await Backend.DeleteAsync(kernel, 1));
        Assert.NotNull(await ReadRawAsync(kernel));
        Assert.True((await Backend.DeleteAsync(kernel, 2)).Deleted);
        Assert.Null(await ReadRawAsync(kernel));
        Assert.Equal(DeleteOutcome.Missing, (await Backend.DeleteAsync(kernel, 2)).Outcome);
    }

    [Fact]
    public async Task Unfenced_delete_removes_the_hash_at_any_generation()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));
        await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);

        Assert.Equal(DeleteOutcome.Deleted, (await Backend.DeleteAsync(kernel, null)).Outcome);
        Assert.Null(await Backend.PeekGenerationAsync(kernel));
    }

    [Fact]
    public async Task Peek_reports_the_generation_without_changing_it()
    {
        string kernel = await KernelWithValuesAsync();

        Assert.Null(await Backend.PeekGenerationAsync(NewKernel()));
        Assert.Equal(1, await Backend.PeekGenerationAsync(kernel));
        Assert.Equal(1, await Backend.PeekGenerationAsync(kernel));
        Assert.Equal(TakeoverOutcome.Restored, (await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl)).Outcome);
        Assert.Equal(2, await Backend.PeekGenerationAsync(kernel));
    }

    [Fact]
    public async Task State_expires_after_the_ttl_and_a_later_connect_starts_fresh()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));

        await ElapseAsync(Ttl - TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Backend.PeekGenerationAsync(kernel));
        await ElapseAsync(TimeSpan.FromSeconds(4));

        Assert.Null(await Backend.PeekGenerationAsync(kernel));
        Assert.Null(await ReadRawAsync(kernel));
        Assert.Equal(FlushOutcome.Missing, (await Backend.FlushAsync(kernel, 2, Values(("count", "2")), Identity("session-a"), Schema, Ttl)).Outcome);
        Assert.Equal((TakeoverOutcome.Miss, 1L), await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl) is var r ? (r.Outcome, r.Generation) : default);
    }

    [Fact]
    public async Task A_claimed_kernel_that_never_flushes_expires_too()
    {
        string kernel = NewKernel();
        await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);

        await ElapseAsync(Ttl + TimeSpan.FromSeconds(2));

        Assert.Null(await ReadRawAsync(kernel));
    }

    [Fact]
    public async Task Takeover_refreshes_the_ttl()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));
        TimeSpan most = Ttl - TimeSpan.FromMinutes(1);

        await ElapseAsync(most);
        await Backend.TakeoverAsync(kernel, Session("session-a"), Schema, Ttl);
        await ElapseAsync(most);

        Assert.Equal(2, await Backend.PeekGenerationAsync(kernel));
        Assert.InRange((await ReadTimeToLiveAsync(kernel))!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Flush_refreshes_the_ttl()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));
        TimeSpan most = Ttl - TimeSpan.FromMinutes(1);

        await ElapseAsync(most);
        await Backend.FlushAsync(kernel, 1, Values(("count", "2")), Identity("session-a"), Schema, Ttl);
        await ElapseAsync(most);

        Assert.Equal("2", Text((await ReadRawAsync(kernel))!, "reactive:count"));
    }

    [Fact]
    public async Task An_identity_mismatch_does_not_refresh_the_ttl()
    {
        string kernel = await KernelWithValuesAsync("session-a", ("count", "1"));

        await ElapseAsync(Ttl - TimeSpan.FromMinutes(1));
        await Backend.TakeoverAsync(kernel, Session("session-b"), Schema, Ttl);
        await ElapseAsync(TimeSpan.FromMinutes(2));

        Assert.Null(await ReadRawAsync(kernel));
    }
}
