using System.Buffers;
using System.Text.Json;

namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>The buffer and JSON writer <see cref="FrameCodec.Encode"/> writes a message into before
/// copying it into the frame. One per thread, reused, so encoding a message allocates only the
/// frame itself (a fresh writer over a <see cref="MemoryStream"/> allocated about 8 KB per message
/// as its buffers regrew, then copied the stream out).</summary>
internal sealed class EncodeScratch
{
    private const int InitialBytes = 4096;

    /// <summary>A buffer grown past this by an unusually large message is dropped, not kept for the thread's life.</summary>
    private const int RetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static EncodeScratch? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(InitialBytes);

    private EncodeScratch() => Writer = new Utf8JsonWriter(_buffer);

    public Utf8JsonWriter Writer { get; }

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>This thread's scratch, empty; a fresh one if it is already in use.</summary>
    public static EncodeScratch Rent()
    {
        EncodeScratch scratch = t_cached ?? new EncodeScratch();
        t_cached = null;
        return scratch;
    }

    public void Return()
    {
        if (_buffer.Capacity > RetainedBytes)
            return;
        _buffer.ResetWrittenCount();
        Writer.Reset(_buffer);
        t_cached = this;
    }
}
