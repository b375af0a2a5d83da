using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Cluster.Transport;

namespace Solara.Orleans.Tests.Unit.Transport;

/// <summary><see cref="WebSocketMessages.ReadAsync"/> over a real loopback WebSocket: whole messages
/// whatever their framing, the size limit to the byte, and no receive buffer held between messages.</summary>
public sealed class WebSocketMessagesTests
{
    private const long NoLimit = 16 * 1024 * 1024;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_message_split_over_many_small_frames_arrives_whole_as_one_message()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        Reading reading = Reading.Start(pair.Server, NoLimit);
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i % 10}é✓")));

        byte[][] fragments = text.Chunk(7).ToArray();
        for (int i = 0; i < fragments.Length; i++)
            await pair.Client.SendAsync(fragments[i], WebSocketMessageType.Text, endOfMessage: i == fragments.Length - 1, CancellationToken.None);
        await SendAsync(pair.Client, "next");

        Assert.True(fragments.Length > 1000);
        KernelFrame whole = await reading.NextAsync();
        Assert.False(whole.Binary);
        Assert.Equal(text, whole.Data);
        Assert.Equal("next", Encoding.UTF8.GetString((await reading.NextAsync()).Data));
    }

    [Fact]
    public async Task Empty_messages_arrive_as_empty_messages_of_their_own_type()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        Reading reading = Reading.Start(pair.Server, NoLimit);

        await pair.Client.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Text, true, CancellationToken.None);
        await pair.Client.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, true, CancellationToken.None);
        await pair.Client.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, false, CancellationToken.None);
        await pair.Client.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, true, CancellationToken.None);
        await SendAsync(pair.Client, "after");

        Assert.Equal((0, false), Shape(await reading.NextAsync()));
        Assert.Equal((0, true), Shape(await reading.NextAsync()));
        Assert.Equal((0, true), Shape(await reading.NextAsync()));
        Assert.Equal("after", Encoding.UTF8.GetString((await reading.NextAsync()).Data));
    }

    [Theory]
    [InlineData(1024, false)]
    [InlineData(1024, true)]
    [InlineData(10_000, false)]
    [InlineData(10_000, true)]
    public async Task A_message_exactly_at_the_limit_arrives_and_one_byte_more_is_too_big(int limit, bool fragmented)
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        Reading reading = Reading.Start(pair.Server, limit);
        byte[] atLimit = Pattern(limit, seed: 1), overLimit = Pattern(limit + 1, seed: 2);

        await SendBinaryAsync(pair.Client, atLimit, fragmented);
        Assert.Equal(atLimit, (await reading.NextAsync()).Data);
        await SendBinaryAsync(pair.Client, overLimit, fragmented);

        Assert.Equal(ReadEnd.TooBig, await reading.End.WaitAsync(Within));
        Assert.False(reading.Frames.TryRead(out _), "no part of the message over the limit may be delivered");
    }

    [Fact]
    public async Task Messages_of_mixed_sizes_back_to_back_arrive_separately_and_in_order()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        Reading reading = Reading.Start(pair.Server, NoLimit);
        byte[][] messages = [.. new[] { 1, 4095, 4096, 4097, 100_000, 3, 1_500_000, 0, 17 }.Select((n, i) => Pattern(n, seed: i))];

        Task sending = Task.Run(async () =>
        {
            foreach (byte[] message in messages)
                await pair.Client.SendAsync(message, WebSocketMessageType.Binary, true, CancellationToken.None);
        });

        foreach (byte[] expected in messages)
        {
            KernelFrame frame = await reading.NextAsync();
            Assert.True(frame.Binary);
            Assert.Equal(expected, frame.Data);
        }
        await sending;
    }

    [Fact]
    public async Task A_close_from_the_peer_ends_reading_as_closed_and_drops_the_half_read_message()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        Reading reading = Reading.Start(pair.Server, NoLimit);
        await SendAsync(pair.Client, "whole");

        await pair.Client.SendAsync(Pattern(5000, seed: 3), WebSocketMessageType.Binary, endOfMessage: false, CancellationToken.None);
        await pair.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        Assert.Equal(ReadEnd.Closed, await reading.End.WaitAsync(Within));
        Assert.Equal("whole", Encoding.UTF8.GetString((await reading.NextAsync()).Data));
        Assert.False(reading.Frames.TryRead(out _));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, pair.Server.CloseStatus);
    }

    [Fact]
    public async Task A_broken_connection_ends_reading_as_closed()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        Reading reading = Reading.Start(pair.Server, NoLimit);

        pair.Client.Abort();
        pair.Client.Dispose();

        Assert.Equal(ReadEnd.Closed, await reading.End.WaitAsync(Within));
    }

    [Fact]
    public async Task A_handler_that_returns_false_stops_reading_after_that_message_and_leaves_the_next_unread()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        await SendAsync(pair.Client, "first");
        await SendAsync(pair.Client, "second");
        var seen = new List<string>();

        ReadEnd end = await WebSocketMessages.ReadAsync(pair.Server, NoLimit, frame =>
        {
            seen.Add(Encoding.UTF8.GetString(frame.Data));
            return false;
        }).WaitAsync(Within);
        Reading rest = Reading.Start(pair.Server, NoLimit);

        Assert.Equal(ReadEnd.Stopped, end);
        Assert.Equal(["first"], seen);
        Assert.Equal("second", Encoding.UTF8.GetString((await rest.NextAsync()).Data));
    }

    [Fact]
    public async Task Between_messages_the_reader_waits_with_an_empty_buffer_and_reads_a_small_message_into_a_small_one()
    {
        using LoopbackWebSocketPair pair = await LoopbackWebSocketPair.ConnectAsync();
        var recording = new RecordingWebSocket(pair.Server);
        Reading reading = Reading.Start(recording, NoLimit);
        ChannelReader<int> sizes = recording.ReceiveBufferSizes;

        Assert.Equal(0, await sizes.ReadAsync().AsTask().WaitAsync(Within));
        for (int i = 0; i < 3; i++)
        {
            await SendAsync(pair.Client, new string('x', 300));
            Assert.Equal(300, (await reading.NextAsync()).Data.Length);

            var whileReading = new List<int>();
            for (int size; (size = await sizes.ReadAsync().AsTask().WaitAsync(Within)) != 0;)
                whileReading.Add(size);
            Assert.NotEmpty(whileReading);
            Assert.All(whileReading, size => Assert.InRange(size, 1, 4096));
        }
    }

    private static (int Length, bool Binary) Shape(KernelFrame frame) => (frame.Data.Length, frame.Binary);

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends a binary message in one frame, or in 100-byte frames closed by an empty final one.</summary>
    private static async Task SendBinaryAsync(WebSocket socket, byte[] message, bool fragmented)
    {
        if (!fragmented)
        {
            await socket.SendAsync(message, WebSocketMessageType.Binary, true, CancellationToken.None);
            return;
        }
        foreach (byte[] fragment in message.Chunk(100))
            await socket.SendAsync(fragment, WebSocketMessageType.Binary, false, CancellationToken.None);
        await socket.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Binary, true, CancellationToken.None);
    }

    /// <summary>A <see cref="WebSocketMessages.ReadAsync"/> running in the background, its messages queued.</summary>
    private sealed class Reading
    {
        private Reading(Channel<KernelFrame> frames, Task<ReadEnd> end)
        {
            Frames = frames.Reader;
            End = end;
        }

        public ChannelReader<KernelFrame> Frames { get; }

        public Task<ReadEnd> End { get; }

        public static Reading Start(WebSocket socket, long maxBytes)
        {
            Channel<KernelFrame> frames = Channel.CreateUnbounded<KernelFrame>();
            Task<ReadEnd> end = Task.Run(() => WebSocketMessages.ReadAsync(socket, maxBytes, frame => frames.Writer.TryWrite(frame)));
            return new Reading(frames, end);
        }

        public Task<KernelFrame> NextAsync() => Frames.ReadAsync().AsTask().WaitAsync(Within);
    }
}
