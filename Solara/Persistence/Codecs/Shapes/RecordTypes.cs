using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Solara.Persistence.Codecs;

/// <summary>Which types count as data the codecs may re-create.
/// <para>A C# <c>record class</c> is recognised by the compiler-generated <c>&lt;Clone&gt;$</c> method
/// (every record class has one, abstract and sealed ones too); a <c>record struct</c> by its
/// compiler-generated <c>PrintMembers(StringBuilder)</c> or <c>Equals(T)</c>. A non-record class or
/// struct opts in with <see cref="StateDataAttribute"/>. Nothing else is ever instantiated by the
/// json codec.</para></summary>
internal static class RecordTypes
{
    private const BindingFlags Instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    public static bool IsRecord(Type type)
    {
        if (type.IsInterface || type.IsPrimitive || type.IsEnum || type.IsArray)
            return false;
        if (!type.IsValueType)
            return type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;
        return IsGenerated(type.GetMethod("PrintMembers", Instance, [typeof(StringBuilder)]))
            || IsGenerated(type.GetMethod("Equals", Instance, [type]));
    }

    /// <summary>A record or a <see cref="StateDataAttribute"/> type.</summary>
    public static bool IsData(Type type) => IsRecord(type) || type.IsDefined(typeof(StateDataAttribute), inherit: false);

    private static bool IsGenerated(MethodInfo? method) => method?.IsDefined(typeof(CompilerGeneratedAttribute)) == true;
}
