namespace Solara.Persistence.Codecs;

/// <summary>The <c>pickle</c> codec: a general, compact binary format (<see cref="BinaryFormat"/>),
/// and behind a deployer-side gate (<c>SOLARA_STATE_ALLOW_PICKLE=true</c>): without it, both
/// encode and decode refuse.
/// <para>Covers the json codec's value space exactly, plus what json loses or refuses: tuples stay
/// tuples (<c>ValueTuple</c> and <c>Tuple</c>, up to 7 items), dictionaries with any supported key
/// type, and plain classes and structs that are not records (outside <c>System.*</c> and
/// <c>Microsoft.*</c>; stored by their public properties and fields the same way records are).
/// Values are trees: a shared object is stored once per reference, and a cycle fails on encode.
/// Why the gate: decoding re-creates any such plain class named in the stored data, running its
/// constructor and setters; with the secret leaked that is more than state tampering. The json
/// codec, or a custom codec, is the safer default.</para></summary>
public sealed class BinaryStateCodec(Func<bool> allowed, DecodeTypeAllowList allow) : IStateCodec
{
    public const string CodecName = "pickle";

    public const string Disabled =
        "the 'pickle' codec is disabled: set SOLARA_STATE_ALLOW_PICKLE=true in the deployment to enable it. It is a deployer-side gate: " +
        "this codec re-creates arbitrary plain classes named in stored data, so application code alone cannot opt a deployment into it; prefer the json codec or a custom codec";

    public string Name => CodecName;

    public byte[] Encode(object? value)
    {
        if (!allowed())
            throw new StateSerializationException(Disabled);
        using var stream = new MemoryStream();
        try
        {
            using var output = new BinaryWriter(stream, BinaryFormat.Utf8, leaveOpen: true);
            output.Write(BinaryFormat.Magic);
            new BinaryValueWriter(output, allow).Write(value, typeof(object));
        }
        catch (Exception e) when (e is not StateCodecException)
        {
            throw new StateSerializationException($"the pickle codec cannot write this value: {e.Message}", e);
        }
        return stream.ToArray();
    }

    public object? Decode(byte[] payload)
    {
        if (!allowed())
            throw new StateCodecException(Disabled);
        if (!payload.AsSpan().StartsWith(BinaryFormat.Magic))
            throw new StateCodecException("the payload is not in the pickle codec's format (wrong header)");
        using var stream = new MemoryStream(payload, BinaryFormat.Magic.Length, payload.Length - BinaryFormat.Magic.Length, writable: false);
        using var input = new BinaryReader(stream, BinaryFormat.Utf8);
        object? value;
        try
        {
            value = new BinaryValueReader(input, allow).Read(typeof(object));
        }
        catch (EndOfStreamException e)
        {
            throw new StateCodecException("the pickle codec payload is truncated", e);
        }
        catch (Exception e) when (e is not StateCodecException)
        {
            throw new StateCodecException($"the pickle codec payload is damaged: {e.Message}", e);
        }
        if (stream.Position != stream.Length)
            throw new StateCodecException($"the pickle codec payload has {stream.Length - stream.Position} unexpected bytes after the value");
        return value;
    }
}
