using ExportTaxCheck.Engine.Runtime;
using ExportTaxCheck.Engine.Tasks;

namespace ExportTaxCheck.Host.Api;

/// <summary>Commands that resume waiting instances: events, tasks, bookmarks. Each takes an <c>Idempotency-Key</c> header.</summary>
public static class RuntimeCommandsEndpoints
{
    public static void MapRuntimeCommands(this RouteGroupBuilder api)
    {
        api.MapPost("/events/{eventName}/trigger", TriggerEventAsync);
        api.MapPost("/bookmarks/{bookmarkId}/resume", ResumeBookmarkAsync);
    }

    private static async Task<object> TriggerEventAsync(string eventName, HttpRequest request, WorkflowClient runtime, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var result = await runtime.TriggerEventAsync(eventName, RequestReading.String(body, "correlationId"), RequestReading.String(body, "workflowInstanceId"),
            RequestReading.Object(body, "input"), RequestReading.IdempotencyKey(request), ct);
        return new
        {
            resumed = result.Resumed.Select(Run).ToList(),
            started = result.Started.Select(Run).ToList(),
            replayed = result.Replayed,
        };
    }

    public static void MapTaskCompletion(this RouteGroupBuilder api) => api.MapPost("/tasks/{taskId}/complete", CompleteTaskAsync);

    /// <summary>
    /// Elsa's task completion. A human task goes through the task service (the caller must be able to take it, the
    /// audit names the caller, not the body); a RunTask has no officer and resumes directly.
    /// </summary>
    private static async Task<object> CompleteTaskAsync(string taskId, HttpRequest request, System.Security.Claims.ClaimsPrincipal user, WorkflowClient runtime,
        TaskService tasks, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var result = RequestReading.Get(body, "result");
        var key = RequestReading.IdempotencyKey(request);
        if (await tasks.ExistsAsync(taskId, ct))
        {
            var submission = result is System.Text.Json.Nodes.JsonObject fields ? TasksEndpoints.Submission(fields) : new TaskSubmission(null, null, null);
            return Run(await tasks.CompleteAsync(Auth.OfficerAuthentication.ToTaskActor(user), taskId, submission, key, ct));
        }
        return Run(await runtime.CompleteTaskAsync(taskId, result?.DeepClone(), key, ct));
    }

    private static async Task<object> ResumeBookmarkAsync(string bookmarkId, HttpRequest request, WorkflowClient runtime, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var result = await runtime.ResumeBookmarkAsync(bookmarkId, RequestReading.Object(body, "input"), RequestReading.IdempotencyKey(request), ct);
        return Run(result);
    }

    /// <summary>The outcome of a command: where the instance stands after the step committed.</summary>
    public static object Run(WorkflowRunResult result)
    {
        var (status, subStatus) = ElsaModels.ElsaStatus(result.Status);
        return new
        {
            workflowInstanceId = result.InstanceId,
            definitionId = result.DefinitionId,
            definitionVersion = result.DefinitionVersion,
            status,
            subStatus,
            correlationId = result.CorrelationId,
            bookmarks = result.Bookmarks.Select(ElsaModels.Bookmark).ToList(),
            incidents = result.Incidents.Select(ElsaModels.Incident).ToList(),
            output = result.Output,
            replayed = result.Replayed,
        };
    }
}
