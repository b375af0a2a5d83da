using System.Reflection;

namespace Solara.Persistence.Codecs;

/// <summary>What of a record is stored and how it is re-created.
/// <para>Stored: public instance properties and fields that a public constructor takes by name
/// (case-insensitive) or that have a public setter (<c>init</c> included). Get-only computed members
/// are not stored; they recompute. The constructor is the public one (not the copy constructor)
/// with the most parameters that all match stored members; without one, the parameterless
/// constructor and setters. On decode a stored member that no longer exists is ignored, a missing
/// one keeps its default, but a missing constructor parameter without a default value fails (the
/// shape changed: bump <c>SOLARA_STATE_SCHEMA_TAG</c>).</para></summary>
internal sealed class RecordLayout
{
    private readonly ConstructorInfo? _constructor;
    private readonly ParameterInfo[] _parameters;
    private readonly RecordMember[] _parameterMembers;

    private RecordLayout(Type type, RecordMember[] members, ConstructorInfo? constructor, ParameterInfo[] parameters, RecordMember[] parameterMembers)
    {
        Type = type;
        Members = members;
        _constructor = constructor;
        _parameters = parameters;
        _parameterMembers = parameterMembers;
    }

    public Type Type { get; }

    public IReadOnlyList<RecordMember> Members { get; }

    public static RecordLayout Create(Type type)
    {
        if (type.IsAbstract)
            throw new UnsupportedTypeException(type, $"{TypeDisplay.Of(type)} is abstract, so it cannot be re-created");
        if (type.ContainsGenericParameters)
            throw new UnsupportedTypeException(type, $"{TypeDisplay.Of(type)} is an open generic type");
        List<RecordMember> readable = ReadableMembers(type);
        (ConstructorInfo? constructor, RecordMember[] byParameter) = ChooseConstructor(type, readable);
        if (constructor is null && !type.IsValueType && type.GetConstructor(Type.EmptyTypes) is null)
            throw new UnsupportedTypeException(type,
                $"{TypeDisplay.Of(type)} has no public constructor whose parameters all match its public properties by name, and no public parameterless constructor; add one, or register a custom codec");
        var stored = readable.Where(m => m.CanSet || byParameter.Contains(m)).ToArray();
        return new RecordLayout(type, stored, constructor, constructor?.GetParameters() ?? [], byParameter);
    }

    /// <summary>Re-creates the record from decoded member values; <paramref name="convert"/> fits a value to a member type.</summary>
    public object Construct(IReadOnlyDictionary<string, object?> values, Func<Type, object?, object?> convert)
    {
        var arguments = new object?[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            ParameterInfo parameter = _parameters[i];
            if (values.TryGetValue(_parameterMembers[i].Name, out object? value))
                arguments[i] = convert(parameter.ParameterType, value);
            else if (parameter.HasDefaultValue)
                arguments[i] = parameter.DefaultValue;
            else
                throw new StateCodecException(
                    $"stored {TypeDisplay.Of(Type)} has no value for '{_parameterMembers[i].Name}', which its constructor requires: the type changed shape since it was stored (give the parameter a default value, or bump SOLARA_STATE_SCHEMA_TAG for a clean reset)");
        }
        object instance;
        try
        {
            instance = _constructor is not null ? _constructor.Invoke(arguments) : Activator.CreateInstance(Type)!;
            foreach (RecordMember member in Members)
                if (member.CanSet && !_parameterMembers.Contains(member) && values.TryGetValue(member.Name, out object? value))
                    member.Set(instance, convert(member.Type, value));
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new StateCodecException($"re-creating {TypeDisplay.Of(Type)} from stored data failed: {e.InnerException.Message}", e.InnerException);
        }
        return instance;
    }

    private static List<RecordMember> ReadableMembers(Type type)
    {
        var members = new List<RecordMember>();
        foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && !p.PropertyType.IsByRefLike && members.All(m => m.Name != p.Name))
                members.Add(new RecordMember(p));
        foreach (FieldInfo f in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            if (!f.FieldType.IsByRefLike)
                members.Add(new RecordMember(f));
        return members;
    }

    private static (ConstructorInfo?, RecordMember[]) ChooseConstructor(Type type, List<RecordMember> readable)
    {
        ConstructorInfo? best = null;
        RecordMember[] bestMembers = [];
        foreach (ConstructorInfo constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
        {
            ParameterInfo[] parameters = constructor.GetParameters();
            if (parameters.Length == 0 || parameters.Length <= bestMembers.Length)
                continue;
            if (parameters.Length == 1 && parameters[0].ParameterType == type)
                continue; // the copy constructor
            RecordMember[]? matched = Match(parameters, readable);
            if (matched is not null)
                (best, bestMembers) = (constructor, matched);
        }
        return (best, bestMembers);
    }

    private static RecordMember[]? Match(ParameterInfo[] parameters, List<RecordMember> readable)
    {
        var matched = new RecordMember[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            RecordMember? member =
                readable.FirstOrDefault(m => m.Name == parameters[i].Name)
                ?? readable.FirstOrDefault(m => string.Equals(m.Name, parameters[i].Name, StringComparison.OrdinalIgnoreCase));
            if (member is null || !parameters[i].ParameterType.IsAssignableFrom(member.Type) || matched.Contains(member))
                return null;
            matched[i] = member;
        }
        return matched;
    }
}
