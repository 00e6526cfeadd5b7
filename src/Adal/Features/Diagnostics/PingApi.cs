using Adal.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adal.Features.Diagnostics;

public sealed record PingResponse(bool Ok);

/// <summary>
/// The cheapest authenticated call the host answers: the whole pipeline and bearer authentication, no database.
/// The load benchmark measures every other endpoint against it (the framework's ceiling on the same machine).
/// </summary>
public static class PingApi
{
    public static IEndpointRouteBuilder MapPingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ping", Ping).RequireAuthorization(AuthSetup.ApiPolicy).WithTags("Diagnostics")
            .WithSummary("Answers {\"ok\": true} to a signed-in caller without touching the database: the ceiling other endpoints are measured against")
            .ProducesProblem(401);
        return app;
    }

    private static Ok<PingResponse> Ping() => TypedResults.Ok(new PingResponse(true));
}
