using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Solara.Orleans.Cluster.Redis;

/// <summary>One authenticated RESP2 connection: TCP (TLS for <c>rediss://</c>), then <c>AUTH</c>
/// and <c>SELECT</c>. One command at a time; a connection whose command was interrupted is disposed,
/// never reused (its reply could still arrive).</summary>
internal sealed class RespSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly RespReader _reader;

    private RespSocket(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        _reader = new RespReader(stream);
    }

    public static async Task<RespSocket> OpenAsync(RedisEndpoint endpoint, CancellationToken cancellationToken)
    {
        Socket socket = endpoint.UnixSocket is null
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        RespSocket? opened = null;
        try
        {
            if (endpoint.UnixSocket is { } path)
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            else
                await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (endpoint.UseTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, cancellationToken);
            }
            opened = new RespSocket(socket, stream);
            if (endpoint.Password is { } password)
            {
                byte[][] auth = endpoint.User is { } user ? [Bytes("AUTH"), Bytes(user), Bytes(password)] : [Bytes("AUTH"), Bytes(password)];
                await opened.ExpectOkAsync(endpoint.User is null ? "AUTH (default user)" : $"AUTH for the ACL user '{endpoint.User}'", auth, cancellationToken);
            }
            if (endpoint.Database != 0)
                await opened.ExpectOkAsync($"SELECT {endpoint.Database}", [Bytes("SELECT"), Bytes(endpoint.Database.ToString(System.Globalization.CultureInfo.InvariantCulture))], cancellationToken);
            return opened;
        }
        catch
        {
            opened?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply (error replies are returned, not thrown).</summary>
    public async Task<RedisReply> ExecuteAsync(IReadOnlyList<byte[]> arguments, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(RespWriter.Encode(arguments), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        return await _reader.ReadAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }

    private async Task ExpectOkAsync(string what, byte[][] command, CancellationToken cancellationToken)
    {
        RedisReply reply = await ExecuteAsync(command, cancellationToken);
        if (reply.Kind == RedisReplyKind.Error)
            throw new RedisServerException(what, reply.Text ?? "");
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
