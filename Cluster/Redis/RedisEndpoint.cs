using System.Globalization;

namespace Solara.Orleans.Cluster.Redis;

/// <summary>Where and how to reach Redis, parsed from a URL setting (SOLARA_STATE_URL, SOLARA_CLUSTER_URL):
/// <c>redis://[[user]:password@]host[:port][/db]</c>, <c>rediss://</c> for TLS, or
/// <c>unix:///path/to/redis.sock[?db=N&amp;username=u&amp;password=p]</c> (the redis-py form). A user name
/// selects an ACL user (<c>AUTH user password</c>); a password alone authenticates the default user.
/// <see cref="ToString"/> never shows the password.</summary>
public sealed record RedisEndpoint(string Host, int Port, bool UseTls, string? User, string? Password, int Database, string? UnixSocket = null)
{
    public const int DefaultPort = 6379;

    public static RedisEndpoint Parse(string url, string setting = "SOLARA_STATE_URL")
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out Uri? uri))
            throw new RedisUrlException(setting, "is not an absolute URL");
        if (uri.Scheme == "unix")
            return ParseUnix(uri, setting);
        bool tls = uri.Scheme switch
        {
            "redis" => false,
            "rediss" => true,
            _ => throw new RedisUrlException(setting, $"has the scheme '{uri.Scheme}', which this backend does not speak"),
        };
        if (uri.Host.Length == 0)
            throw new RedisUrlException(setting, "names no host");
        (string? user, string? password) = Credentials(uri.UserInfo, setting);
        return new RedisEndpoint(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, tls, user, password, ParseDatabase(uri, setting));
    }

    /// <summary>host:port and scheme, without credentials: safe for logs and error messages.</summary>
    public override string ToString() =>
        UnixSocket is null ? $"{(UseTls ? "rediss" : "redis")}://{Host}:{Port}/{Database}" : $"unix://{UnixSocket}?db={Database}";

    private static RedisEndpoint ParseUnix(Uri uri, string setting)
    {
        string path = Uri.UnescapeDataString(uri.AbsolutePath);
        if (uri.Host.Length > 0 || path.Length <= 1)
            throw new RedisUrlException(setting, "is a unix:// URL without an absolute socket path (write unix:///path/to/redis.sock?db=0)");
        Dictionary<string, string> query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "", StringComparer.Ordinal);
        (string? user, string? password) = uri.UserInfo.Length > 0
            ? Credentials(uri.UserInfo, setting)
            : (query.GetValueOrDefault("username") is { Length: > 0 } u ? u : null, query.GetValueOrDefault("password") is { Length: > 0 } p ? p : null);
        if (user is not null && password is null)
            throw new RedisUrlException(setting, "names a user but no password");
        int database = 0;
        if (query.TryGetValue("db", out string? db) && !int.TryParse(db, NumberStyles.None, CultureInfo.InvariantCulture, out database))
            throw new RedisUrlException(setting, $"has db='{db}', which is not a database number");
        return new RedisEndpoint("", 0, false, user, password, database, path);
    }

    private static (string? User, string? Password) Credentials(string userInfo, string setting)
    {
        if (userInfo.Length == 0)
            return (null, null);
        int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            throw new RedisUrlException(setting, "has credentials without a ':' (write redis://:password@host for the default user, or redis://user:password@host for an ACL user)");
        string user = Uri.UnescapeDataString(userInfo[..colon]);
        string password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        if (password.Length == 0)
            throw new RedisUrlException(setting, "has an empty password");
        return (user.Length == 0 ? null : user, password);
    }

    private static int ParseDatabase(Uri uri, string setting)
    {
        string path = uri.AbsolutePath.Trim('/');
        if (path.Length == 0)
            return 0;
        return int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out int database)
            ? database
            : throw new RedisUrlException(setting, $"has the path '/{path}', which is not a database number (e.g. /0)");
    }
}
