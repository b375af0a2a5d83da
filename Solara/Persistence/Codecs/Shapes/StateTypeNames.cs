using System.Collections;
using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;

namespace Solara.Persistence.Codecs;

/// <summary>The type tags stored with values, in a small grammar of this project's own:
/// <code>
/// type   := scalar | 'object' | generic | named, each optionally followed by '?' (Nullable)
/// scalar := bool byte sbyte short ushort int uint long ulong float double decimal char string
///           bigint datetime datetimeoffset dateonly timeonly timespan guid bytes
/// generic:= list&lt;T&gt; array&lt;T&gt; set&lt;T&gt; sortedset&lt;T&gt; dict&lt;T&gt; (string keys)
///           binary codec only: map&lt;K,V&gt; tuple&lt;T1..T7&gt; vtuple&lt;T1..T7&gt;
/// named  := '[' Namespace.Type ', ' Assembly ']' ('&lt;' type (',' type)* '&gt;')?
/// </code>
/// Parsing never loads an assembly and never resolves a type the codec's
/// <see cref="NamedTypePolicy"/> or the allow-list refuses, so a forged tag cannot name an
/// arbitrary class.</summary>
internal static class StateTypeNames
{
    private static readonly (Type Type, string Name, ScalarKind Kind)[] ScalarTable =
    [
        (typeof(bool), "bool", ScalarKind.Bool), (typeof(byte), "byte", ScalarKind.Byte), (typeof(sbyte), "sbyte", ScalarKind.SByte),
        (typeof(short), "short", ScalarKind.Int16), (typeof(ushort), "ushort", ScalarKind.UInt16), (typeof(int), "int", ScalarKind.Int32),
        (typeof(uint), "uint", ScalarKind.UInt32), (typeof(long), "long", ScalarKind.Int64), (typeof(ulong), "ulong", ScalarKind.UInt64),
        (typeof(float), "float", ScalarKind.Single), (typeof(double), "double", ScalarKind.Double), (typeof(decimal), "decimal", ScalarKind.Decimal),
        (typeof(char), "char", ScalarKind.Char), (typeof(string), "string", ScalarKind.String), (typeof(BigInteger), "bigint", ScalarKind.BigInteger),
        (typeof(DateTime), "datetime", ScalarKind.DateTime), (typeof(DateTimeOffset), "datetimeoffset", ScalarKind.DateTimeOffset),
        (typeof(DateOnly), "dateonly", ScalarKind.DateOnly), (typeof(TimeOnly), "timeonly", ScalarKind.TimeOnly),
        (typeof(TimeSpan), "timespan", ScalarKind.TimeSpan), (typeof(Guid), "guid", ScalarKind.Guid), (typeof(byte[]), "bytes", ScalarKind.Bytes),
    ];

