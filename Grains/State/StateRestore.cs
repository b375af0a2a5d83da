using Solara.Orleans.Abstractions.State;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Grains.State;

/// <summary>Turns the fields a takeover returned into values, all or nothing: every envelope is
/// verified before anything is decoded, then every payload is decoded; the first failure names its
/// key and cause (<c>hmac</c> or <c>codec</c>) and nothing is restored.</summary>
public static class StateRestore
{
    public sealed record Outcome(IReadOnlyDictionary<string, object?> Values, string? FailedKey, string? Cause, string? Reason, long Bytes, IReadOnlySet<string> NeedsResign)
    {
        public bool Succeeded => FailedKey is null;
    }

    public static Outcome Decode(StateSigningKeys keys, StateCodecRegistry codecs, string kernelId, IReadOnlyDictionary<string, byte[]> fields)
    {
        long bytes = fields.Values.Sum(v => (long)v.Length);
        var opened = new List<(string Key, EnvelopeOpenResult Envelope)>();
        foreach ((string field, byte[] envelope) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            string key = field.StartsWith(StateHashFields.ReactivePrefix, StringComparison.Ordinal) ? field[StateHashFields.ReactivePrefix.Length..] : field;
            EnvelopeOpenResult result = StateEnvelope.Open(keys, kernelId, field, envelope);
            if (!result.Verified)
                return Failed(key, UnsealResult.HmacCause, result.Reason ?? result.Failure.ToString(), bytes);
            opened.Add((key, result));
        }
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var resign = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string key, EnvelopeOpenResult envelope) in opened)
        {
            try
            {
                values[key] = codecs.Decode(envelope.Codec, envelope.Payload);
            }
            catch (StateCodecException e)
            {
                return Failed(key, UnsealResult.CodecCause, e.Message, bytes);
            }
            if (envelope.NeedsResign)
                resign.Add(key);
        }
        return new Outcome(values, null, null, null, bytes, resign);
    }

    private static Outcome Failed(string key, string cause, string reason, long bytes) =>
        new(new Dictionary<string, object?>(), key, cause, reason, bytes, new HashSet<string>());
}
