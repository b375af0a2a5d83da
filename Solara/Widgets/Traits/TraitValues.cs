namespace Solara.Widgets;

/// <summary>One widget's trait values, in the slots of its class' <see cref="TraitShape"/>. A slot the
/// widget never set holds <see cref="Unset"/> (null is a value). Touched only on the widget's kernel turn.</summary>
internal sealed class TraitValues(TraitShape shape)
{
    private static readonly object Unset = new();
    private object?[] _values = [];

    public bool TryGet(string trait, out object? value)
    {
        int slot = shape.SlotOf(trait);
        value = slot >= 0 && slot < _values.Length ? _values[slot] : Unset;
        if (ReferenceEquals(value, Unset))
        {
            value = null;
            return false;
        }
        return true;
    }

    public object? this[string trait]
    {
        get => TryGet(trait, out object? value) ? value : throw new KeyNotFoundException($"the widget has no trait '{trait}'");
        set
        {
            int slot = shape.SlotFor(trait);
            if (slot >= _values.Length)
            {
                int old = _values.Length;
                Array.Resize(ref _values, Math.Max(slot + 1, shape.Count));
                Array.Fill(_values, Unset, old, _values.Length - old);
            }
            _values[slot] = value;
        }
    }

    /// <summary>The names of the traits set, in the class' order.</summary>
    public IEnumerable<string> Names
    {
        get
        {
            for (int slot = 0; slot < _values.Length; slot++)
                if (!ReferenceEquals(_values[slot], Unset))
                    yield return shape.NameAt(slot);
        }
    }

    public int Length => _values.Length;

    public string NameAt(int slot) => shape.NameAt(slot);

    /// <summary>The value in <paramref name="slot"/>, or false when the widget never set it.</summary>
    public bool TryGetAt(int slot, out object? value)
    {
        value = _values[slot];
        return !ReferenceEquals(value, Unset);
    }
}
