using Solara.Orleans.Grains.State;
using Solara.Persistence;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

/// <summary>Codec + envelope together: verified before decoded, and a failed restore names its cause.</summary>
public sealed class StateValueSealerTests
{
    private static readonly PersistBinding Filters = new("myapp.filters", "json", Derived: false);

    [Fact]
    public void A_value_seals_and_unseals_through_its_codec()
    {
        var sealer = new StateValueSealer(new StateSigningKeys(["s"]), new StateCodecRegistry());
        var value = new Dictionary<string, object?> { ["country"] = "NL", ["year"] = 2024 };

        byte[] envelope = sealer.Seal("kernel-1", Filters, value);
        UnsealResult restored = sealer.Unseal("kernel-1", Filters.FieldName, envelope);

        Assert.True(restored.Restored);
        Assert.Equal(value, restored.Value);
        Assert.Null(restored.Cause);
    }

    [Fact]
    public void A_tampered_envelope_is_an_hmac_failure_and_is_never_decoded()
    {
        int decodes = 0;
        var codecs = new StateCodecRegistry();
        codecs.Register("counting", v => [(byte)(int)v!], b => { decodes++; return (int)b[0]; });
        var sealer = new StateValueSealer(new StateSigningKeys(["s"]), codecs);
        byte[] envelope = sealer.Seal("kernel-1", Filters with { Serializer = "counting" }, 7);
        envelope[^40] ^= 0xFF;

        UnsealResult restored = sealer.Unseal("kernel-1", Filters.FieldName, envelope);

        Assert.False(restored.Restored);
        Assert.Equal("hmac", restored.Cause);
        Assert.Equal(0, decodes);
    }

    [Fact]
    public void A_verified_envelope_the_codec_cannot_read_is_a_codec_failure()
    {
        var keys = new StateSigningKeys(["s"]);
        byte[] envelope = StateEnvelope.Seal(keys, "kernel-1", Filters.FieldName, "json", """{"$solara":"[Gone.Type, Gone]","value":{}}"""u8);

        UnsealResult restored = new StateValueSealer(keys, new StateCodecRegistry()).Unseal("kernel-1", Filters.FieldName, envelope);

        Assert.Equal("codec", restored.Cause);
        Assert.Contains("Gone.Type", restored.Reason);
        Assert.Contains(Filters.FieldName, restored.Reason);
    }

    [Fact]
    public void A_signed_envelope_naming_an_unregistered_codec_is_a_codec_failure()
    {
        var keys = new StateSigningKeys(["s"]);
        byte[] envelope = StateEnvelope.Seal(keys, "kernel-1", Filters.FieldName, "geo", [1, 2]);

        UnsealResult restored = new StateValueSealer(keys, new StateCodecRegistry()).Unseal("kernel-1", Filters.FieldName, envelope);

        Assert.Equal("codec", restored.Cause);
        Assert.Contains("unknown codec 'geo'", restored.Reason);
    }

    [Fact]
    public void A_value_signed_with_an_older_key_restores_and_asks_for_re_signing()
    {
        byte[] envelope = new StateValueSealer(new StateSigningKeys(["old"]), new StateCodecRegistry()).Seal("kernel-1", Filters, 5);

        UnsealResult restored = new StateValueSealer(new StateSigningKeys(["new", "old"]), new StateCodecRegistry()).Unseal("kernel-1", Filters.FieldName, envelope);

        Assert.Equal(5, restored.Value);
        Assert.True(restored.NeedsResign);
    }

    [Fact]
    public void An_unstorable_value_fails_on_seal()
    {
        var sealer = new StateValueSealer(new StateSigningKeys(["s"]), new StateCodecRegistry());
        Assert.Throws<StateSerializationException>(() => sealer.Seal("kernel-1", Filters, new PlainSettings()));
    }
}
