namespace Solara.Persistence.Codecs;

/// <summary>A codec could not restore a payload, is unknown, or is disabled. On restore this is a
/// bail-out with cause <c>codec</c>; the message says what, where in the value, and the fix.</summary>
public class StateCodecException : Exception
{
    public StateCodecException(string message) : base(message)
    {
    }

    public StateCodecException(string message, Exception inner) : base(message, inner)
    {
    }
}
