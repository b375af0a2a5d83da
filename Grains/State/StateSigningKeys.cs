using System.Security.Cryptography;
using System.Text;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Grains.State;

/// <summary>The secrets of <c>SOLARA_STATE_SECRET_KEYS</c>: sign with the first, verify with any.
/// A key's id is the first 8 bytes of SHA-256 of the secret (UTF-8), stored in every envelope so
/// verification finds the right key without trying them all.</summary>
public sealed class StateSigningKeys
{
    public const int KeyIdSize = 8;

    private readonly byte[][] _secrets;
    private readonly byte[][] _ids;

    public StateSigningKeys(IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
            throw new ArgumentException("at least one non-empty secret is required (SOLARA_STATE_SECRET_KEYS)", nameof(secrets));
        if (secrets.Contains(StateOptions.PlaceholderSecret, StringComparer.Ordinal))
            throw new ArgumentException($"the placeholder secret '{StateOptions.PlaceholderSecret}' is never used to sign state (SOLARA_STATE_SECRET_KEYS)", nameof(secrets));
        _secrets = [.. secrets.Select(Encoding.UTF8.GetBytes)];
        _ids = [.. _secrets.Select(s => SHA256.HashData(s)[..KeyIdSize])];
    }

    public int Count => _secrets.Length;

    /// <summary>The id of the key at <paramref name="index"/> (0 is the primary, the signing key).</summary>
    public ReadOnlySpan<byte> KeyId(int index) => _ids[index];

    /// <summary>The index of the key with <paramref name="keyId"/>, or -1; each comparison is constant time.</summary>
    public int IndexOf(ReadOnlySpan<byte> keyId)
    {
        int found = -1;
        for (int i = 0; i < _ids.Length; i++)
            if (CryptographicOperations.FixedTimeEquals(_ids[i], keyId) && found < 0)
                found = i;
        return found;
    }

    public byte[] Sign(int index, ReadOnlySpan<byte> data) => HMACSHA256.HashData(_secrets[index], data);

    /// <summary>What <c>__session_id__</c> holds: HMAC-SHA-256 of the session id under the primary key.</summary>
    public byte[] SessionHmac(string sessionId) => Sign(0, Encoding.UTF8.GetBytes(sessionId));

    /// <summary>The session id's HMAC under every key, primary first: the verify-any set a takeover accepts.</summary>
    public IReadOnlyList<byte[]> SessionHmacs(string sessionId)
    {
        byte[] id = Encoding.UTF8.GetBytes(sessionId);
        return [.. Enumerable.Range(0, _secrets.Length).Select(i => Sign(i, id))];
    }
}
