using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Solara.Persistence;

/// <summary>Resolves the persistence key of a reactive value: explicit <c>key:</c>, else
/// <see cref="PersistConfig.Key"/>, else a key derived from the definition site — only for a
/// static field initializer, the one statically unambiguous pattern in C#:
/// <code>
/// namespace MyApp.Pages;
/// public static class Filters
/// {
///     public static readonly Reactive&lt;string&gt; Query = new("", persist: true);   // key "MyApp.Pages.Filters:Query"
///     public static Reactive&lt;int&gt; Page { get; } = new(0, persist: true);          // key "MyApp.Pages.Filters:Page"
/// }
/// </code>
/// <para>How it decides, without needing the source: the compiler passes the field name as
/// <c>[CallerMemberName]</c> in a field initializer, and static field initializers run in the
/// declaring type's static constructor (<c>.cctor</c>). So a key is derived only when the creating
/// method is a non-generic type's <c>.cctor</c>, the member name is a static field (or a static
/// auto-property's backing field) of that type, and that field can hold the value itself (not an
/// array or wrapper of several). Everything else is refused with
/// <see cref="PersistKeyRequiredException"/>: instance constructors and instance field initializers
/// (the store pattern), methods, lambdas and local functions (also inside a static initializer),
/// static constructor bodies, generic types (one instance per type argument), and sites whose
/// creating method cannot be found. Derived keys are <c>Namespace.Type:Field</c> with nested types
/// joined by '.', name-only (reformatting is safe; renaming or moving resets the value) and logged
/// once at Information: <c>derived persistence key "MyApp.Pages.Filters:Query"</c>.</para></summary>
public static class PersistKeys
{
    public const string FieldPrefix = "reactive:";

    private const BindingFlags StaticFields = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly ConcurrentDictionary<string, bool> Logged = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> Pending = new();
    private static Action<string>? _informationLog;

    /// <summary>Where the Information lines go (the host points it at the <c>solara.state</c> logger).
    /// Lines written before a sink is set are kept and delivered when it is set.</summary>
    public static Action<string>? InformationLog
    {
        get => _informationLog;
        set
        {
            _informationLog = value;
            if (value is not null)
                while (Pending.TryDequeue(out string? line))
                    value(line);
        }
    }

    public static PersistBinding Resolve(PersistConfig? config, string? explicitKey, CallerInfo site)
    {
        string serializer = config?.Serializer ?? "json";
        if (string.IsNullOrWhiteSpace(serializer))
            throw new ArgumentException($"PersistConfig.Serializer is empty at {site.Location}; use \"json\" (the default) or a registered codec name", nameof(config));
        if (explicitKey is not null)
            return new PersistBinding(CheckKey(explicitKey, site, "key"), serializer, Derived: false);
        if (config is { Key.Length: > 0 })
            return new PersistBinding(CheckKey(config.Key, site, "PersistConfig.Key"), serializer, Derived: false);
        string derived = Derive(site);
        if (Logged.TryAdd(derived, true))
            Log($"derived persistence key \"{derived}\"");
        return new PersistBinding(derived, serializer, Derived: true);
    }

    /// <summary>The derived key of a static field or static auto-property of <paramref name="declaringType"/>.</summary>
    public static string DerivedKey(Type declaringType, string member) => $"{(declaringType.FullName ?? declaringType.Name).Replace('+', '.')}:{member}";

    private static string Derive(CallerInfo site)
    {
        MethodBase method = site.CreatingMethod
            ?? throw new PersistKeyRequiredException("the definition site could not be located in the call stack, so no stable key can be derived.", site);
        Type? type = method.DeclaringType;
        if (method is ConstructorInfo { IsStatic: true } && type is not null)
            return DeriveForStaticInitializer(type, site);
        if (method is ConstructorInfo)
            throw new PersistKeyRequiredException(
                $"a reactive created in an instance constructor or instance field initializer of {Display(type)} produces one instance per object; instances cannot share a key.", site);
        if (IsGenerated(method))
            throw new PersistKeyRequiredException(
                "a reactive created inside a lambda or local function produces one instance per call; instances cannot share a key.", site);
        throw new PersistKeyRequiredException(
            $"a reactive created inside a function or factory ({Display(type)}.{method.Name}) produces one instance per call; instances cannot share a key.", site);
    }

    private static string DeriveForStaticInitializer(Type type, CallerInfo site)
    {
        if (type.IsGenericType)
            throw new PersistKeyRequiredException(
                $"{Display(type)} is generic, so each type argument gets its own instance of this static field; instances cannot share a key.", site);
        if (site.MemberName == ".cctor")
            throw new PersistKeyRequiredException(
                $"a reactive created in the static constructor body of {Display(type)} (not directly in a static field initializer) has no field name to key on.", site);
        FieldInfo field = type.GetField(site.MemberName, StaticFields) ?? type.GetField($"<{site.MemberName}>k__BackingField", StaticFields)
            ?? throw new PersistKeyRequiredException(
                $"a reactive created by {site.MemberName} during the static initialization of {Display(type)} is not directly assigned to a static field, so it has no name to key on.", site);
        if (site.Holder is { } holder && !field.FieldType.IsAssignableFrom(holder))
            throw new PersistKeyRequiredException(
                $"the static field {Display(type)}.{site.MemberName} is a {Display(field.FieldType)}, not the reactive itself (it sits in a container or wrapper), so the field name does not identify one instance.", site);
        return DerivedKey(type, site.MemberName);
    }

    private static string CheckKey(string key, CallerInfo site, string what) =>
        string.IsNullOrWhiteSpace(key) || key.Any(char.IsControl)
            ? throw new ArgumentException($"the persistence {what} at {site.Location} is blank or has control characters; use a stable name like \"myapp.filters\"", what)
            : key;

    private static bool IsGenerated(MethodBase method) =>
        method.Name.Contains('<') || method.DeclaringType?.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) == true;

    private static string Display(Type? type) => type is null ? "<unknown type>" : (type.FullName ?? type.Name).Replace('+', '.');

    private static void Log(string line)
    {
        if (_informationLog is { } sink)
            sink(line);
        else
            Pending.Enqueue(line);
    }
}
