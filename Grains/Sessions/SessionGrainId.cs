using System.Security.Cryptography;
using System.Text;

namespace Solara.Orleans.Grains.Sessions;

/// <summary>The grain id of a session: <c>session/{sha256(session id) hex}</c>. The raw session id is
/// a bearer secret (the cookie), so it never appears in a directory key, a state key, a URL or a log.</summary>
public static class SessionGrainId
{
    public const string Prefix = "session/";

    public static string For(string sessionId) => Prefix + HashOf(sessionId);

    /// <summary>The hex part alone (the <c>/_cluster/sessions/{hash}</c> path segment).</summary>
    public static string HashOf(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    public static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
}
