using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Solara.Orleans.Cluster.Transport;

/// <summary>The credential of silo endpoints (<c>SOLARA_CLUSTER_SECRET</c>): gateways and silos send it
/// in a header; a silo refuses any <c>/_cluster/</c> request without it. The header carries a digest of
/// the secret, so request logs and proxies never see the secret itself.</summary>
public sealed class ClusterCredential
{
    public const string HeaderName = "X-Solara-Cluster";

    private readonly byte[] _digest;
    private readonly string _header;

    public ClusterCredential(string secret)
    {
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes("solara-cluster-v1:" + secret));
        _header = Convert.ToHexStringLower(_digest);
    }

    public bool Matches(HttpRequest request)
    {
        string presented = request.Headers[HeaderName].ToString();
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(presented);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(bytes, _digest);
    }

    public void Apply(HttpRequestHeaders headers) => headers.Add(HeaderName, _header);

    public void Apply(ClientWebSocketOptions options) => options.SetRequestHeader(HeaderName, _header);
}
