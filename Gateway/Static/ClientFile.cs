using System.IO.Compression;
using System.Security.Cryptography;

namespace Solara.Orleans.Gateway.Static;

/// <summary>One embedded client file, with its content type, ETag and (compressed once, on first use) br and gzip variants.</summary>
public sealed class ClientFile
{
    /// <summary>Below this size compression is not worth a <c>Vary</c> header.</summary>
    private const int CompressionThreshold = 1024;

    private readonly Lazy<byte[]> _brotli;
    private readonly Lazy<byte[]> _gzip;

    public ClientFile(string name, byte[] content)
    {
        Name = name;
        Content = content;
        ContentType = ContentTypes.For(name);
        ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
        IsCompressible = ContentTypes.IsCompressible(name) && content.Length >= CompressionThreshold;
        _brotli = new(() => Compress(content, s => new BrotliStream(s, CompressionLevel.Optimal)));
        _gzip = new(() => Compress(content, s => new GZipStream(s, CompressionLevel.Optimal)));
    }

    public string Name { get; }
    public byte[] Content { get; }
    public string ContentType { get; }

    /// <summary>Strong ETag of the uncompressed content; an encoded variant's ETag appends the encoding.</summary>
    public string ETag { get; }

    /// <summary>Text-like and large enough to be worth sending compressed.</summary>
    public bool IsCompressible { get; }

    /// <summary>True when the file name carries a content hash (esbuild asset names such as <c>fa-solid-900-MIABT3M5.woff2</c>).</summary>
    public bool IsContentAddressed => ContentTypes.HasContentHash(Name);

    /// <summary>The content in <paramref name="encoding"/> (<c>br</c> or <c>gzip</c>), or null when not available or not smaller.</summary>
    public byte[]? Encoded(string encoding)
    {
        if (!IsCompressible)
            return null;
        byte[]? bytes = encoding switch
        {
            "br" => _brotli.Value,
            "gzip" => _gzip.Value,
            _ => null,
        };
        return bytes is not null && bytes.Length < Content.Length ? bytes : null;
    }

    public string ETagFor(string? encoding) => encoding is null ? ETag : ETag.Insert(ETag.Length - 1, "-" + encoding);

    private static byte[] Compress(byte[] content, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (Stream compressor = wrap(output))
            compressor.Write(content);
        return output.ToArray();
    }
}
