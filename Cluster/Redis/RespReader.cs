using System.Globalization;
using System.Text;

namespace Solara.Orleans.Cluster.Redis;

/// <summary>Reads RESP2 replies from a stream through one reusable buffer.</summary>
internal sealed class RespReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public async ValueTask<RedisReply> ReadAsync(CancellationToken cancellationToken)
    {
        byte type = await ReadByteAsync(cancellationToken);
        string line = await ReadLineAsync(cancellationToken);
        switch (type)
        {
            case (byte)'+':
                return new RedisReply(RedisReplyKind.SimpleString, Text: line);
            case (byte)'-':
                return new RedisReply(RedisReplyKind.Error, Text: line);
            case (byte)':':
                return new RedisReply(RedisReplyKind.Integer, Integer: Number(line));
            case (byte)'$':
            {
                long length = Number(line);
                if (length < 0)
                    return RedisReply.Nil;
                byte[] bytes = await ReadExactAsync(checked((int)length), cancellationToken);
                if (await ReadByteAsync(cancellationToken) != '\r' || await ReadByteAsync(cancellationToken) != '\n')
                    throw new RedisProtocolException("a Redis bulk string did not end with CRLF");
                return new RedisReply(RedisReplyKind.BulkString, Bytes: bytes);
            }
            case (byte)'*':
            {
                long count = Number(line);
                if (count < 0)
                    return RedisReply.Nil;
                var items = new RedisReply[count];
                for (long i = 0; i < count; i++)
                    items[i] = await ReadAsync(cancellationToken);
                return new RedisReply(RedisReplyKind.Array, Items: items);
            }
            default:
                throw new RedisProtocolException($"Redis sent the reply type byte 0x{type:x2}, which RESP2 does not define");
        }
    }

    private static long Number(string line) =>
        long.TryParse(line, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new RedisProtocolException($"Redis sent '{line}' where a RESP length or integer was expected");

    private async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
            await FillAsync(cancellationToken);
        return _buffer[_start++];
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        while (true)
        {
            if (_start == _end)
                await FillAsync(cancellationToken);
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int stop = newline < 0 ? _end : newline;
            line.Write(_buffer, _start, stop - _start);
            _start = newline < 0 ? _end : newline + 1;
            if (newline < 0)
                continue;
            byte[] bytes = line.ToArray();
            return bytes is [.., (byte)'\r']
                ? Encoding.UTF8.GetString(bytes, 0, bytes.Length - 1)
                : throw new RedisProtocolException("a Redis reply line did not end with CRLF");
        }
    }

    private async ValueTask<byte[]> ReadExactAsync(int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        int filled = 0;
        while (filled < length)
        {
            if (_start == _end)
                await FillAsync(cancellationToken);
            int take = Math.Min(length - filled, _end - _start);
            Buffer.BlockCopy(_buffer, _start, bytes, filled, take);
            _start += take;
            filled += take;
        }
        return bytes;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken);
        if (_end == 0)
            throw new IOException("Redis closed the connection");
    }
}
