using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Grains.Kernels;

namespace Solara.Orleans.Grains.Hosting;

/// <summary>A socket's link to a kernel activation in this process: decodes each frame on the
/// receiving thread and queues it as a turn. A frame that cannot be decoded closes the socket
/// with the reason; the kernel is not touched.</summary>
public sealed class LocalKernelLink(KernelGrain kernel, IKernelSocket socket, ILogger logger) : IKernelLink
{
    public void Receive(KernelFrame frame)
    {
        JupyterMessage message;
        try
        {
            message = frame.Binary ? FrameCodec.DecodeBinary(frame.Data) : FrameCodec.DecodeText(frame.Data);
        }
        catch (FrameFormatException e)
        {
            logger.LogWarning("malformed frame for kernel {KernelId} page {PageId}: {Error}", kernel.KernelId, socket.PageId, e.Message);
            socket.Close(CloseCodes.InvalidPayload, $"invalid frame: {e.Message}");
            return;
        }
        kernel.Mailbox.Post(() => kernel.HandleAsync(message, socket.PageId));
    }

    public void Detach() => kernel.Mailbox.Post(() => kernel.Detach(socket));
}
