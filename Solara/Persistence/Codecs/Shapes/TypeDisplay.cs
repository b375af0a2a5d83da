namespace Solara.Persistence.Codecs;

/// <summary>C#-looking type names for error messages: <c>Dictionary&lt;int, string&gt;</c>, <c>MyApp.Models.User</c>.</summary>
internal static class TypeDisplay
{
    public static string Of(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return Of(inner) + "?";
        if (type.IsArray)
            return Of(type.GetElementType()!) + "[]";
        if (!type.IsGenericType)
            return Clean(type.FullName ?? type.Name);
        string name = Clean(type.GetGenericTypeDefinition().FullName ?? type.Name);
        int tick = name.IndexOf('`');
        if (tick >= 0)
            name = name[..tick];
        if (name.StartsWith("System.Collections.Generic.", StringComparison.Ordinal))
            name = name["System.Collections.Generic.".Length..];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }

    private static string Clean(string name) => name switch
    {
        "System.String" => "string",
        "System.Int32" => "int",
        "System.Int64" => "long",
        "System.Boolean" => "bool",
        "System.Double" => "double",
        "System.Object" => "object",
        _ => name.Replace('+', '.'),
    };
}
