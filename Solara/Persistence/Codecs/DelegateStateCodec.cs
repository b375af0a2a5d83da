namespace Solara.Persistence.Codecs;

/// <summary>A custom codec registered as an (encode, decode) pair.</summary>
internal sealed class DelegateStateCodec(string name, Func<object?, byte[]> encode, Func<byte[], object?> decode) : IStateCodec
{
    public string Name => name;

    public byte[] Encode(object? value) => encode(value);

    public object? Decode(byte[] payload) => decode(payload);
}
