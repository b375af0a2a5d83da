using Solara.Persistence;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Grains.State;

/// <summary>One persisted value to envelope bytes and back: encode with the binding's codec, then
/// sign (<see cref="StateEnvelope"/>); verify, then decode. Restore never throws for bad stored data.</summary>
public sealed class StateValueSealer(StateSigningKeys keys, StateCodecRegistry codecs)
{
    /// <summary>The envelope for the value of <paramref name="binding"/> in <paramref name="kernelId"/>;
    /// throws <see cref="StateSerializationException"/> when the codec cannot store the value.</summary>
    public byte[] Seal(string kernelId, PersistBinding binding, object? value) =>
        StateEnvelope.Seal(keys, kernelId, binding.FieldName, binding.Serializer, codecs.Encode(binding.Serializer, value));

    public UnsealResult Unseal(string kernelId, string fieldName, byte[] envelope)
    {
        EnvelopeOpenResult opened = StateEnvelope.Open(keys, kernelId, fieldName, envelope);
        if (!opened.Verified)
            return UnsealResult.Failed(UnsealResult.HmacCause, opened.Reason!);
        try
        {
            return UnsealResult.Ok(codecs.Decode(opened.Codec, opened.Payload), opened.NeedsResign);
        }
        catch (StateCodecException e)
        {
            return UnsealResult.Failed(UnsealResult.CodecCause, $"field '{fieldName}': {e.Message}");
        }
    }
}
