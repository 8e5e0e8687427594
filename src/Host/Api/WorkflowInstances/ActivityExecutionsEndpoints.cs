using ExportTaxCheck.Host.Api.Elsa;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>
/// The activity executions Studio's instance viewer asks for: those of a node (the details pane), one by id, and the
/// report that colours the diagram (how often each node started, completed, waits or faulted).
/// </summary>
public static class ActivityExecutionsEndpoints
{
    public static void MapActivityExecutions(this RouteGroupBuilder api)
    {
        var executions = api.MapGroup("/activity-executions");
        executions.MapGet("/list", ListAsync).ProducesProblems(400, 404);
        executions.MapGet("/by-id", ByIdAsync).ProducesProblems(400, 404);
        executions.MapGet("/{id}", GetAsync).ProducesProblems(404);
        executions.MapPost("/report", ReportAsync).ProducesProblems(400, 404, 413);
        api.MapGet("/activity-execution-summaries/list", SummariesAsync).ProducesProblems(400, 404);
    }

    private static async Task<Ok<ListResponse<ActivityExecutionModel>>> ListAsync(InstanceQueries instances, CancellationToken ct,
        [FromQuery] string? workflowInstanceId, [FromQuery] string? activityNodeId, [FromQuery] string? activityId) =>
        TypedResults.Ok(ListResponse<ActivityExecutionModel>.Of((await RecordsAsync(instances, workflowInstanceId, activityNodeId ?? activityId, ct))
            .Select(ActivityExecutionModel.From).ToList()));

    private static async Task<Ok<ListResponse<ActivityExecutionSummaryModel>>> SummariesAsync(InstanceQueries instances, CancellationToken ct,
        [FromQuery] string? workflowInstanceId, [FromQuery] string? activityNodeId, [FromQuery] string? activityId) =>
        TypedResults.Ok(ListResponse<ActivityExecutionSummaryModel>.Of((await RecordsAsync(instances, workflowInstanceId, activityNodeId ?? activityId, ct))
            .Select(ActivityExecutionSummaryModel.From).ToList()));

    private static async Task<IReadOnlyList<ExportTaxCheck.Engine.Persistence.ActivityExecutionRecord>> RecordsAsync(InstanceQueries instances, string? instanceId, string? node, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
            throw new InvalidRequestException("INSTANCE_REQUIRED", "Query parameter 'workflowInstanceId' is required.");
        await InstanceRequests.RequireAsync(instanceId, instances, ct);
        return await instances.ActivityExecutionsAsync(instanceId, string.IsNullOrWhiteSpace(node) ? null : node, ct);
    }

    private static Task<Ok<ActivityExecutionModel>> ByIdAsync(InstanceQueries instances, CancellationToken ct, [FromQuery] string? id) =>
        string.IsNullOrWhiteSpace(id)
            ? throw new InvalidRequestException("ID_REQUIRED", "Query parameter 'id' is required.")
            : GetAsync(id, instances, ct);

    private static async Task<Ok<ActivityExecutionModel>> GetAsync(string id, InstanceQueries instances, CancellationToken ct) =>
        TypedResults.Ok(ActivityExecutionModel.From(await instances.ActivityExecutionAsync(id, ct)
                                                    ?? throw new NotFoundException($"Activity execution '{id}' does not exist.", "ACTIVITY_EXECUTION_NOT_FOUND")));

    /// <summary>Per-node execution counts for the instance viewer's badges and colours.</summary>
    private static async Task<Ok<ActivityExecutionReportResponse>> ReportAsync(HttpRequest request, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var instanceId = RequestReading.String(body, "workflowInstanceId") ?? throw new InvalidRequestException("INSTANCE_REQUIRED", "'workflowInstanceId' is required.");
        await InstanceRequests.RequireAsync(instanceId, instances, ct);
        var wanted = InstanceRequests.StringList(body, "activityNodeIds")?.ToHashSet(StringComparer.Ordinal);
        var records = await instances.ActivityExecutionsAsync(instanceId, null, ct);
        var stats = records.GroupBy(r => r.ActivityNodeId ?? r.ActivityId)
            .Where(g => wanted is null || wanted.Contains(g.Key))
            .Select(g => new ActivityExecutionStatsModel(
                ActivityNodeId: g.Key,
                ActivityId: g.First().ActivityId,
                StartedCount: g.Count(),
                CompletedCount: g.Count(r => r.Status == ActivityStatus.Completed),
                UncompletedCount: g.Count(r => r.Status is ActivityStatus.Running or ActivityStatus.Suspended or ActivityStatus.Scheduled),
                IsBlocked: g.Any(r => r.Status == ActivityStatus.Suspended || (r.Status == ActivityStatus.Running && r.HasBookmarks)),
                IsFaulted: g.Any(r => r.Status == ActivityStatus.Faulted),
                Metadata: [])).ToList();
        return TypedResults.Ok(new ActivityExecutionReportResponse(stats));
    }
}
