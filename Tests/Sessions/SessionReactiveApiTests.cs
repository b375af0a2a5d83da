using Solara.Orleans.Grains.Sessions;
using Solara.Reactive;

namespace Solara.Orleans.Tests.Sessions;

/// <summary>The <c>SessionReactive</c> API on its own: its arguments, and its behaviour outside a kernel.</summary>
public sealed class SessionReactiveApiTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_session_value_without_a_key_is_refused_with_a_message_naming_the_key(string key)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new SessionReactive<int>(0, key));
        Assert.Contains("needs a key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_a_kernel_the_value_is_the_initial_one_and_setting_it_names_the_value()
    {
        var theme = new SessionReactive<string>("light", key: "tests.theme");

        Assert.Equal("light", theme.Value);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => theme.Value = "dark");
        Assert.Contains("\"tests.theme\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_grain_id_is_a_hash_of_the_session_id_never_the_id_itself()
    {
        string session = Guid.NewGuid().ToString();

        string grainId = SessionGrainId.For(session);

        Assert.Equal(grainId, SessionGrainId.For(session));
        Assert.NotEqual(grainId, SessionGrainId.For(session + "x"));
        Assert.DoesNotContain(session, grainId, StringComparison.Ordinal);
        Assert.True(SessionGrainId.IsHash(grainId[SessionGrainId.Prefix.Length..]));
        Assert.False(SessionGrainId.IsHash(session));
    }
}
