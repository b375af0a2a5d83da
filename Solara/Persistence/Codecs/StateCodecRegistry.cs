using System.Collections.Concurrent;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Persistence.Codecs;

/// <summary>The codecs by name: the built-in <c>json</c> (default) and <c>pickle</c> (gated by
/// <c>SOLARA_STATE_ALLOW_PICKLE</c>), plus custom codecs registered at start-up, and the optional
/// decode allow-list they share. <see cref="Encode"/> and <see cref="Decode"/> turn any failure,
/// also of a custom codec, into <see cref="StateSerializationException"/> / <see cref="StateCodecException"/>.</summary>
public sealed class StateCodecRegistry
{
    private readonly ConcurrentDictionary<string, IStateCodec> _codecs = new(StringComparer.Ordinal);
    private volatile bool _pickleAllowed;

    public StateCodecRegistry(bool allowPickle = false)
    {
        _pickleAllowed = allowPickle;
        _codecs[JsonStateCodec.CodecName] = new JsonStateCodec(AllowList);
        _codecs[BinaryStateCodec.CodecName] = new BinaryStateCodec(() => _pickleAllowed, AllowList);
    }

    public DecodeTypeAllowList AllowList { get; } = new();

    public bool PickleAllowed => _pickleAllowed;

    public IReadOnlyCollection<string> Names => [.. _codecs.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Takes the deployer's settings (<c>SOLARA_STATE_ALLOW_PICKLE</c>); the host calls this at start-up.</summary>
    public void ApplyDeployment(StateOptions options) => _pickleAllowed = options.AllowPickle;

    public void Register(string name, Func<object?, byte[]> encode, Func<byte[], object?> decode) =>
        Register(new DelegateStateCodec(name, encode, decode));

    /// <summary>Adds a codec, or replaces a custom one of the same name (hot reload); the built-in names cannot be replaced.</summary>
    public void Register(IStateCodec codec)
    {
        string name = codec.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"'{name}' is not a codec name: use 1 to 64 letters, digits, '-', '_' or '.'", nameof(codec));
        if (name is JsonStateCodec.CodecName or BinaryStateCodec.CodecName)
            throw new ArgumentException($"the codec name '{name}' is built in and cannot be replaced; register yours under another name", nameof(codec));
        _codecs[name] = codec;
    }

    public bool IsRegistered(string name) => _codecs.ContainsKey(name);

    public IStateCodec Get(string name) =>
        _codecs.TryGetValue(name, out IStateCodec? codec)
            ? codec
            : throw new StateCodecException($"unknown codec '{name}' (registered: {string.Join(", ", Names)}); register it with StateCodecs.Register(\"{name}\", encode, decode) at start-up, before any value is persisted or restored");

    public byte[] Encode(string codec, object? value)
    {
        IStateCodec selected = Get(codec);
        try
        {
            return selected.Encode(value) ?? throw new StateSerializationException($"the codec '{codec}' returned null instead of bytes");
        }
        catch (StateCodecException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new StateSerializationException($"the codec '{codec}' failed to encode a {(value is null ? "null" : TypeDisplay.Of(value.GetType()))}: {e.Message}", e);
        }
    }

    public object? Decode(string codec, byte[] payload)
    {
        IStateCodec selected = Get(codec);
        try
        {
            return selected.Decode(payload);
        }
        catch (StateCodecException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new StateCodecException($"the codec '{codec}' failed to decode {payload.Length} bytes: {e.Message}", e);
        }
    }
}
