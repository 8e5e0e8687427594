using System.Security.Claims;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Api.Elsa;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>Elsa's instance endpoints: the list, one instance, its journal, variables and activity executions (Studio's instance viewer), and cancel.</summary>
public static class WorkflowInstancesEndpoints
{
    public static void MapWorkflowInstances(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-instances");
        group.MapPost("", ListPostAsync).ProducesProblems(400, 413);
        group.MapGet("", ListGetAsync).ProducesProblems(400);
        group.MapGet("/{id}", GetAsync).ProducesProblems(404);
        group.MapPost("/{id}/cancel", CancelAsync).ProducesProblems(400, 404, 409, 422);
        group.MapPost("/{id}/journal", JournalPostAsync).ProducesProblems(400, 404, 413);
        group.MapGet("/{id}/journal", JournalGetAsync).ProducesProblems(400, 404);
        group.MapGet("/{id}/variables", VariablesAsync).ProducesProblems(404);

        var executions = api.MapGroup("/activity-executions");
        executions.MapGet("/list", ActivityExecutionsAsync).ProducesProblems(400, 404);
        executions.MapGet("/{id}", ActivityExecutionAsync).ProducesProblems(404);
        api.MapGet("/activity-execution-summaries/list", ActivityExecutionsAsync).ProducesProblems(400, 404);
        executions.MapPost("/report", ReportAsync).ProducesProblems(400, 404, 413);
    }

    private static async Task<Ok<PagedListResponse<WorkflowInstanceSummaryModel>>> ListPostAsync(HttpRequest request, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var definitionIds = StringList(body, "definitionIds") ?? (RequestReading.String(body, "definitionId") is { } single ? [single] : null);
        var statuses = StatusFilter(StringList(body, "statuses") ?? (RequestReading.String(body, "status") is { } s ? [s] : null),
            StringList(body, "subStatuses") ?? (RequestReading.String(body, "subStatus") is { } ss ? [ss] : null));
        var query = new InstanceQuery(
            SearchTerm: RequestReading.String(body, "searchTerm"),
            DefinitionIds: definitionIds,
            DefinitionVersionId: RequestReading.String(body, "definitionVersionId"),
            CorrelationId: RequestReading.String(body, "correlationId"),
            Statuses: statuses,
            HasIncidents: RequestReading.Bool(body, "hasIncidents"),
            OrderBy: RequestReading.String(body, "orderBy"),
            Descending: !string.Equals(RequestReading.String(body, "orderDirection"), "Ascending", StringComparison.OrdinalIgnoreCase),
            Page: Paging(RequestReading.Int(body, "page"), 0, "page"),
            PageSize: Paging(RequestReading.Int(body, "pageSize"), 50, "pageSize"));
        return await ListAsync(query, instances, ct);
    }

    private static async Task<Ok<PagedListResponse<WorkflowInstanceSummaryModel>>> ListGetAsync(InstanceQueries instances, CancellationToken ct,
        [FromQuery] string? searchTerm, [FromQuery] string? definitionId, [FromQuery] string? correlationId, [FromQuery] string[]? status,
        [FromQuery] string[]? subStatus, [FromQuery] string? orderBy, [FromQuery] string? orderDirection, [FromQuery] int? page, [FromQuery] int? pageSize)
    {
        var query = new InstanceQuery(searchTerm, definitionId is null ? null : [definitionId], null, correlationId,
            StatusFilter(status is { Length: > 0 } ? status : null, subStatus is { Length: > 0 } ? subStatus : null), null, orderBy,
            !string.Equals(orderDirection, "Ascending", StringComparison.OrdinalIgnoreCase), Paging(page, 0, "page"), Paging(pageSize, 50, "pageSize"));
        return await ListAsync(query, instances, ct);
    }

    private static async Task<Ok<PagedListResponse<WorkflowInstanceSummaryModel>>> ListAsync(InstanceQuery query, InstanceQueries instances, CancellationToken ct)
    {
        var result = await instances.ListAsync(query, ct);
        return TypedResults.Ok(new PagedListResponse<WorkflowInstanceSummaryModel>(
            result.Items.Select(WorkflowInstanceSummaryModel.From).ToList(), result.TotalCount, result.PageIndex, result.PageSize));
    }

    private static async Task<Ok<WorkflowInstanceModel>> GetAsync(string id, InstanceQueries instances, CancellationToken ct) =>
        TypedResults.Ok(WorkflowInstanceModel.From(await Require(id, instances, ct)));

