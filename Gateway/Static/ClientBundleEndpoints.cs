using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Solara.Orleans.Gateway.Static;

/// <summary>Serves the embedded client bundle at <c>GET /_solara/static/{file}</c>.</summary>
public static class ClientBundleEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

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
        (byte[] bytes, string? encoding) = clientFile.Negotiate(request.Headers.AcceptEncoding.ToString());
        string etag = encoding is null ? clientFile.ETag : clientFile.ETag.Insert(clientFile.ETag.Length - 1, "-" + encoding);

        // A URL versioned with the current bundle version, or a content-hashed name, never changes.
        bool versioned = request.Query.TryGetValue("v", out var v) && v == ClientBundle.Version;
        response.Headers.CacheControl = versioned || clientFile.IsContentAddressed ? Immutable : Revalidate;
        response.Headers.ETag = etag;
        response.Headers.XContentTypeOptions = "nosniff";
        if (clientFile.IsCompressible)
            response.Headers.Vary = HeaderNames.AcceptEncoding;

        if (IfNoneMatch(request, etag))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        if (encoding is not null)
            response.Headers.ContentEncoding = encoding;
        return Results.Bytes(bytes, clientFile.ContentType);
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        foreach (string? value in request.Headers.IfNoneMatch)
        {
            if (value is null)
                continue;
            foreach (string candidate in value.Split(',', StringSplitOptions.TrimEntries))
            {
                string tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (tag == "*" || tag == etag)
                    return true;
            }
        }
        return false;
    }
}
