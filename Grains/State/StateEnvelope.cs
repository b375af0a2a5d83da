using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Solara.Orleans.Grains.State;

/// <summary>The signed envelope around every persisted value (PROTOCOL.md, "State envelope"):
/// <code>version (1 byte = 1) | lp(key_id) | lp(codec) | lp(payload) | hmac (32 bytes)</code>
/// where <c>lp(x)</c> is a 4-byte big-endian length then the bytes, <c>key_id</c> is the first 8 bytes of
/// SHA-256 of the signing secret, and the HMAC-SHA-256 covers the length-prefixed
/// <c>(key_id, kernel_id, field_name, codec, payload)</c>, so an envelope cannot be replayed into
/// another kernel or field. <see cref="Open"/> verifies in constant time before anything is decoded
/// and never throws for bad input.</summary>
public static class StateEnvelope
{
    public const byte Version = 1;
    public const int HmacSize = 32;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Signs <paramref name="payload"/> with the primary key.</summary>
    public static byte[] Seal(StateSigningKeys keys, string kernelId, string fieldName, string codec, ReadOnlySpan<byte> payload)
    {
        ReadOnlySpan<byte> keyId = keys.KeyId(0);
        byte[] codecBytes = Encoding.UTF8.GetBytes(codec);
        byte[] mac = keys.Sign(0, Canonical(keyId, kernelId, fieldName, codecBytes, payload));
        var envelope = new byte[1 + 4 + keyId.Length + 4 + codecBytes.Length + 4 + payload.Length + HmacSize];
        envelope[0] = Version;
        int offset = 1;
        offset = WritePrefixed(envelope, offset, keyId);
        offset = WritePrefixed(envelope, offset, codecBytes);
        offset = WritePrefixed(envelope, offset, payload);
        mac.CopyTo(envelope, offset);
        return envelope;
    }

    /// <summary>Parses and verifies; the result says which key verified it, or why it failed.</summary>
    public static EnvelopeOpenResult Open(StateSigningKeys keys, string kernelId, string fieldName, ReadOnlySpan<byte> envelope)
    {
        if (envelope.IsEmpty)
            return EnvelopeOpenResult.Fail(EnvelopeFailure.Malformed, $"the envelope of field '{fieldName}' is empty");
        if (envelope[0] != Version)
            return EnvelopeOpenResult.Fail(EnvelopeFailure.UnsupportedVersion,
                $"the envelope of field '{fieldName}' has format version {envelope[0]}; this build reads version {Version} (written by a newer server?)");
        int offset = 1;
        if (!TryReadPrefixed(envelope, ref offset, out ReadOnlySpan<byte> keyId)
            || !TryReadPrefixed(envelope, ref offset, out ReadOnlySpan<byte> codecBytes)
            || !TryReadPrefixed(envelope, ref offset, out ReadOnlySpan<byte> payload))
            return EnvelopeOpenResult.Fail(EnvelopeFailure.Malformed, $"the envelope of field '{fieldName}' is truncated (a length runs past the end)");
        if (envelope.Length - offset != HmacSize)
            return EnvelopeOpenResult.Fail(EnvelopeFailure.Malformed,
                $"the envelope of field '{fieldName}' has {envelope.Length - offset} bytes where the {HmacSize}-byte HMAC belongs (truncated or trailing bytes)");
        int keyIndex = keys.IndexOf(keyId);
        if (keyIndex < 0)
            return EnvelopeOpenResult.Fail(EnvelopeFailure.UnknownKey,
                $"the envelope of field '{fieldName}' was signed with key id {Convert.ToHexStringLower(keyId)}, which is not in SOLARA_STATE_SECRET_KEYS here (do all instances share the same keys?)");
        byte[] expected = keys.Sign(keyIndex, Canonical(keyId, kernelId, fieldName, codecBytes, payload));
        if (!CryptographicOperations.FixedTimeEquals(expected, envelope[offset..]))
            return EnvelopeOpenResult.Fail(EnvelopeFailure.BadSignature,
                $"HMAC verification failed for field '{fieldName}' of kernel '{kernelId}' (tampered, or copied from another kernel or field)");
        string codec;
        try
        {
            codec = StrictUtf8.GetString(codecBytes);
        }
        catch (DecoderFallbackException)
        {
            return EnvelopeOpenResult.Fail(EnvelopeFailure.Malformed, $"the codec name in the envelope of field '{fieldName}' is not UTF-8");
        }
        return EnvelopeOpenResult.Ok(codec, payload.ToArray(), keyIndex);
    }

    /// <summary>What the HMAC covers: lp(key_id) lp(kernel_id) lp(field_name) lp(codec) lp(payload).</summary>
    private static byte[] Canonical(ReadOnlySpan<byte> keyId, string kernelId, string fieldName, ReadOnlySpan<byte> codec, ReadOnlySpan<byte> payload)
    {
        byte[] kernel = Encoding.UTF8.GetBytes(kernelId);
        byte[] field = Encoding.UTF8.GetBytes(fieldName);
        var data = new byte[5 * 4 + keyId.Length + kernel.Length + field.Length + codec.Length + payload.Length];
        int offset = WritePrefixed(data, 0, keyId);
        offset = WritePrefixed(data, offset, kernel);
        offset = WritePrefixed(data, offset, field);
        offset = WritePrefixed(data, offset, codec);
        WritePrefixed(data, offset, payload);
        return data;
    }

    private static int WritePrefixed(byte[] target, int offset, ReadOnlySpan<byte> part)
    {
        BinaryPrimitives.WriteUInt32BigEndian(target.AsSpan(offset), (uint)part.Length);
        part.CopyTo(target.AsSpan(offset + 4));
        return offset + 4 + part.Length;
    }

    private static bool TryReadPrefixed(ReadOnlySpan<byte> source, ref int offset, out ReadOnlySpan<byte> part)
    {
        part = default;
        if (source.Length - offset < 4)
            return false;
        uint length = BinaryPrimitives.ReadUInt32BigEndian(source[offset..]);
        if (length > (uint)(source.Length - offset - 4))
            return false;
        part = source.Slice(offset + 4, (int)length);
        offset += 4 + (int)length;
        return true;
    }
}
