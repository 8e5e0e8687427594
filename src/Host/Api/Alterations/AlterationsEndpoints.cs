using ExportTaxCheck.Host.Security;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Runtime.Alterations;
using ExportTaxCheck.Host.Api.WorkflowInstances;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.Alterations;

/// <summary>
/// Elsa's alterations API, for analysts and supervisors: <c>POST /alterations/run</c> with
/// <c>{ workflowInstanceIds, alterations: [{ type: "Migrate", targetVersion } | { type: "ScheduleActivity", activityId |
/// activityInstanceId } | { type: "CancelActivity", … } | { type: "ModifyVariable", variableId, value } | { type: "Cancel" }] }</c>,
/// and <c>/alterations/workflows/retry</c> with <c>{ workflowInstanceIds, activityIds? }</c> (every activity with an open
/// incident when none is named). Each alteration is journaled with who made it; an Idempotency-Key replays the first results.
/// </summary>
public static class AlterationsEndpoints
{
    public static void MapAlterations(this RouteGroupBuilder api)
    {
        api.MapPost("/alterations/run", RunAsync).ProducesProblems(400, 413, 422);
        api.MapPost("/alterations/workflows/retry", RetryPostAsync).ProducesProblems(400, 413, 422);
        api.MapGet("/alterations/workflows/retry", RetryGetAsync).ProducesProblems(400, 422).WithMetadata(ChangesState.Instance);
    }

    private static async Task<Ok<AlterationsResponse>> RunAsync(HttpRequest request, [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey,
        WorkflowAlterations alterations, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var instanceIds = InstanceIds(body);
        var list = RequestReading.Get(body, "alterations") as JsonArray ?? throw new InvalidRequestException("FIELD_REQUIRED", "'alterations' must be a list of alterations.");
        var results = await alterations.RunAsync(instanceIds, list, Actor(request.HttpContext.User), RequestReading.IdempotencyKey(idempotencyKey, request.HttpContext.User), ct);
        return TypedResults.Ok(new AlterationsResponse(results));
    }

    private static async Task<Ok<AlterationsResponse>> RetryPostAsync(HttpRequest request, [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey,
        WorkflowAlterations alterations, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var results = await alterations.RetryAsync(InstanceIds(body), InstanceRequests.StringList(body, "activityIds"), Actor(request.HttpContext.User),
            RequestReading.IdempotencyKey(idempotencyKey, request.HttpContext.User), ct);
        return TypedResults.Ok(new AlterationsResponse(results));
    }

    private static async Task<Ok<AlterationsResponse>> RetryGetAsync(HttpContext context, [FromQuery] string[]? workflowInstanceIds, [FromQuery] string[]? activityIds,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, WorkflowAlterations alterations, CancellationToken ct)
    {
        if (workflowInstanceIds is not { Length: > 0 })
            throw new InvalidRequestException("FIELD_REQUIRED", "'workflowInstanceIds' must name at least one instance.");
        var results = await alterations.RetryAsync(workflowInstanceIds, activityIds is { Length: > 0 } ? activityIds : null, Actor(context.User),
            RequestReading.IdempotencyKey(idempotencyKey, context.User), ct);
        return TypedResults.Ok(new AlterationsResponse(results));
    }

    private static List<string> InstanceIds(JsonObject body)
    {
        var ids = InstanceRequests.StringList(body, "workflowInstanceIds");
        if (ids is not { Count: > 0 } || ids.Count > 1000 || ids.Any(string.IsNullOrWhiteSpace))
            throw new InvalidRequestException("FIELD_REQUIRED", "'workflowInstanceIds' must name 1 to 1000 instances.");
        return ids;
    }

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? user.Identity?.Name ?? "unknown";
}
