namespace Solara.Persistence.Codecs;

/// <summary>Which value space a codec covers. <see cref="Json"/> is strict (records, enums and the
/// built-in types; tuples are stored as lists; string keys only). <see cref="Binary"/> also keeps
/// tuples, any-key dictionaries and plain objects.</summary>
internal enum CodecProfile
{
    Json,
    Binary,
}
