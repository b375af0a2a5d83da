using System.Collections.Immutable;

namespace Solara.Persistence.Codecs;

/// <summary>An optional, stricter boundary for decoding: once any type is added, the codecs
/// re-create (and store) only the listed records, data classes and enums, so even someone holding
/// the secret cannot make the server construct any other type. Empty means the default rule
/// (records, <see cref="StateDataAttribute"/> types and enums). Names are <c>Namespace.Type, Assembly</c>
/// (nested types with <c>+</c>, generic types by their definition, e.g. <c>MyApp.Page`1, MyApp</c>).</summary>
public sealed class DecodeTypeAllowList
{
    private ImmutableHashSet<string> _names = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public bool IsEnforced => !_names.IsEmpty;

    public IReadOnlyCollection<string> Names => _names;

    public void Add(params Type[] types) => Add(types.Select(NameOf).ToArray());

    public void Add(params string[] names)
    {
        foreach (string name in names)
        {
            int comma = name.IndexOf(',');
            if (comma <= 0 || comma == name.Length - 1 || name.IndexOf(',', comma + 1) >= 0)
                throw new ArgumentException($"'{name}' is not a type name of the form 'Namespace.Type, Assembly' (for example 'MyApp.Models.User, MyApp')", nameof(names));
        }
        ImmutableInterlocked.Update(ref _names, set => set.Union(names.Select(Normalize)));
    }

    public bool Allows(Type type) => !IsEnforced || _names.Contains(NameOf(type));

    /// <summary>The allow-list name of <paramref name="type"/>: <c>Namespace.Type, Assembly</c>.</summary>
    public static string NameOf(Type type)
    {
        Type definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return $"{definition.FullName}, {definition.Assembly.GetName().Name}";
    }

    private static string Normalize(string name)
    {
        int comma = name.IndexOf(',');
        return $"{name[..comma].Trim()}, {name[(comma + 1)..].Trim()}";
    }
}
