using Solara.Orleans.Abstractions.Kernels;

namespace Solara.Orleans.Grains.Kernels;

/// <summary>One browser page of a kernel and the sockets it has open (normally one).</summary>
public sealed class KernelPage(string pageId)
{
    public string PageId => pageId;
    public PageState State { get; set; } = PageState.Connected;
    public List<IKernelSocket> Sockets { get; } = [];
}
