using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;

namespace Solara.Orleans.Gateway.Static;

/// <summary>
/// The browser client, embedded in this assembly by Client/ClientBundle.targets as resources named
/// <c>client/{file}</c>: lookup, content types, ETags, precompressed variants, and the bundle version.
/// </summary>
public static class ClientBundle
{
    /// <summary>URL prefix the files are served under.</summary>
    public const string UrlPrefix = "/_solara/static/";

    private const string ResourcePrefix = "client/";

    private static readonly Assembly Assembly = typeof(ClientBundle).Assembly;
    private static readonly Lazy<IReadOnlyDictionary<string, string>> ResourceNames = new(FindResources);
    private static readonly ConcurrentDictionary<string, ClientFile> Files = new(StringComparer.Ordinal);
    private static readonly Lazy<string> LazyVersion = new(ComputeVersion);

    /// <summary>A short hash of every embedded client file: changes whenever the bundle does.</summary>
    public static string Version => LazyVersion.Value;

    /// <summary>Names of the embedded files (e.g. <c>solara-client.js</c>).</summary>
    public static IEnumerable<string> FileNames => ResourceNames.Value.Keys;

    public static string ScriptFile(bool production) => production ? "solara-client.min.js" : "solara-client.js";

    public static string StyleFile(bool production) => production ? "solara-client.min.css" : "solara-client.css";

    public static string UrlOf(string fileName) => UrlPrefix + fileName;

    /// <summary>The embedded file with this exact name, or null.</summary>
    public static ClientFile? Find(string fileName)
    {
        if (!ResourceNames.Value.TryGetValue(fileName, out string? resource))
            return null;
        return Files.GetOrAdd(fileName, static (name, resource) => Load(name, resource), resource);
    }

    private static IReadOnlyDictionary<string, string> FindResources() =>
        Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.Length > ResourcePrefix.Length)
            .ToDictionary(name => name[ResourcePrefix.Length..], StringComparer.Ordinal);

    private static ClientFile Load(string fileName, string resource)
    {
        using Stream stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded client file '{resource}' is listed but cannot be opened.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ClientFile(fileName, copy.ToArray());
    }

    private static string ComputeVersion()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string name in FileNames.Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(Find(name)!.Content);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
