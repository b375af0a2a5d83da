using Solara.Persistence;

namespace Solara.Orleans.Tests.State;

/// <summary>Definition sites for the key-derivation tests, one per pattern.</summary>
public static class PersistedStatics
{
    public static readonly FakeReactive<int> Count = new(0);

    public static FakeReactive<string> Theme { get; } = new("light");

    public static readonly FakeReactive<int> Explicit = new(0, key: "myapp.count");

    public static readonly FakeReactive<int> FromConfig = new(0, new PersistConfig("myapp.filters", "pickle"));

    public static readonly FakeReactive<int> ExplicitWins = new(0, new PersistConfig("config.key"), key: "explicit.key");

    public static readonly FakeReactive<int> DerivedWithCodec = new(0, new PersistConfig("", "geo"));

    public static readonly FakeReactive<int> FromLambda = ((Func<FakeReactive<int>>)(() => new FakeReactive<int>(0)))();

    public static readonly FakeReactive<int>[] InArray = [new(1), new(2)];

    public static readonly Wrapper Wrapped = new(new FakeReactive<int>(0));

    public static readonly FakeReactive<int> ViaHelper = Make();

    private static FakeReactive<int> Make() => new(0);

    public static class Nested
    {
        public static readonly FakeReactive<int> Inner = new(0);
    }
}

public sealed record Wrapper(FakeReactive<int> Inner);

public static class StaticConstructorBody
{
    public static readonly FakeReactive<int> Value;

    static StaticConstructorBody() => Value = new(0);
}

public static class GenericStatics<T>
{
    public static readonly FakeReactive<int> Value = new(0);
}

/// <summary>The store pattern: reactives per instance.</summary>
public sealed class PerInstanceStore
{
    public readonly FakeReactive<int> FieldInitializer = new(0);

    public readonly FakeReactive<int> InConstructor;

    public PerInstanceStore() => InConstructor = new(0);
}

/// <summary>Fields the log tests derive keys for by reflection (never initialized by them).</summary>
public static class LogFixture
{
    public static readonly FakeReactive<int> First = new(0, key: "log.fixture.first");

    public static readonly FakeReactive<int> Second = new(0, key: "log.fixture.second");

    public static readonly FakeReactive<int> Third = new(0, key: "log.fixture.third");
}
