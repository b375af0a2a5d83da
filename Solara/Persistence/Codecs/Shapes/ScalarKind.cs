namespace Solara.Persistence.Codecs;

/// <summary>The leaf types both codecs store natively.</summary>
internal enum ScalarKind
{
    Bool,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Char,
    String,
    BigInteger,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Guid,
    Bytes,
}