    public static readonly IReadOnlyDictionary<Type, ScalarKind> ScalarKinds = ScalarTable.ToDictionary(s => s.Type, s => s.Kind);
    private static readonly Dictionary<Type, string> ScalarNames = ScalarTable.ToDictionary(s => s.Type, s => s.Name);
    private static readonly Dictionary<string, Type> ScalarTypes = ScalarTable.ToDictionary(s => s.Name, s => s.Type, StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Assembly> Assemblies = new(StringComparer.Ordinal);

    private const string SupportedCollections = "use List<T>, T[], HashSet<T>, SortedSet<T> or Dictionary<string, T>";

    /// <summary>The tag of <paramref name="type"/>; throws <see cref="UnsupportedTypeException"/> outside the codec's value space.</summary>
    public static string Format(Type type, CodecProfile profile)
    {
        if (type == typeof(object))
            return "object";
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return Format(inner, profile) + "?";
        if (ScalarNames.TryGetValue(type, out string? scalar))
            return scalar;
        if (type.IsArray)
            return type.IsSZArray
                ? $"array<{Format(type.GetElementType()!, profile)}>"
                : throw new UnsupportedTypeException(type, $"multi-dimensional arrays ({TypeDisplay.Of(type)}) are not stored; use an array of arrays or a List<List<T>>");
        if (type.IsGenericType && FormatGeneric(type, profile) is { } generic)
            return generic;
        if (TupleTypes.IsLongTuple(type))
            throw new UnsupportedTypeException(type, $"tuples of more than 7 items ({TypeDisplay.Of(type)}) are not stored; use a record");
        if (!RecordTypes.IsData(type) && CollectionCoercion.Target(type) is { } stored)
            return Format(stored, profile);
        if (typeof(IEnumerable).IsAssignableFrom(type) && !RecordTypes.IsData(type))
            throw new UnsupportedTypeException(type, $"the collection type {TypeDisplay.Of(type)} is not stored: {SupportedCollections}");
        Type definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (NamedTypePolicy.Refusal(definition, profile) is { } refusal)
            throw new UnsupportedTypeException(type, refusal);
        string named = $"[{definition.FullName}, {definition.Assembly.GetName().Name}]";
        return type.IsGenericType ? $"{named}<{string.Join(",", type.GetGenericArguments().Select(a => Format(a, profile)))}>" : named;
    }

    private static string? FormatGeneric(Type type, CodecProfile profile)
    {
        Type definition = type.GetGenericTypeDefinition();
        Type[] args = type.GetGenericArguments();
        if (definition == typeof(List<>))
            return $"list<{Format(args[0], profile)}>";
        if (definition == typeof(HashSet<>))
            return $"set<{Format(args[0], profile)}>";
        if (definition == typeof(SortedSet<>))
            return $"sortedset<{Format(args[0], profile)}>";
        if (definition == typeof(Dictionary<,>))
        {
            if (args[0] == typeof(string))
                return $"dict<{Format(args[1], profile)}>";
            if (profile == CodecProfile.Json)
                throw new UnsupportedTypeException(type, $"dictionary keys must be strings for the json codec ({TypeDisplay.Of(type)}); use string keys, a list of records, or the pickle codec");
            return $"map<{Format(args[0], profile)},{Format(args[1], profile)}>";
        }
        if (TupleTypes.IsTuple(type))
        {
            if (profile == CodecProfile.Json)
                return "list<object>";
            string items = string.Join(",", args.Select(a => Format(a, profile)));
            return TupleTypes.IsValueTuple(type) ? $"vtuple<{items}>" : $"tuple<{items}>";
        }
        return null;
    }

    /// <summary>Resolves a stored tag; throws <see cref="StateCodecException"/> for malformed, unknown or refused types.</summary>
    public static Type Parse(string text, CodecProfile profile, DecodeTypeAllowList allow)
    {
        var parser = new Parser(text, profile, allow);
        Type type = parser.ParseType();
        parser.ExpectEnd();
        return type;
    }

    private sealed class Parser(string text, CodecProfile profile, DecodeTypeAllowList allow)
    {
        private int _pos;
        private int _depth;

        public Type ParseType()
        {
            if (++_depth > 32)
                throw Malformed("nested more than 32 levels");
            SkipSpaces();
            Type type = Peek() == '[' ? ParseNamed() : ParseKeyword();
            while (Peek() == '?')
            {
                _pos++;
                if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null)
                    throw Malformed($"'?' after {TypeDisplay.Of(type)}, which is not a non-nullable value type");
                type = typeof(Nullable<>).MakeGenericType(type);
            }
            _depth--;
            return type;
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_pos != text.Length)
                throw Malformed($"unexpected '{text[_pos..]}'");
        }

        private Type ParseKeyword()
        {
            int start = _pos;
            while (_pos < text.Length && char.IsAsciiLetterLower(text[_pos]))
                _pos++;
            string word = text[start.._pos];
            if (Peek() == '<')
                return MakeGeneric(word, ParseArguments());
            if (word == "object")
                return typeof(object);
            return ScalarTypes.TryGetValue(word, out Type? scalar) ? scalar : throw Malformed($"unknown type '{word}'");
        }

        private Type[] ParseArguments()
        {
            Expect('<');
            var args = new List<Type> { ParseType() };
            while (Peek() == ',')
            {
                _pos++;
                args.Add(ParseType());
            }
            Expect('>');
            return [.. args];
        }

