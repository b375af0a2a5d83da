using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Tests.State;

/// <summary>The envelope layout of PROTOCOL.md, checked against an independent computation, and
/// every way an envelope can be refused.</summary>
public sealed class StateEnvelopeTests
{
    private static readonly StateSigningKeys Keys = new(["k1"]);

    /// <summary>Computed outside .NET (Python's hmac/hashlib) for secret "k1", kernel "kernel-1",
    /// field "reactive:count", codec "json", payload "42".</summary>
    private const string KnownEnvelope =
        "01000000086ab9f1eb8f7d3388000000046a736f6e0000000234322821a9b4cb5c7fe6d7bcbfabdfa5e01e75e7ac8d36a6ef92f7d9314d363a9eeb";

    private static byte[] Seal(StateSigningKeys keys, string kernel = "kernel-1", string field = "reactive:count", string codec = "json", string payload = "42") =>
        StateEnvelope.Seal(keys, kernel, field, codec, Encoding.UTF8.GetBytes(payload));

    [Fact]
    public void The_layout_matches_an_independently_computed_envelope()
    {
        Assert.Equal(KnownEnvelope, Convert.ToHexStringLower(Seal(Keys)));
    }

    [Fact]
    public void The_layout_matches_a_by_hand_construction_from_the_protocol_text()
    {
        byte[] secret = "another secret ✓"u8.ToArray();
        byte[] keyId = SHA256.HashData(secret)[..8];
        byte[] payload = [0, 1, 2, 255];
        byte[] covered = [.. Lp(keyId), .. Lp("k-2"u8.ToArray()), .. Lp("reactive:x"u8.ToArray()), .. Lp("pickle"u8.ToArray()), .. Lp(payload)];
        byte[] mac = HMACSHA256.HashData(secret, covered);
        byte[] expected = [1, .. Lp(keyId), .. Lp("pickle"u8.ToArray()), .. Lp(payload), .. mac];

        byte[] actual = StateEnvelope.Seal(new StateSigningKeys(["another secret ✓", "older"]), "k-2", "reactive:x", "pickle", payload);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void An_envelope_opens_with_its_codec_payload_and_signing_key()
    {
        EnvelopeOpenResult opened = StateEnvelope.Open(Keys, "kernel-1", "reactive:count", Convert.FromHexString(KnownEnvelope));

        Assert.True(opened.Verified);
        Assert.Equal("json", opened.Codec);
        Assert.Equal("42"u8.ToArray(), opened.Payload);
        Assert.Equal(0, opened.KeyIndex);
        Assert.False(opened.NeedsResign);
    }

    [Theory]
    [InlineData("kernel-2", "reactive:count")]
    [InlineData("kernel-1", "reactive:other")]
    public void An_envelope_replayed_into_another_kernel_or_field_fails_verification(string kernel, string field)
    {
        EnvelopeOpenResult opened = StateEnvelope.Open(Keys, kernel, field, Seal(Keys));

        Assert.Equal(EnvelopeFailure.BadSignature, opened.Failure);
        Assert.Contains("HMAC verification failed", opened.Reason);
        Assert.Empty(opened.Payload);
    }

    [Fact]
    public void Flipping_any_bit_after_the_version_is_refused()
    {
        byte[] good = Seal(Keys);
        for (int i = 1; i < good.Length; i++)
        {
            byte[] tampered = good.ToArray();
            tampered[i] ^= 0x01;

            EnvelopeOpenResult opened = StateEnvelope.Open(Keys, "kernel-1", "reactive:count", tampered);

            Assert.False(opened.Verified, $"a flipped bit at byte {i} was accepted");
            Assert.NotNull(opened.Reason);
        }
    }

    [Fact]
    public void Every_truncation_and_trailing_bytes_are_malformed_not_exceptions()
    {
        byte[] good = Seal(Keys);
        for (int length = 0; length < good.Length; length++)
        {
            EnvelopeOpenResult opened = StateEnvelope.Open(Keys, "kernel-1", "reactive:count", good[..length]);
            Assert.Equal(EnvelopeFailure.Malformed, opened.Failure);
        }
        Assert.Equal(EnvelopeFailure.Malformed, StateEnvelope.Open(Keys, "kernel-1", "reactive:count", [.. good, 0]).Failure);
    }

    [Fact]
    public void A_length_prefix_larger_than_the_envelope_is_malformed()
    {
        byte[] huge = [1, 0xFF, 0xFF, 0xFF, 0xFF, .. new byte[40]];
        EnvelopeOpenResult opened = StateEnvelope.Open(Keys, "kernel-1", "reactive:count", huge);
        Assert.Equal(EnvelopeFailure.Malformed, opened.Failure);
        Assert.Contains("truncated", opened.Reason);
    }

    [Fact]
    public void Another_format_version_is_refused_by_name()
    {
        byte[] future = Seal(Keys);
        future[0] = 2;

        EnvelopeOpenResult opened = StateEnvelope.Open(Keys, "kernel-1", "reactive:count", future);

        Assert.Equal(EnvelopeFailure.UnsupportedVersion, opened.Failure);
        Assert.Contains("version 2", opened.Reason);
    }

    [Fact]
    public void A_key_this_instance_does_not_have_is_refused_pointing_at_the_setting()
    {
        EnvelopeOpenResult opened = StateEnvelope.Open(new StateSigningKeys(["other"]), "kernel-1", "reactive:count", Seal(Keys));

        Assert.Equal(EnvelopeFailure.UnknownKey, opened.Failure);
        Assert.Contains("SOLARA_STATE_SECRET_KEYS", opened.Reason);
    }

    [Fact]
    public void After_rotation_old_envelopes_verify_and_are_flagged_for_re_signing()
    {
        byte[] old = Seal(new StateSigningKeys(["old"]));
        var rotated = new StateSigningKeys(["new", "old"]);

        EnvelopeOpenResult opened = StateEnvelope.Open(rotated, "kernel-1", "reactive:count", old);
        byte[] resealed = Seal(rotated);

        Assert.True(opened.Verified);
        Assert.Equal(1, opened.KeyIndex);
        Assert.True(opened.NeedsResign);
        Assert.Equal(SHA256.HashData("new"u8)[..8], resealed[5..13]);
        Assert.Equal(0, StateEnvelope.Open(rotated, "kernel-1", "reactive:count", resealed).KeyIndex);
    }

    [Fact]
    public void The_session_identity_is_an_hmac_of_the_session_id_never_the_id()
    {
        var keys = new StateSigningKeys(["k1", "k0"]);

        byte[] identity = keys.SessionHmac("session-1");

        Assert.Equal("014edadf1a2670a409f893b35d3099d329cb0060deb7c7f1355821ea53db987a", Convert.ToHexStringLower(identity));
        Assert.Equal([identity, HMACSHA256.HashData("k0"u8, "session-1"u8)], keys.SessionHmacs("session-1"));
    }

    public static TheoryData<string[]> BadSecrets() => new() { Array.Empty<string>(), new[] { "" }, new[] { "real", "change me" } };

    [Theory]
    [MemberData(nameof(BadSecrets))]
    public void Signing_keys_refuse_missing_or_placeholder_secrets(string[] secrets)
    {
        var error = Assert.Throws<ArgumentException>(() => new StateSigningKeys(secrets));
        Assert.Contains("SOLARA_STATE_SECRET_KEYS", error.Message);
    }

    private static byte[] Lp(byte[] part)
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)part.Length);
        return [.. prefix, .. part];
    }
}
