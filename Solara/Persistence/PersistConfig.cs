namespace Solara.Persistence;

/// <summary>How a reactive value is persisted: its stable, cross-process key and the codec
/// (<c>json</c> by default, <c>pickle</c> when the deployment allows it, or a name registered
/// with <see cref="Codecs.StateCodecs.Register(string, Func{object?, byte[]}, Func{byte[], object?})"/>).
/// <c>persist: true</c> is sugar for <c>new PersistConfig(key, "json")</c>; an explicit <c>key:</c>
/// argument always wins over <see cref="Key"/>, and an empty <see cref="Key"/> asks for a derived key.</summary>
public sealed record PersistConfig(string Key, string Serializer = "json");
