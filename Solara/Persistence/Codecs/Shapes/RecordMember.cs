using System.Reflection;

namespace Solara.Persistence.Codecs;

/// <summary>One stored member of a record: a public property or field, read on encode and given
/// back through the constructor or its setter on decode.</summary>
internal sealed class RecordMember
{
    private readonly PropertyInfo? _property;
    private readonly FieldInfo? _field;

    public RecordMember(PropertyInfo property)
    {
        _property = property;
        Name = property.Name;
        Type = property.PropertyType;
        CanSet = property.SetMethod is { IsPublic: true };
    }

    public RecordMember(FieldInfo field)
    {
        _field = field;
        Name = field.Name;
        Type = field.FieldType;
        CanSet = !field.IsInitOnly;
    }

    public string Name { get; }

    public Type Type { get; }

    public bool CanSet { get; }

    public object? Get(object instance) => _property is not null ? _property.GetValue(instance) : _field!.GetValue(instance);

    public void Set(object instance, object? value)
    {
        if (_property is not null)
            _property.SetValue(instance, value);
        else
            _field!.SetValue(instance, value);
    }
}
