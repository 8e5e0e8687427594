using ExportTaxCheck.Host.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExportTaxCheck.Host.Clock;

/// <summary>
/// The simulated clock for demonstrations, training and acceptance checks (Clock:Mode=Adjustable, never in Production):
/// read it, move it forward by a duration or to an instant, or go back to the real time. Analysts only.
/// </summary>
public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapClock(this IEndpointRouteBuilder app)
    {
        var clock = app.MapGroup("/api/clock").WithTags("Clock").RequireAuthorization(Extensions.AnalystPolicy).ProducesAuthProblems();
        clock.MapGet("", (ClockAdvancer advancer) => TypedResults.Ok(advancer.State()));
        clock.MapPost("/advance", AdvanceAsync).ProducesProblems(400);
        clock.MapPost("/set", SetAsync).ProducesProblems(400);
        clock.MapPost("/reset", async (ClockAdvancer advancer, CancellationToken ct) => TypedResults.Ok(await advancer.ResetAsync(ct)));
        return app;
    }

    private static async Task<Ok<ClockState>> AdvanceAsync(HttpRequest request, ClockAdvancer advancer, TimeProvider clock, CancellationToken ct)
    {
        var body = await RequestReading.ReadAsync<ClockAdvanceRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        var by = ClockAdvancer.ParseDuration(body.By);
        if (by <= TimeSpan.Zero)
            throw new InvalidRequestException("CLOCK_BACKWARDS", "The clock only moves forward: give a positive duration such as P1D.");
        return TypedResults.Ok(await advancer.AdvanceToAsync(clock.GetUtcNow() + by, ct));
    }

    private static async Task<Ok<ClockState>> SetAsync(HttpRequest request, ClockAdvancer advancer, CancellationToken ct)
    {
        var body = await RequestReading.ReadAsync<ClockSetRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        return TypedResults.Ok(await advancer.AdvanceToAsync(body.To, ct));
    }
}
