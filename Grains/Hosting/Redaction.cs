using System.Security.Cryptography;
using System.Text;

namespace Solara.Orleans.Grains.Hosting;

/// <summary>How identifiers appear in production reports: <c>sha256:</c> and 12 hex digits.</summary>
public static class Redaction
{
    public static string Hash(string value) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..12];
}
