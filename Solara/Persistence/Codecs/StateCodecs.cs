namespace Solara.Persistence.Codecs;

/// <summary>The process-wide codec registry apps use at start-up:
/// <code>
/// StateCodecs.Register("geo", value => ((Area)value!).ToWkb(), Area.FromWkb);
/// StateCodecs.AllowDecodeTypes(typeof(Renter), typeof(Unit)); // optional, stricter decoding
/// </code></summary>
public static class StateCodecs
{
    public static StateCodecRegistry Default { get; } = new();

    public static void Register(string name, Func<object?, byte[]> encode, Func<byte[], object?> decode) =>
        Default.Register(name, encode, decode);

    public static void Register<T>(string name, Func<T, byte[]> encode, Func<byte[], T> decode) =>
        Default.Register(name, value => encode((T)value!), bytes => decode(bytes));

    public static void Register(IStateCodec codec) => Default.Register(codec);

    /// <summary>Restricts decoding of records, data classes and enums to these types (enforced once any is added).</summary>
    public static void AllowDecodeTypes(params Type[] types) => Default.AllowList.Add(types);

    /// <summary>Same, by <c>Namespace.Type, Assembly</c> name.</summary>
    public static void AllowDecodeTypes(params string[] names) => Default.AllowList.Add(names);

    public static IStateCodec Get(string name) => Default.Get(name);
}
