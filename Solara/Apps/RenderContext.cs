namespace Solara.Apps;

/// <summary>What an app knows about the kernel it is rendering in.</summary>
public sealed record RenderContext(string KernelId, string SessionId, string Path);
