using System.Globalization;
using System.Text;

namespace Solara.Orleans.Cluster.Redis;

/// <summary>Encodes one command as a RESP2 array of bulk strings.</summary>
internal static class RespWriter
{
    public static byte[] Encode(IReadOnlyList<byte[]> arguments)
    {
        using var buffer = new MemoryStream();
        Header(buffer, '*', arguments.Count);
        foreach (byte[] argument in arguments)
        {
            Header(buffer, '$', argument.Length);
            buffer.Write(argument);
            buffer.Write("\r\n"u8);
        }
        return buffer.ToArray();
    }

    private static void Header(MemoryStream buffer, char type, int count)
    {
        buffer.WriteByte((byte)type);
        buffer.Write(Encoding.ASCII.GetBytes(count.ToString(CultureInfo.InvariantCulture)));
        buffer.Write("\r\n"u8);
    }
}
