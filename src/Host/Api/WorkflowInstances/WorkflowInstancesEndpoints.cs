using System.Security.Claims;
using ExportTaxCheck.Host.Api.Elsa;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>
/// Elsa's instance endpoints: the list, one instance, its variables and execution state, cancel and delete (one, or in
/// bulk from Studio's list). The journal and the activity executions Studio's instance viewer reads are in
/// <see cref="JournalEndpoints"/> and <see cref="ActivityExecutionsEndpoints"/>.
/// </summary>
public static class WorkflowInstancesEndpoints
{
    public static void MapWorkflowInstances(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-instances");
        group.MapPost("", ListPostAsync).ProducesProblems(400, 413);
        group.MapGet("", ListGetAsync).ProducesProblems(400);
        group.MapGet("/{id}", GetAsync).ProducesProblems(404);
        group.MapDelete("/{id}", DeleteAsync).ProducesProblems(404);
        group.MapPost("/{id}/cancel", CancelAsync).ProducesProblems(400, 404, 409, 422);
        group.MapGet("/{id}/variables", VariablesAsync).ProducesProblems(404);
        group.MapGet("/{id}/execution-state", ExecutionStateAsync).ProducesProblems(404);
        api.MapPost("/cancel/workflow-instances/{id}", CancelAsync).ProducesProblems(400, 404, 409, 422);
        api.MapPost("/bulk-actions/cancel/workflow-instances", BulkCancelAsync).ProducesProblems(400, 413);
        api.MapPost("/bulk-actions/delete/workflow-instances", BulkDeleteAsync).ProducesProblems(400, 413);
        api.MapPost("/bulk-actions/delete/workflow-instances/by-id", BulkDeleteAsync).ProducesProblems(400, 413);
        api.MapJournal();
        api.MapActivityExecutions();
    }

    private static async Task<Ok<PagedListResponse<WorkflowInstanceSummaryModel>>> ListPostAsync(HttpRequest request, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var definitionIds = InstanceRequests.StringList(body, "definitionIds") ?? (RequestReading.String(body, "definitionId") is { } single ? [single] : null);
        var statuses = InstanceRequests.StatusFilter(InstanceRequests.StringList(body, "statuses") ?? (RequestReading.String(body, "status") is { } s ? [s] : null),
            InstanceRequests.StringList(body, "subStatuses") ?? (RequestReading.String(body, "subStatus") is { } ss ? [ss] : null));
        var query = new InstanceQuery(
            SearchTerm: RequestReading.String(body, "searchTerm"),
            DefinitionIds: definitionIds,
            DefinitionVersionId: RequestReading.String(body, "definitionVersionId"),
            CorrelationId: RequestReading.String(body, "correlationId"),
            Statuses: statuses,
            HasIncidents: RequestReading.Bool(body, "hasIncidents"),
            OrderBy: RequestReading.String(body, "orderBy"),
            Descending: !string.Equals(RequestReading.String(body, "orderDirection"), "Ascending", StringComparison.OrdinalIgnoreCase),
            Page: InstanceRequests.Paging(RequestReading.Int(body, "page"), 0, "page"),
            PageSize: InstanceRequests.Paging(RequestReading.Int(body, "pageSize"), 50, "pageSize"));
        return await ListAsync(query, instances, ct);
    }

    private static async Task<Ok<PagedListResponse<WorkflowInstanceSummaryModel>>> ListGetAsync(InstanceQueries instances, CancellationToken ct,
        [FromQuery] string? searchTerm, [FromQuery] string? definitionId, [FromQuery] string? correlationId, [FromQuery] string[]? status,
        [FromQuery] string[]? subStatus, [FromQuery] string? orderBy, [FromQuery] string? orderDirection, [FromQuery] int? page, [FromQuery] int? pageSize)
    {
        var query = new InstanceQuery(searchTerm, definitionId is null ? null : [definitionId], null, correlationId,
            InstanceRequests.StatusFilter(status is { Length: > 0 } ? status : null, subStatus is { Length: > 0 } ? subStatus : null), null, orderBy,
            !string.Equals(orderDirection, "Ascending", StringComparison.OrdinalIgnoreCase), InstanceRequests.Paging(page, 0, "page"),
            InstanceRequests.Paging(pageSize, 50, "pageSize"));
        return await ListAsync(query, instances, ct);
    }

