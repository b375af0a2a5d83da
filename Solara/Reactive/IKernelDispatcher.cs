namespace Solara.Reactive;

/// <summary>A kernel's turn, as the SDK sees it: work posted here runs on the kernel's own turn,
/// followed by a render pass and a widget flush.</summary>
public interface IKernelDispatcher
{
    /// <summary>True when the calling code already runs on this kernel's turn.</summary>
    bool IsOnTurn { get; }

    /// <summary>Queues <paramref name="work"/> as a turn of this kernel; false once the kernel has closed.</summary>
    bool Post(Action work);
}
