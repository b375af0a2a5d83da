namespace Solara.Orleans.Grains.State;

/// <summary>A restored value, or why it could not be restored: <see cref="Cause"/> is <c>hmac</c>
/// (the envelope failed verification; nothing was decoded) or <c>codec</c> (verified, but the
/// codec could not decode it), as in the <c>restore result=bailout ... cause=</c> log line.</summary>
public sealed record UnsealResult(bool Restored, object? Value, string? Cause, string? Reason, bool NeedsResign)
{
    public const string HmacCause = "hmac";
    public const string CodecCause = "codec";

    internal static UnsealResult Ok(object? value, bool needsResign) => new(true, value, null, null, needsResign);

    internal static UnsealResult Failed(string cause, string reason) => new(false, null, cause, reason, false);
}
