using System.Collections;

namespace Solara.Reactive;

/// <summary>Equality for reactive values and props: <see cref="object.Equals(object?, object?)"/>,
/// except that lists, arrays and sets compare by content (strings and dictionaries excepted by type).</summary>
public static class ValueEquality
{
    public static bool AreEqual(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a is null || b is null)
            return false;
        if (a is string || b is string || a is IDictionary || b is IDictionary)
            return a.Equals(b);
        if (a is IEnumerable ea && b is IEnumerable eb && a is not Delegate)
            return SequenceEqual(ea, eb);
        return a.Equals(b);
    }

    private static bool SequenceEqual(IEnumerable a, IEnumerable b)
    {
        IEnumerator ia = a.GetEnumerator(), ib = b.GetEnumerator();
        while (true)
        {
            bool na = ia.MoveNext(), nb = ib.MoveNext();
            if (na != nb)
                return false;
            if (!na)
                return true;
            if (!AreEqual(ia.Current, ib.Current))
                return false;
        }
    }
}
