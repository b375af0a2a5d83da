using Solara.Reactive;
using Solara.Orleans.Grains.Runtime;

namespace Solara.Orleans.Grains.Kernels;

/// <summary>Gets SDK work (reactive writes from tasks, task progress, hot reload) onto the kernel's
/// turn; each such turn ends with a render pass and a widget flush, like a request does.</summary>
public sealed class KernelDispatcher(Func<GrainMailbox> mailbox, Action endTurn) : IKernelDispatcher
{
    public bool IsOnTurn => mailbox().Scheduler.IsCurrent;

    public bool Post(Action work) => mailbox().Post(() =>
    {
        work();
        endTurn();
    });
}
