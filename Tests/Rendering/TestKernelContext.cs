using Solara.Reactive;

namespace Solara.Orleans.Tests.Rendering;

/// <summary>A kernel context without a server: posted work queues up and runs when the test drains it,
/// on the test's own thread, which counts as the kernel's turn.</summary>
public sealed class TestKernelContext : IDisposable
{
    private readonly QueueDispatcher _dispatcher = new();

    public TestKernelContext()
    {
        Context = new KernelContext(Guid.NewGuid().ToString(), "session", _dispatcher, production: false);
        Context.Enter();
    }

    public KernelContext Context { get; }

    public int Pending => _dispatcher.Queue.Count;

    /// <summary>Runs queued turns until none is left.</summary>
    public void Drain()
    {
        while (_dispatcher.Queue.TryDequeue(out Action? work))
            work();
    }

    public void Dispose()
    {
        KernelContext.Exit();
        Context.Dispose();
    }

    private sealed class QueueDispatcher : IKernelDispatcher
    {
        public System.Collections.Concurrent.ConcurrentQueue<Action> Queue { get; } = new();

        public bool OffTurn { get; set; }

        public bool IsOnTurn => !OffTurn;

        public bool Post(Action work)
        {
            Queue.Enqueue(work);
            return true;
        }
    }
}
