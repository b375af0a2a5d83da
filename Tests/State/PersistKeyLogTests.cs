using System.Collections.Concurrent;
using Solara.Persistence;

namespace Solara.Orleans.Tests.State;

/// <summary>Each derived key is logged once at Information, with the seed's exact text. These tests
/// own the process-wide sink, so they live in one class (run one after another).</summary>
public sealed class PersistKeyLogTests : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();

    public PersistKeyLogTests() => PersistKeys.InformationLog = _lines.Enqueue;

    public void Dispose() => PersistKeys.InformationLog = null;

    private static CallerInfo Site(string field) =>
        new("LogFixture.cs", 1, field, typeof(LogFixture).TypeInitializer, typeof(FakeReactive<int>));

    [Fact]
    public void A_derived_key_is_logged_once_with_the_exact_text()
    {
        PersistKeys.Resolve(null, null, Site(nameof(LogFixture.First)));
        PersistKeys.Resolve(null, null, Site(nameof(LogFixture.First)));

        Assert.Equal(["derived persistence key \"Solara.Orleans.Tests.State.LogFixture:First\""], _lines.Where(l => l.Contains("LogFixture:First")));
    }

    [Fact]
    public void Explicit_keys_are_not_logged()
    {
        PersistKeys.Resolve(new PersistConfig("log.explicit.config"), "log.explicit.key", Site(nameof(LogFixture.Second)));
        Assert.DoesNotContain(_lines, l => l.Contains("log.explicit") || l.Contains("LogFixture:Second"));
    }

    [Fact]
    public void Lines_logged_before_a_sink_is_set_are_delivered_when_it_is()
    {
        PersistKeys.InformationLog = null;
        PersistKeys.Resolve(null, null, Site(nameof(LogFixture.Third)));
        Assert.DoesNotContain(_lines, l => l.Contains("LogFixture:Third"));

        PersistKeys.InformationLog = _lines.Enqueue;

        Assert.Single(_lines, l => l == "derived persistence key \"Solara.Orleans.Tests.State.LogFixture:Third\"");
    }
}
