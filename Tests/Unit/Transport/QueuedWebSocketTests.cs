using System.Net.WebSockets;
using System.Text;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Cluster.Transport;

namespace Solara.Orleans.Tests.Unit.Transport;

/// <summary><see cref="QueuedWebSocket"/> over a real loopback WebSocket: frames in the order they
/// were sent, the close after them, nothing after the close, and Writer completing in every ending.</summary>
public sealed class QueuedWebSocketTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Frames_arrive_in_the_order_sent_across_bursts_and_the_close_follows_them()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        var socket = new QueuedWebSocket(pair.Server, "k", "p");
        Task<List<string>> received = ReceiveAllAsync(pair.Client);

        for (int burst = 0; burst < 20; burst++)
        {
            for (int i = 0; i < 50; i++)
                socket.Send(Text($"{burst}:{i}"));
            await Task.Yield();
        }
        socket.Close(4000, "done");
        await socket.Writer.WaitAsync(Within);

        List<string> frames = await received.WaitAsync(Within);
        Assert.Equal(Enumerable.Range(0, 20).SelectMany(b => Enumerable.Range(0, 50).Select(i => $"{b}:{i}")), frames);
        Assert.Equal((WebSocketCloseStatus)4000, pair.Client.CloseStatus);
        Assert.Equal("done", pair.Client.CloseStatusDescription);
    }

    [Fact]
    public async Task Frames_sent_after_a_close_are_dropped_and_only_the_first_close_counts()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        var socket = new QueuedWebSocket(pair.Server, "k", "p");
        Task<List<string>> received = ReceiveAllAsync(pair.Client);

        socket.Send(Text("before"));
        socket.Close(4001, "first");
        socket.Send(Text("after"));
        socket.Close(4002, "second");
        await socket.Writer.WaitAsync(Within);

        Assert.True(socket.IsClosing);
        Assert.Equal(["before"], await received.WaitAsync(Within));
        Assert.Equal((WebSocketCloseStatus)4001, pair.Client.CloseStatus);
        Assert.Equal("first", pair.Client.CloseStatusDescription);
    }

    [Fact]
    public async Task A_close_reason_too_long_for_a_close_frame_is_cut_with_an_ellipsis()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        var socket = new QueuedWebSocket(pair.Server, "k", "p");
        Task<List<string>> received = ReceiveAllAsync(pair.Client);

        socket.Close(4003, new string('é', 200));
        await received.WaitAsync(Within);

        string reason = pair.Client.CloseStatusDescription!;
        Assert.InRange(Encoding.UTF8.GetByteCount(reason), 100, 123);
        Assert.EndsWith("...", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_peer_is_gone_Writer_completes_and_later_frames_are_dropped()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        var socket = new QueuedWebSocket(pair.Server, "k", "p");
        pair.Client.Abort();
        pair.Client.Dispose();

        // The first writes may still be accepted by the local TCP stack; one fails once the reset arrives.
        DateTime deadline = DateTime.UtcNow + Within;
        while (!socket.Writer.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "Writer did not complete after the peer went away");
            socket.Send(new KernelFrame(new byte[64 * 1024], true));
            await Task.WhenAny(socket.Writer, Task.Delay(20));
        }
        socket.Send(Text("dropped"));

        await socket.Writer;
        Assert.False(socket.IsClosing);
    }

    [Fact]
    public async Task Abort_drops_the_connection_without_a_close_and_completes_Writer()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        var socket = new QueuedWebSocket(pair.Server, "k", "p");
        Task<List<string>> received = ReceiveAllAsync(pair.Client);

        socket.Abort();

        await socket.Writer.WaitAsync(Within);
        await Assert.ThrowsAsync<WebSocketException>(() => received.WaitAsync(Within));
        Assert.Null(pair.Client.CloseStatus);
    }

    private static KernelFrame Text(string text) => new(Encoding.UTF8.GetBytes(text), false);

    /// <summary>Every text message until the close arrives.</summary>
    private static async Task<List<string>> ReceiveAllAsync(WebSocket socket)
    {
        var messages = new List<string>();
        var buffer = new byte[1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
                return messages;
            Assert.True(result.EndOfMessage);
            messages.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}
