namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>A WebSocket frame that cannot be read as a Jupyter message; the message says why.</summary>
public sealed class FrameFormatException(string message, Exception? inner = null) : Exception(message, inner);
