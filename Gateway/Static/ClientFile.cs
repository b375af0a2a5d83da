using System.IO.Compression;
using System.Security.Cryptography;

namespace Solara.Orleans.Gateway.Static;

/// <summary>One embedded client file, with its content type, ETag and (lazily) compressed variants.</summary>
public sealed class ClientFile
{
    private readonly Lazy<byte[]?> _brotli;
    private readonly Lazy<byte[]?> _gzip;

    public ClientFile(string name, byte[] content)
    {
        Name = name;
        Content = content;
        ContentType = ContentTypes.For(name);
        ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
        bool compressible = ContentTypes.IsCompressible(name) && content.Length >= 1024;
        _brotli = new(() => compressible ? Compress(content, s => new BrotliStream(s, CompressionLevel.Optimal)) : null);
        _gzip = new(() => compressible ? Compress(content, s => new GZipStream(s, CompressionLevel.Optimal)) : null);
    }

    public string Name { get; }
    public byte[] Content { get; }
    public string ContentType { get; }

    /// <summary>Strong ETag of the uncompressed content; compressed variants append the encoding.</summary>
    public string ETag { get; }

    /// <summary>True when the file name carries a content hash (esbuild asset names such as <c>fa-solid-900-MIABT3M5.woff2</c>).</summary>
    public bool IsContentAddressed => ContentTypes.HasContentHash(Name);

    /// <summary>The content in the best encoding the client accepts: <c>(bytes, "br" | "gzip" | null)</c>.</summary>
    public (byte[] Bytes, string? Encoding) Negotiate(string acceptEncoding)
    {
        if (Accepts(acceptEncoding, "br") && _brotli.Value is { } br && br.Length < Content.Length)
            return (br, "br");
        if (Accepts(acceptEncoding, "gzip") && _gzip.Value is { } gz && gz.Length < Content.Length)
            return (gz, "gzip");
        return (Content, null);
    }

    public bool IsCompressible => ContentTypes.IsCompressible(Name);

    private static bool Accepts(string acceptEncoding, string coding)
    {
        foreach (string part in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (!pieces[0].Equals(coding, StringComparison.OrdinalIgnoreCase))
                continue;
            return !pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
        }
        return false;
    }

    private static byte[] Compress(byte[] content, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (Stream compressor = wrap(output))
            compressor.Write(content);
        return output.ToArray();
    }
}
