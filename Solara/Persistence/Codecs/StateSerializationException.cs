namespace Solara.Persistence.Codecs;

/// <summary>A value cannot be stored by the selected codec. Raised on the first write, so an
/// unsupported type shows up in development, not silently in production.</summary>
public sealed class StateSerializationException : StateCodecException
{
    public StateSerializationException(string message) : base(message)
    {
    }

    public StateSerializationException(string message, Exception inner) : base(message, inner)
    {
    }
}
