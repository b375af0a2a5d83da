using System.Threading.Channels;

namespace Solara.Orleans.Grains.Runtime;

/// <summary>The turn queue of one activation. A turn is a whole async handler: the next turn
/// starts only when the previous one's task has completed, and every continuation runs on the
/// activation's scheduler.</summary>
public sealed class GrainMailbox
{
    private readonly Channel<Func<Task>> _turns = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<Exception> _onTurnFailed;
    private readonly Action? _enter;
    private int _pending;

    /// <param name="enter">Runs first on the activation's own flow: what it puts in async-local
    /// state (such as the kernel context) is seen by every turn and by tasks turns start.</param>
    public GrainMailbox(ActivationScheduler scheduler, Action<Exception> onTurnFailed, Action? enter = null)
    {
        Scheduler = scheduler;
        _onTurnFailed = onTurnFailed;
        _enter = enter;
        // The activation outlives the request that created it: its flow starts empty, so it does not
        // keep that request's Activity and logging scopes alive for the kernel's whole life.
        using (ExecutionContext.SuppressFlow())
            Completion = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler).Unwrap();
    }

    public ActivationScheduler Scheduler { get; }

    /// <summary>Completes once the mailbox is closed and every queued turn has run.</summary>
    public Task Completion { get; }

    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues a turn; false when the mailbox is already closed.</summary>
    public bool Post(Func<Task> turn)
    {
        Interlocked.Increment(ref _pending);
        if (_turns.Writer.TryWrite(turn))
            return true;
        Interlocked.Decrement(ref _pending);
        return false;
    }

    public bool Post(Action turn) => Post(() =>
    {
        turn();
        return Task.CompletedTask;
    });

    /// <summary>Queues a turn and returns its result to a caller outside the activation.</summary>
    public Task<T> Call<T>(Func<Task<T>> turn)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = Post(async () =>
        {
            try
            {
                result.SetResult(await turn());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
        if (!posted)
            result.SetException(new ObjectDisposedException("grain activation", "the activation has been deactivated"));
        return result.Task;
    }

    public Task<T> Call<T>(Func<T> turn) => Call(() => Task.FromResult(turn()));

    /// <summary>No new turns are accepted; queued turns still run.</summary>
    public void Close() => _turns.Writer.TryComplete();

    private async Task RunAsync()
    {
        _enter?.Invoke();
        while (await _turns.Reader.WaitToReadAsync())
        {
            while (_turns.Reader.TryRead(out Func<Task>? turn))
            {
                try
                {
                    await turn();
                }
                catch (Exception e)
                {
                    _onTurnFailed(e);
                }
                Interlocked.Decrement(ref _pending);
            }
        }
    }
}