    private static async Task<Ok<CancelInstanceResponse>> CancelAsync(string id, [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user, WorkflowClient runtime, InstanceQueries instances, CancellationToken ct)
    {
        await Require(id, instances, ct);
        var result = await runtime.CancelAsync(id, RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        var (status, subStatus) = ElsaStatus.Of(result.Status);
        return TypedResults.Ok(new CancelInstanceResponse(result.InstanceId, status, subStatus));
    }

    private static async Task<Ok<JournalResponse>> JournalPostAsync(string id, HttpRequest request, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        return await JournalAsync(id, Paging(RequestReading.Int(body, "page"), 0, "page"), Paging(RequestReading.Int(body, "pageSize"), 200, "pageSize"), instances, ct);
    }

    private static Task<Ok<JournalResponse>> JournalGetAsync(string id, [FromQuery] int? page, [FromQuery] int? pageSize, InstanceQueries instances, CancellationToken ct) =>
        JournalAsync(id, Paging(page, 0, "page"), Paging(pageSize, 200, "pageSize"), instances, ct);

    private static async Task<Ok<JournalResponse>> JournalAsync(string id, int page, int pageSize, InstanceQueries instances, CancellationToken ct)
    {
        var detail = await Require(id, instances, ct);
        var journal = await instances.JournalAsync(id, page, pageSize, ct);
        var s = detail.Summary;
        var records = journal.Items.SelectMany(r => JournalRecordModel.From(r, s.DefinitionId, s.DefinitionVersionId, s.Version)).ToList();
        return TypedResults.Ok(new JournalResponse(records, journal.TotalCount * 2, journal.Items.Select(ActivityExecutionModel.From).ToList()));
    }

    private static async Task<Ok<ItemsResponse<VariableModel>>> VariablesAsync(string id, InstanceQueries instances, CancellationToken ct)
    {
        var detail = await Require(id, instances, ct);
        return TypedResults.Ok(new ItemsResponse<VariableModel>(detail.State.Variables.Select(v => new VariableModel(v.Key, v.Key, v.Value)).ToList()));
    }

    private static async Task<Ok<ListResponse<ActivityExecutionModel>>> ActivityExecutionsAsync(InstanceQueries instances, CancellationToken ct,
        [FromQuery] string? workflowInstanceId, [FromQuery] string? activityNodeId, [FromQuery] string? activityId)
    {
        if (string.IsNullOrWhiteSpace(workflowInstanceId))
            throw new InvalidRequestException("INSTANCE_REQUIRED", "Query parameter 'workflowInstanceId' is required.");
        await Require(workflowInstanceId, instances, ct);
        var nodeId = activityNodeId ?? activityId;
        var records = await instances.ActivityExecutionsAsync(workflowInstanceId, nodeId?.Split(':')[^1], ct);
        return TypedResults.Ok(ListResponse<ActivityExecutionModel>.Of(records.Select(ActivityExecutionModel.From).ToList()));
    }

    private static async Task<Ok<ActivityExecutionModel>> ActivityExecutionAsync(string id, InstanceQueries instances, CancellationToken ct) =>
        TypedResults.Ok(ActivityExecutionModel.From(await instances.ActivityExecutionAsync(id, ct) ?? throw new NotFoundException($"Activity execution '{id}' does not exist.")));

    /// <summary>Per-activity execution counts for the instance viewer's badges.</summary>
    private static async Task<Ok<ActivityExecutionReportResponse>> ReportAsync(HttpRequest request, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var instanceId = RequestReading.String(body, "workflowInstanceId") ?? throw new InvalidRequestException("INSTANCE_REQUIRED", "'workflowInstanceId' is required.");
        await Require(instanceId, instances, ct);
        var wanted = StringList(body, "activityNodeIds")?.Select(n => n.Split(':')[^1]).ToHashSet();
        var records = await instances.ActivityExecutionsAsync(instanceId, null, ct);
        var stats = records.Where(r => wanted is null || wanted.Contains(r.ActivityId)).GroupBy(r => r.ActivityId).Select(g => new ActivityExecutionStatsModel(
            ActivityNodeId: g.First().ActivityNodeId ?? g.Key,
            ActivityId: g.Key,
            StartedCount: g.Count(),
            CompletedCount: g.Count(r => r.Status == ActivityStatus.Completed),
            UncompletedCount: g.Count(r => r.Status is ActivityStatus.Running or ActivityStatus.Suspended),
            IsBlocked: g.Any(r => r.Status == ActivityStatus.Suspended),
            IsFaulted: g.Any(r => r.Status == ActivityStatus.Faulted),
            Metadata: [])).ToList();
        return TypedResults.Ok(new ActivityExecutionReportResponse(stats));
    }

    private static async Task<InstanceDetail> Require(string id, InstanceQueries instances, CancellationToken ct) =>
        await instances.GetAsync(id, ct) ?? throw new NotFoundException($"Workflow instance '{id}' does not exist.", "INSTANCE_NOT_FOUND");

    private static int Paging(int? value, int fallback, string name) =>
        value switch
        {
            null => fallback,
            < 0 => throw new InvalidRequestException("PAGING_INVALID", $"'{name}' must not be negative."),
            > 1000 when name == "pageSize" => throw new InvalidRequestException("PAGING_INVALID", "'pageSize' must be at most 1000."),
            0 when name == "pageSize" => fallback,
            _ => value.Value,
        };

    private static List<string>? StringList(JsonObject body, string name) => RequestReading.Get(body, name) switch
    {
        null => null,
        JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a list of strings.")).ToList(),
        _ => throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a list of strings."),
    };

    /// <summary>Elsa's status names (Running, Finished) and sub-status names (Executing, Suspended, Faulted, ...) as our statuses.</summary>
    private static List<WorkflowStatus>? StatusFilter(IReadOnlyList<string>? statuses, IReadOnlyList<string>? subStatuses)
    {
        var result = new HashSet<WorkflowStatus>();
        foreach (var name in statuses ?? [])
        {
            if (string.Equals(name, "Running", StringComparison.OrdinalIgnoreCase))
                result.UnionWith([WorkflowStatus.Running, WorkflowStatus.Suspended]);
            else if (string.Equals(name, "Finished", StringComparison.OrdinalIgnoreCase))
                result.UnionWith([WorkflowStatus.Finished, WorkflowStatus.Faulted, WorkflowStatus.Cancelled]);
            else
                result.Add(ParseStatus(name));
        }

        foreach (var name in subStatuses ?? [])
            result.Add(name.ToLowerInvariant() is "executing" or "pending" ? WorkflowStatus.Running : ParseStatus(name));
        return result.Count == 0 ? null : result.ToList();
    }

    private static WorkflowStatus ParseStatus(string name) =>
        Enum.TryParse<WorkflowStatus>(name, ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : throw new InvalidRequestException("STATUS_INVALID", $"'{name}' is not a workflow status.");
}
