using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Solara.Orleans.Grains.Hosting;
using Solara.Orleans.Grains.Sessions;

namespace Solara.Orleans.Silo.Cluster;

/// <summary>The session grain API between silos, under the credentialed <c>/_cluster/</c> group:
/// <c>POST sessions/{hash}/call</c> runs a <see cref="SessionCall"/> on this silo's activation (or
/// answers <see cref="SessionReplyStatus.NotHere"/>), <c>POST sessions/{hash}/deliver</c> posts a
/// pushed value to kernels of this silo and answers the ids it does not host.</summary>
public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder cluster)
    {
        cluster.MapPost("/sessions/{hash}/call", async (string hash, SessionCall call, KernelSilo silo) =>
            SessionGrainId.IsHash(hash) ? Results.Json(await silo.Sessions.HandleAsync(SessionGrainId.Prefix + hash, call)) : BadHash());
        cluster.MapPost("/sessions/{hash}/deliver", (string hash, SessionDelivery delivery, KernelSilo silo) =>
            SessionGrainId.IsHash(hash) ? Results.Json(silo.Sessions.Deliver(SessionGrainId.Prefix + hash, delivery)) : BadHash());
        return cluster;
    }

    private static IResult BadHash() => Results.BadRequest("invalid session grain id: expected 64 lowercase hex digits");
}
