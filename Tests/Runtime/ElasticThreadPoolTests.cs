using Solara.Orleans.Grains.Runtime;

namespace Solara.Orleans.Tests.Runtime;

public sealed class ElasticThreadPoolTests
{
    [Fact]
    public async Task Work_posted_while_every_thread_blocks_gets_a_new_thread()
    {
        using var pool = new ElasticThreadPool(minThreads: 1, maxThreads: 64);
        using var release = new ManualResetEventSlim();
        var started = new CountdownEvent(16);
        for (int i = 0; i < 16; i++)
            pool.Post(() =>
            {
                started.Signal();
                release.Wait();
            });
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "16 blocking items did not all start");

        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pool.Post(() => ran.SetResult());
        await ran.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(pool.Snapshot().Threads >= 17);
        release.Set();
    }

    [Fact]
    public void Busy_work_queues_on_as_many_threads_as_cores_instead_of_starting_more()
    {
        // A starvation delay far longer than the test: only the immediate threads may exist.
        using var pool = new ElasticThreadPool(minThreads: 1, maxThreads: 64, starvationDelay: TimeSpan.FromMinutes(5));
        var done = new CountdownEvent(200);
        for (int i = 0; i < 200; i++)
            pool.Post(() =>
            {
                var spin = System.Diagnostics.Stopwatch.StartNew();
                while (spin.Elapsed < TimeSpan.FromMilliseconds(0.2))
                    Thread.SpinWait(20);
                done.Signal();
            });

        Assert.True(done.Wait(TimeSpan.FromSeconds(30)), "200 short items did not all run");
        Assert.Equal(pool.ImmediateThreads, pool.Snapshot().ThreadsStarted);
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 64), pool.ImmediateThreads);
    }

    [Fact]
    public async Task Idle_threads_above_the_minimum_exit()
    {
        using var pool = new ElasticThreadPool(minThreads: 1, maxThreads: 8, idleTimeout: TimeSpan.FromMilliseconds(50));
        using var release = new ManualResetEventSlim();
        var done = new CountdownEvent(4);
        for (int i = 0; i < 4; i++)
            pool.Post(() =>
            {
                release.Wait();
                done.Signal();
            });
        release.Set();
        Assert.True(done.Wait(TimeSpan.FromSeconds(5)));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (pool.Snapshot().Threads > 1)
            await Task.Delay(20, timeout.Token);

        Assert.Equal(1, pool.Snapshot().Threads);
    }
}
