using Solara.Orleans.Tests.Rendering;
using Solara.Persistence;
using Solara.Reactive;

namespace Solara.Orleans.Tests.State;

/// <summary>How a persisted reactive meets its kernel's persistence: it starts from the restored
/// value, reports its changes, and leaves plain reactives alone.</summary>
public sealed class ReactivePersistSlotTests
{
    private static readonly Reactive<int> Count = new(0, key: "tests.slot.count");
    private static readonly Reactive<string> Label = new("initial", key: "tests.slot.label");
    private static readonly Reactive<int> Plain = new(5);

    [Fact]
    public void A_persisted_value_starts_from_the_restored_value_and_reports_changes()
    {
        using var kernel = new TestKernelContext();
        var persistence = new RecordingPersistence(generation: 3) { Restored = { ["tests.slot.count"] = 41 } };
        kernel.Context.Persistence = persistence;

        Assert.Equal(41, Count.Value);
        Count.Value = 42;

        Assert.Equal(["tests.slot.count"], persistence.Tracked);
        Assert.Equal([42], persistence.Changes);
        Assert.Empty(persistence.Restored);
        Assert.Equal(3, SolaraState.Generation);
    }

    [Fact]
    public void A_restored_value_of_another_type_is_reported_and_the_initial_value_is_used()
    {
        using var kernel = new TestKernelContext();
        var persistence = new RecordingPersistence(generation: 1) { Restored = { ["tests.slot.label"] = 12L } };
        kernel.Context.Persistence = persistence;

        Assert.Equal("initial", Label.Value);
        Assert.Equal(["tests.slot.label"], persistence.Misfits);
    }

    [Fact]
    public void Plain_values_and_kernels_without_persistence_are_untouched()
    {
        using (var withPersistence = new TestKernelContext())
        {
            var persistence = new RecordingPersistence(generation: 1);
            withPersistence.Context.Persistence = persistence;
            Plain.Value = 6;
            Assert.Empty(persistence.Tracked);
        }
        using var without = new TestKernelContext();
        Count.Value = 9;
        Assert.Equal(9, Count.Value);
        Assert.Null(SolaraState.Generation);
    }

    private sealed class RecordingPersistence(long? generation) : IKernelPersistence
    {
        public Dictionary<string, object?> Restored { get; } = [];
        public List<string> Tracked { get; } = [];
        public List<object?> Changes { get; } = [];
        public List<string> Misfits { get; } = [];

        public long? Generation => generation;

        public bool TakeRestored(string key, out object? value) => Restored.Remove(key, out value);

        public void RestoreDidNotFit(PersistBinding binding, Exception error) => Misfits.Add(binding.Key);

        public void Track(PersistBinding binding, ReactiveSlot slot)
        {
            Tracked.Add(binding.Key);
            slot.Listen(Changes.Add);
        }
    }
}
