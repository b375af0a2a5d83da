using System.Globalization;
using System.Text;

namespace Solara.Orleans.Cluster.Redis;

/// <summary>The kind of one RESP2 reply.</summary>
public enum RedisReplyKind
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Nil,
}

/// <summary>One RESP2 reply: a simple string or error (<see cref="Text"/>), an integer, a bulk
/// string (<see cref="Bytes"/>), an array (<see cref="Items"/>) or nil.</summary>
public sealed record RedisReply(RedisReplyKind Kind, byte[]? Bytes = null, long Integer = 0, IReadOnlyList<RedisReply>? Items = null, string? Text = null)
{
    public static RedisReply Nil { get; } = new(RedisReplyKind.Nil);

    public bool IsNil => Kind == RedisReplyKind.Nil;

    /// <summary>The items of an array reply; fails clearly on any other kind.</summary>
    public IReadOnlyList<RedisReply> AsArray() =>
        Kind == RedisReplyKind.Array ? Items! : throw Unexpected("an array");

    /// <summary>An integer reply, or a bulk string holding a decimal integer (how Lua scripts hand back hash fields).</summary>
    public long AsInteger() => Kind switch
    {
        RedisReplyKind.Integer => Integer,
        RedisReplyKind.BulkString when long.TryParse(Encoding.ASCII.GetString(Bytes!), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) => value,
        _ => throw Unexpected("an integer"),
    };

    /// <summary>The bytes of a bulk string reply; fails clearly on any other kind.</summary>
    public byte[] AsBytes() =>
        Kind == RedisReplyKind.BulkString ? Bytes! : throw Unexpected("a bulk string");

    private RedisProtocolException Unexpected(string expected) =>
        new($"Redis replied with {Kind} where {expected} was expected");
}
