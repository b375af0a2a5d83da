namespace Solara.Persistence.Codecs;

/// <summary>Internal signal that a type is outside a codec's value space; the writer turns it into
/// a <see cref="StateSerializationException"/> naming where in the value it was found.</summary>
internal sealed class UnsupportedTypeException(Type type, string reason) : Exception(reason)
{
    public Type Type { get; } = type;
}
