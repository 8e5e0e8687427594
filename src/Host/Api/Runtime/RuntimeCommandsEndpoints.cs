using System.Security.Claims;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Host.Api.Tasks;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.Runtime;

/// <summary>Commands that resume waiting instances: events, tasks, bookmarks. Each takes an <c>Idempotency-Key</c> header.</summary>
public static class RuntimeCommandsEndpoints
{
    public static void MapRuntimeCommands(this RouteGroupBuilder api)
    {
        api.MapPost("/events/{eventName}/trigger", TriggerEventAsync).ProducesProblems(400, 409, 413, 422);
        api.MapPost("/bookmarks/{bookmarkId}/resume", ResumeBookmarkAsync).ProducesProblems(400, 404, 409, 413, 422);
    }

    public static void MapTaskCompletion(this RouteGroupBuilder api) =>
        api.MapPost("/tasks/{taskId}/complete", CompleteTaskAsync).ProducesProblems(400, 404, 409, 413, 422);

    private static async Task<Ok<TriggerEventResponse>> TriggerEventAsync(string eventName, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, WorkflowClient runtime, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var result = await runtime.TriggerEventAsync(eventName, RequestReading.String(body, "correlationId"), RequestReading.String(body, "workflowInstanceId"),
            RequestReading.Object(body, "input"), RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        return TypedResults.Ok(new TriggerEventResponse(
            result.Resumed.Select(WorkflowRunResponse.From).ToList(), result.Started.Select(WorkflowRunResponse.From).ToList(), result.Replayed));
    }

    /// <summary>
    /// Elsa's task completion. A human task goes through the task service (the caller must be able to take it, the
    /// audit names the caller, not the body); a RunTask has no officer and resumes directly.
    /// </summary>
    private static async Task<Ok<WorkflowRunResponse>> CompleteTaskAsync(string taskId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, WorkflowClient runtime,
        TaskService tasks, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var result = RequestReading.Get(body, "result");
        var key = RequestReading.IdempotencyKey(idempotencyKey, user);
        if (await tasks.ExistsAsync(taskId, ct))
        {
            var submission = result is JsonObject fields ? TasksEndpoints.Submission(fields) : new TaskSubmission(null, null, null);
            return TypedResults.Ok(WorkflowRunResponse.From(await tasks.CompleteAsync(user.ToTaskActor(), taskId, submission, key, ct)));
        }
        return TypedResults.Ok(WorkflowRunResponse.From(await runtime.CompleteTaskAsync(taskId, result?.DeepClone(), key, ct)));
    }

    private static async Task<Ok<WorkflowRunResponse>> ResumeBookmarkAsync(string bookmarkId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, WorkflowClient runtime, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var result = await runtime.ResumeBookmarkAsync(bookmarkId, RequestReading.Object(body, "input"), RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        return TypedResults.Ok(WorkflowRunResponse.From(result));
    }
}
