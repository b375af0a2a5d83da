namespace Solara.Orleans.Grains.State;

/// <summary>A verified envelope's codec and payload, with the index of the key that verified it;
/// or the failure and a reason saying what and where.</summary>
public sealed class EnvelopeOpenResult
{
    private EnvelopeOpenResult(EnvelopeFailure failure, string? reason, string codec, byte[] payload, int keyIndex)
    {
        Failure = failure;
        Reason = reason;
        Codec = codec;
        Payload = payload;
        KeyIndex = keyIndex;
    }

    public bool Verified => Failure == EnvelopeFailure.None;

    public EnvelopeFailure Failure { get; }

    public string? Reason { get; }

    public string Codec { get; }

    public byte[] Payload { get; }

    /// <summary>Which configured key verified it (0 = the primary); -1 when not verified.</summary>
    public int KeyIndex { get; }

    /// <summary>Verified with an older key: re-sign with the primary on the next write (rotation).</summary>
    public bool NeedsResign => KeyIndex > 0;

    internal static EnvelopeOpenResult Ok(string codec, byte[] payload, int keyIndex) => new(EnvelopeFailure.None, null, codec, payload, keyIndex);

    internal static EnvelopeOpenResult Fail(EnvelopeFailure failure, string reason) => new(failure, reason, "", [], -1);
}
