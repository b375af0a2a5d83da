using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Solara.Orleans.Gateway.Static;

/// <summary>Serves the embedded client bundle at <c>GET /_solara/static/{file}</c> (and HEAD).</summary>
public static class ClientBundleEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

    /// <summary>Encodings offered, best first.</summary>
    private static readonly string[] Encodings = ["br", "gzip"];

    public static IEndpointRouteBuilder MapClientBundle(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(ClientBundle.UrlPrefix + "{file}", [HttpMethods.Get, HttpMethods.Head], Serve);
        return endpoints;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (ClientBundle.Find(file) is not { } clientFile)
            return Results.NotFound();

        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        (byte[] bytes, string? encoding) = Negotiate(clientFile, request);
        string etag = clientFile.ETagFor(encoding);

        // A URL versioned with the current bundle version, or a content-hashed name, never changes.
        bool versioned = request.Query.TryGetValue("v", out var version) && version == ClientBundle.Version;
        response.Headers.CacheControl = versioned || clientFile.IsContentAddressed ? Immutable : Revalidate;
        response.Headers.ETag = etag;
        response.Headers.XContentTypeOptions = "nosniff";
        if (clientFile.IsCompressible)
            response.Headers.Vary = HeaderNames.AcceptEncoding;

        if (MatchesIfNoneMatch(request, etag))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        if (encoding is not null)
            response.Headers.ContentEncoding = encoding;
        return Results.Bytes(bytes, clientFile.ContentType);
    }

    /// <summary>The best encoding the request accepts (quality above zero) that makes the file smaller.</summary>
    private static (byte[] Bytes, string? Encoding) Negotiate(ClientFile file, HttpRequest request)
    {
        if (!file.IsCompressible
            || !StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out IList<StringWithQualityHeaderValue>? accepted))
            return (file.Content, null);
        foreach (string encoding in Encodings)
        {
            bool acceptable = accepted.Any(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);
            if (acceptable && file.Encoded(encoding) is { } bytes)
                return (bytes, encoding);
        }
        return (file.Content, null);
    }

    private static bool MatchesIfNoneMatch(HttpRequest request, string etag)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out IList<EntityTagHeaderValue>? tags))
            return false;
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(etag, StringComparison.Ordinal));
    }
}
