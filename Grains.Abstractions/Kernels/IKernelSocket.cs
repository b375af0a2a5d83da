namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>The gateway's end of one page's WebSocket, as a kernel activation sees it.
/// <see cref="Send"/> never blocks: frames are queued and written in order.</summary>
public interface IKernelSocket
{
    string PageId { get; }
    void Send(KernelFrame frame);
    void Close(int closeCode, string reason);
}
