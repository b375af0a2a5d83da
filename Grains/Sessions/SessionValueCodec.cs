using Solara.Orleans.Grains.State;
using Solara.Persistence;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Grains.Sessions;

/// <summary>Session values to bytes and back. With a state backend a value is sealed like a persisted
/// kernel value (a signed envelope bound to the session grain's id and <c>reactive:{key}</c>), which is
/// what the session grain stores; without one it is the codec's bytes, which only travel between silos
/// over the credentialed cluster API and are never stored.</summary>
public sealed class SessionValueCodec(StatePersistence? state)
{
    public byte[] Encode(string grainId, string key, string serializer, object? value) =>
        state is null
            ? StateCodecs.Default.Encode(serializer, value)
            : state.Sealer.Seal(grainId, new PersistBinding(key, serializer, Derived: false), value);

    /// <summary>False when the bytes do not verify or decode (e.g. signed with a key no longer configured).</summary>
    public bool TryDecode(string grainId, string key, string serializer, byte[] bytes, out object? value)
    {
        value = null;
        if (state is not null)
        {
            UnsealResult opened = state.Sealer.Unseal(grainId, PersistKeys.FieldPrefix + key, bytes);
            value = opened.Value;
            return opened.Restored;
        }
        try
        {
            value = StateCodecs.Default.Decode(serializer, bytes);
            return true;
        }
        catch (StateCodecException)
        {
            return false;
        }
    }
}
