namespace Solara.Orleans.Grains.State;

/// <summary>Why an envelope was not accepted. Every failure is a restore bail-out with cause <c>hmac</c>.</summary>
public enum EnvelopeFailure
{
    None,

    /// <summary>Empty, truncated, lengths that run past the end, or bytes after the HMAC.</summary>
    Malformed,

    /// <summary>A format version this build does not read.</summary>
    UnsupportedVersion,

    /// <summary>Signed with a key that is not in <c>SOLARA_STATE_SECRET_KEYS</c> here.</summary>
    UnknownKey,

    /// <summary>The HMAC does not match: tampered, or replayed from another kernel or field.</summary>
    BadSignature,
}
