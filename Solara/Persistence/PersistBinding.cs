namespace Solara.Persistence;

/// <summary>A resolved persistence setting: the key, the codec, and whether the key was derived
/// from the definition site (a rename or move then changes it: a clean reset of that value).</summary>
public sealed record PersistBinding(string Key, string Serializer, bool Derived)
{
    /// <summary>The backend hash field holding this value: <c>reactive:{key}</c>.</summary>
    public string FieldName => PersistKeys.FieldPrefix + Key;
}
