namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>An attached socket's way into its kernel activation.</summary>
public interface IKernelLink
{
    /// <summary>Delivers one inbound frame; a malformed frame closes the socket with a reason.</summary>
    void Receive(KernelFrame frame);

    /// <summary>The socket is gone; the page becomes DISCONNECTED.</summary>
    void Detach();
}
