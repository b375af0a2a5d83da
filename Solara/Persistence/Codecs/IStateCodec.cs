namespace Solara.Persistence.Codecs;

/// <summary>Turns a persisted value into bytes and back. A codec is selected by name
/// (<see cref="PersistConfig.Serializer"/>) and its name travels in every envelope.
/// <see cref="Encode"/> throws <see cref="StateSerializationException"/> for values it cannot store;
/// <see cref="Decode"/> throws <see cref="StateCodecException"/> for payloads it cannot restore.</summary>
public interface IStateCodec
{
    string Name { get; }

    byte[] Encode(object? value);

    object? Decode(byte[] payload);
}