    private static async Task<Ok<PagedListResponse<WorkflowInstanceSummaryModel>>> ListAsync(InstanceQuery query, InstanceQueries instances, CancellationToken ct)
    {
        var result = await instances.ListAsync(query, ct);
        return TypedResults.Ok(new PagedListResponse<WorkflowInstanceSummaryModel>(
            result.Items.Select(WorkflowInstanceSummaryModel.From).ToList(), result.TotalCount, result.PageIndex, result.PageSize));
    }

    private static async Task<Ok<WorkflowInstanceModel>> GetAsync(string id, InstanceQueries instances, CancellationToken ct) =>
        TypedResults.Ok(WorkflowInstanceModel.From(await InstanceRequests.RequireAsync(id, instances, ct)));

    private static async Task<Ok<ExecutionStateResponse>> ExecutionStateAsync(string id, InstanceQueries instances, CancellationToken ct)
    {
        var summary = (await InstanceRequests.RequireAsync(id, instances, ct)).Summary;
        var (status, subStatus) = ElsaStatus.Of(summary.Status);
        return TypedResults.Ok(new ExecutionStateResponse(status, subStatus, summary.UpdatedAt));
    }

    private static async Task<Ok<CancelInstanceResponse>> CancelAsync(string id, [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user, WorkflowClient runtime, InstanceQueries instances, CancellationToken ct)
    {
        await InstanceRequests.RequireAsync(id, instances, ct);
        var result = await runtime.CancelAsync(id, RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        var (status, subStatus) = ElsaStatus.Of(result.Status);
        return TypedResults.Ok(new CancelInstanceResponse(result.InstanceId, status, subStatus));
    }

    private static async Task<NoContent> DeleteAsync(string id, WorkflowClient runtime, CancellationToken ct)
    {
        await runtime.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Cancels the instances named (ids, or every instance of a definition or version) that have not ended.</summary>
    private static async Task<Ok<BulkCancelResponse>> BulkCancelAsync(HttpRequest request, WorkflowClient runtime, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var ids = await InstanceRequests.SelectedAsync(body, instances, [WorkflowStatus.Running, WorkflowStatus.Suspended, WorkflowStatus.Faulted], ct);
        var cancelled = 0;
        foreach (var id in ids)
        {
            try
            {
                await runtime.CancelAsync(id, null, ct);
                cancelled++;
            }
            catch (ProblemException)
            {
                // Ended or removed meanwhile: not counted.
            }
        }
        return TypedResults.Ok(new BulkCancelResponse(cancelled));
    }

    private static async Task<Ok<BulkDeleteInstancesResponse>> BulkDeleteAsync(HttpRequest request, WorkflowClient runtime, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var ids = await InstanceRequests.SelectedAsync(body, instances, null, ct);
        var deleted = 0;
        foreach (var id in ids)
        {
            try
            {
                await runtime.DeleteAsync(id, ct);
                deleted++;
            }
            catch (ProblemException)
            {
                // Removed meanwhile: not counted.
            }
        }
        return TypedResults.Ok(new BulkDeleteInstancesResponse(deleted));
    }

    private static async Task<Ok<ItemsResponse<VariableModel>>> VariablesAsync(string id, InstanceQueries instances, CancellationToken ct)
    {
        var detail = await InstanceRequests.RequireAsync(id, instances, ct);
        return TypedResults.Ok(new ItemsResponse<VariableModel>(detail.State.Variables.Select(v => new VariableModel(v.Key, v.Key, v.Value)).ToList()));
    }
}