        private Type MakeGeneric(string word, Type[] args)
        {
            bool binary = profile == CodecProfile.Binary;
            return (word, args.Length) switch
            {
                ("list", 1) => typeof(List<>).MakeGenericType(args),
                ("array", 1) => args[0].MakeArrayType(),
                ("set", 1) => typeof(HashSet<>).MakeGenericType(args),
                ("sortedset", 1) => typeof(SortedSet<>).MakeGenericType(args),
                ("dict", 1) => typeof(Dictionary<,>).MakeGenericType(typeof(string), args[0]),
                ("map", 2) when binary => typeof(Dictionary<,>).MakeGenericType(args),
                ("vtuple", _) when binary => TupleTypes.Make(true, args),
                ("tuple", _) when binary => TupleTypes.Make(false, args),
                _ => throw Malformed($"'{word}' with {args.Length} type argument(s) is not a {profile.ToString().ToLowerInvariant()} codec type"),
            };
        }

        private Type ParseNamed()
        {
            Expect('[');
            int close = text.IndexOf(']', _pos);
            if (close < 0)
                throw Malformed("missing ']'");
            string[] parts = text[_pos..close].Split(',', StringSplitOptions.TrimEntries);
            _pos = close + 1;
            if (parts.Length != 2 || !IsTypeName(parts[0]) || !IsAssemblyName(parts[1]))
                throw Malformed("a named type must be [Namespace.Type, Assembly]");
            Type[]? args = Peek() == '<' ? ParseArguments() : null;
            return Resolve(parts[0], parts[1], args);
        }

        private Type Resolve(string fullName, string assemblyName, Type[]? args)
        {
            string tag = $"{fullName}, {assemblyName}";
            Assembly assembly = LoadedAssembly(assemblyName)
                ?? throw new StateCodecException($"stored type '{tag}' cannot be resolved: assembly '{assemblyName}' is not loaded (was the type moved? bump SOLARA_STATE_SCHEMA_TAG for a clean reset)");
            Type type = assembly.GetType(fullName, throwOnError: false, ignoreCase: false)
                ?? throw new StateCodecException($"stored type '{tag}' no longer exists (was it renamed or moved? bump SOLARA_STATE_SCHEMA_TAG for a clean reset)");
            int arity = type.IsGenericTypeDefinition ? type.GetGenericArguments().Length : 0;
            if (arity != (args?.Length ?? 0))
                throw Malformed($"'{tag}' takes {arity} type argument(s), the tag gives {args?.Length ?? 0}");
            if (NamedTypePolicy.Refusal(type, profile) is { } refusal)
                throw new StateCodecException($"refusing to decode stored type '{tag}': {refusal}");
            if (!allow.Allows(type))
                throw new StateCodecException($"refusing to decode stored type '{tag}': it is not in the state decode allow-list (add it with StateCodecs.AllowDecodeTypes at start-up if it should be restorable)");
            try
            {
                return args is null ? type : type.MakeGenericType(args);
            }
            catch (ArgumentException e)
            {
                throw Malformed($"the type arguments of '{tag}' do not satisfy its constraints: {e.Message}");
            }
        }

        private static Assembly? LoadedAssembly(string name)
        {
            if (Assemblies.TryGetValue(name, out Assembly? cached))
                return cached;
            Assembly? found = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
            return found is null ? null : Assemblies.GetOrAdd(name, found);
        }

        private static bool IsTypeName(string s) =>
            s.Length > 0 && !s.StartsWith('.') && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '+' or '`');

        private static bool IsAssemblyName(string s) =>
            s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

        private char Peek()
        {
            SkipSpaces();
            return _pos < text.Length ? text[_pos] : '\0';
        }

        private void Expect(char c)
        {
            if (Peek() != c)
                throw Malformed($"expected '{c}' at position {_pos}");
            _pos++;
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
                _pos++;
        }

        private StateCodecException Malformed(string why) => new($"malformed type tag '{text}': {why}");
    }
}
