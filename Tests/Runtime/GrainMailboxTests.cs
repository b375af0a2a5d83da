using Solara.Orleans.Grains.Runtime;

namespace Solara.Orleans.Tests.Runtime;

public sealed class GrainMailboxTests
{
    [Fact]
    public async Task Turns_never_overlap_even_across_awaits()
    {
        using var pool = new ElasticThreadPool();
        var mailbox = new GrainMailbox(new ActivationScheduler(pool), e => throw e);
        int inside = 0, maxInside = 0;
        var order = new List<int>();
        Task<int>[] calls = Enumerable.Range(0, 200).Select(i => mailbox.Call(async () =>
        {
            int now = Interlocked.Increment(ref inside);
            maxInside = Math.Max(maxInside, now);
            await Task.Yield();
            await Task.Delay(i % 7 == 0 ? 1 : 0);
            order.Add(i);
            Interlocked.Decrement(ref inside);
            return i;
        })).ToArray();

        int[] results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200), results);
        Assert.Equal(Enumerable.Range(0, 200), order);
        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task A_failing_turn_is_reported_and_the_next_turn_still_runs()
    {
        using var pool = new ElasticThreadPool();
        var failures = new List<Exception>();
        var mailbox = new GrainMailbox(new ActivationScheduler(pool), failures.Add);

        mailbox.Post(() => throw new InvalidOperationException("boom"));
        int after = await mailbox.Call(() => 42);

        Assert.Equal(42, after);
        Assert.Equal("boom", Assert.Single(failures).Message);
    }

    [Fact]
    public async Task A_closed_mailbox_refuses_new_turns_and_completes()
    {
        using var pool = new ElasticThreadPool();
        var mailbox = new GrainMailbox(new ActivationScheduler(pool), e => throw e);
        await mailbox.Call(() => 1);

        mailbox.Close();

        Assert.False(mailbox.Post(() => { }));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => mailbox.Call(() => 2));
        await mailbox.Completion.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
