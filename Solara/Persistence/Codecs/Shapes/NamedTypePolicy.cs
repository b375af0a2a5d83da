using System.Runtime.CompilerServices;

namespace Solara.Persistence.Codecs;

/// <summary>Which user-defined types a codec may name in stored data, and so ever instantiate.
/// json: enums, records and <see cref="StateDataAttribute"/> types. binary: also plain classes and
/// structs outside the framework (<c>System.*</c>, <c>Microsoft.*</c>) that are not delegates.</summary>
internal static class NamedTypePolicy
{
    /// <summary>Null when <paramref name="type"/> (a generic definition for generic types) may be named; otherwise why not.</summary>
    public static string? Refusal(Type type, CodecProfile profile)
    {
        if (type.IsEnum || RecordTypes.IsData(type))
            return null;
        if (profile == CodecProfile.Binary && IsPlainObject(type))
            return null;
        if (type.IsInterface)
            return $"{TypeDisplay.Of(type)} is an interface, so stored data cannot say which type to re-create; declare an abstract record base type, or object";
        return profile == CodecProfile.Json
            ? $"{TypeDisplay.Of(type)} is not a record: the json codec stores records (record classes and record structs), types marked [StateData], enums and the built-in types; make it a record, mark it [StateData], convert it, or register a custom codec"
            : $"{TypeDisplay.Of(type)} is a framework or compiler-generated type the binary codec does not store; convert it, or register a custom codec";
    }

    private static bool IsPlainObject(Type type)
    {
        if (type.IsInterface || type.IsPointer || type.IsByRef || type.IsByRefLike || type.IsPrimitive || type.IsArray)
            return false;
        if (typeof(Delegate).IsAssignableFrom(type) || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
            return false;
        string ns = type.Namespace ?? "";
        return !ns.StartsWith("System", StringComparison.Ordinal) && !ns.StartsWith("Microsoft", StringComparison.Ordinal);
    }
}
