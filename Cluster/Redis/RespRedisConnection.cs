using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Solara.Orleans.Cluster.Redis;

/// <summary><see cref="IRedisConnection"/> over this project's own RESP2 client: a pool of
/// <see cref="RespSocket"/>s, one command in flight per socket, opened on demand. Each public call
/// (including a connect and a NOSCRIPT retry) runs under one deadline of <c>timeout</c>; a call
/// that misses it throws <see cref="RedisTimeoutException"/> and its socket is discarded.
/// Why not StackExchange.Redis: the only version the package mirror serves, 1.2.6, restores and runs
/// on .NET 10 but cannot authenticate an ACL user (no user name option; <c>AUTH user pass</c> through
/// <c>Execute</c> fails with NOAUTH) and has no timeout on async calls.</summary>
public sealed class RespRedisConnection(RedisEndpoint endpoint, TimeSpan timeout, string timeoutSetting = "SOLARA_STATE_CONNECT_TIMEOUT") : IRedisConnection
{
    /// <summary>Sockets open at once. A burst of callers (a thousand pages connecting together) queues for
    /// a warm socket within its deadline instead of opening a socket each, which costs more than the commands.</summary>
    private const int MaxSockets = 128;

    private readonly ConcurrentBag<RespSocket> _idle = [];
    private readonly SemaphoreSlim _slots = new(MaxSockets, MaxSockets);
    private volatile bool _disposed;

    public RedisEndpoint Endpoint => endpoint;

    public async Task<RedisReply> EvaluateAsync(RedisScript script, IReadOnlyList<string> keys, IReadOnlyList<byte[]> arguments, CancellationToken cancellationToken = default)
    {
        return await BoundedAsync($"script '{script.Name}'", async deadline =>
        {
            RedisReply reply = await SendAsync(Eval("EVALSHA", Encoding.ASCII.GetBytes(script.Sha1), keys, arguments), deadline);
            if (reply.Kind == RedisReplyKind.Error && reply.Text!.StartsWith("NOSCRIPT", StringComparison.Ordinal))
                reply = await SendAsync(Eval("EVAL", script.SourceBytes, keys, arguments), deadline);
            return Checked($"script '{script.Name}'", reply);
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, byte[]>?> HashGetAllAsync(string key, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<RedisReply> items = (await CommandAsync(cancellationToken, "HGETALL", key)).AsArray();
        if (items.Count == 0)
            return null;
        var hash = new Dictionary<string, byte[]>(items.Count / 2, StringComparer.Ordinal);
        for (int i = 0; i + 1 < items.Count; i += 2)
            hash[Encoding.UTF8.GetString(items[i].AsBytes())] = items[i + 1].AsBytes();
        return hash;
    }

    public async Task<TimeSpan?> TimeToLiveAsync(string key, CancellationToken cancellationToken = default)
    {
        long milliseconds = (await CommandAsync(cancellationToken, "PTTL", key)).AsInteger();
        return milliseconds switch
        {
            -2 => null,
            -1 => TimeSpan.MaxValue,
            _ => TimeSpan.FromMilliseconds(milliseconds),
        };
    }

    public async Task<DateTimeOffset> TimeAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<RedisReply> parts = (await CommandAsync(cancellationToken, "TIME")).AsArray();
        long seconds = parts[0].AsInteger(), microseconds = parts[1].AsInteger();
        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(microseconds * 10);
    }

    /// <summary>Any command, for tests and operational tooling (arguments are formatted invariantly);
    /// an error reply throws <see cref="RedisServerException"/>.</summary>
    public Task<RedisReply> CommandAsync(CancellationToken cancellationToken, string command, params object[] arguments)
    {
        byte[][] encoded = [Encoding.UTF8.GetBytes(command), .. arguments.Select(Argument)];
        return BoundedAsync(command, async deadline => Checked(command, await SendAsync(encoded, deadline)), cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out RespSocket? socket))
            socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> BoundedAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RedisTimeoutException(operation, timeout, endpoint.ToString(), timeoutSetting);
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException)
        {
            throw new RedisCallException($"Redis {operation} at {endpoint} failed: {e.Message}", e);
        }
    }

    private async Task<RedisReply> SendAsync(IReadOnlyList<byte[]> command, CancellationToken deadline)
    {
        await _slots.WaitAsync(deadline);
        try
        {
            RespSocket socket = _idle.TryTake(out RespSocket? idle) ? idle : await RespSocket.OpenAsync(endpoint, deadline);
            try
            {
                RedisReply reply = await socket.ExecuteAsync(command, deadline);
                if (_disposed)
                    socket.Dispose();
                else
                    _idle.Add(socket);
                return reply;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private static RedisReply Checked(string operation, RedisReply reply) =>
        reply.Kind == RedisReplyKind.Error ? throw new RedisServerException(operation, reply.Text ?? "") : reply;

    private static byte[][] Eval(string command, byte[] script, IReadOnlyList<string> keys, IReadOnlyList<byte[]> arguments) =>
    [
        Encoding.ASCII.GetBytes(command),
        script,
        Encoding.ASCII.GetBytes(keys.Count.ToString(CultureInfo.InvariantCulture)),
        .. keys.Select(Encoding.UTF8.GetBytes),
        .. arguments,
    ];

    private static byte[] Argument(object value) => value switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        IFormattable formattable => Encoding.UTF8.GetBytes(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Encoding.UTF8.GetBytes(value.ToString() ?? ""),
    };
}
