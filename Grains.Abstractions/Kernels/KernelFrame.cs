namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>One WebSocket frame as it travels between a gateway and a kernel activation.</summary>
public readonly record struct KernelFrame(byte[] Data, bool Binary);
