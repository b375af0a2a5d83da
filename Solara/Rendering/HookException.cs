namespace Solara.Rendering;

/// <summary>A hook used the wrong way: outside a render, or in a different order than before.</summary>
public sealed class HookException(string message) : InvalidOperationException(message);
