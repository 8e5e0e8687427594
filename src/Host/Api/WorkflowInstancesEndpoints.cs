using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Runtime;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api;

public static class WorkflowInstancesEndpoints
{
    public static void MapWorkflowInstances(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-instances");
        group.MapPost("", ListPostAsync);
        group.MapGet("", ListGetAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/cancel", CancelAsync);
        group.MapPost("/{id}/journal", JournalPostAsync);
        group.MapGet("/{id}/journal", JournalGetAsync);
        group.MapGet("/{id}/variables", VariablesAsync);

        var executions = api.MapGroup("/activity-executions");
        executions.MapGet("/list", ActivityExecutionsAsync);
        executions.MapGet("/{id}", ActivityExecutionAsync);
        api.MapGet("/activity-execution-summaries/list", ActivityExecutionsAsync);
        executions.MapPost("/report", ReportAsync);
    }

    private static async Task<object> ListPostAsync(HttpRequest request, InstanceQueries instances, CancellationToken ct)
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

    private static async Task<object> ListGetAsync(InstanceQueries instances, CancellationToken ct,
        [FromQuery] string? searchTerm, [FromQuery] string? definitionId, [FromQuery] string? correlationId, [FromQuery] string[]? status,
        [FromQuery] string[]? subStatus, [FromQuery] string? orderBy, [FromQuery] string? orderDirection, [FromQuery] int? page, [FromQuery] int? pageSize)
    {
        var query = new InstanceQuery(searchTerm, definitionId is null ? null : [definitionId], null, correlationId,
            StatusFilter(status is { Length: > 0 } ? status : null, subStatus is { Length: > 0 } ? subStatus : null), null, orderBy,
            !string.Equals(orderDirection, "Ascending", StringComparison.OrdinalIgnoreCase), Paging(page, 0, "page"), Paging(pageSize, 50, "pageSize"));
        return await ListAsync(query, instances, ct);
    }

    private static async Task<object> ListAsync(InstanceQuery query, InstanceQueries instances, CancellationToken ct)
    {
        var result = await instances.ListAsync(query, ct);
        return new { items = result.Items.Select(ElsaModels.InstanceSummary).ToList(), totalCount = result.TotalCount, page = result.PageIndex, pageSize = result.PageSize };
    }

    private static async Task<object> GetAsync(string id, InstanceQueries instances, CancellationToken ct) =>
        ElsaModels.Instance(await Require(id, instances, ct));

    private static async Task<object> CancelAsync(string id, HttpRequest request, WorkflowClient runtime, InstanceQueries instances, CancellationToken ct)
    {
        await Require(id, instances, ct);
        var result = await runtime.CancelAsync(id, RequestReading.IdempotencyKey(request), ct);
        return new { id = result.InstanceId, status = ElsaModels.ElsaStatus(result.Status).Status, subStatus = ElsaModels.ElsaStatus(result.Status).SubStatus };
    }

    private static async Task<object> JournalPostAsync(string id, HttpRequest request, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        return await JournalAsync(id, Paging(RequestReading.Int(body, "page"), 0, "page"), Paging(RequestReading.Int(body, "pageSize"), 200, "pageSize"), instances, ct);
    }

    private static Task<object> JournalGetAsync(string id, [FromQuery] int? page, [FromQuery] int? pageSize, InstanceQueries instances, CancellationToken ct) =>
        JournalAsync(id, Paging(page, 0, "page"), Paging(pageSize, 200, "pageSize"), instances, ct);

    private static async Task<object> JournalAsync(string id, int page, int pageSize, InstanceQueries instances, CancellationToken ct)
    {
        var detail = await Require(id, instances, ct);
        var journal = await instances.JournalAsync(id, page, pageSize, ct);
        var s = detail.Summary;
        var records = journal.Items.SelectMany(r => ElsaModels.LogRecords(r, s.DefinitionId, s.DefinitionVersionId, s.Version)).ToList();
        return new { items = records, totalCount = journal.TotalCount * 2, activityExecutions = journal.Items.Select(ElsaModels.ActivityExecution).ToList() };
    }

    private static async Task<object> VariablesAsync(string id, InstanceQueries instances, CancellationToken ct)
    {
        var detail = await Require(id, instances, ct);
        return new
        {
            items = detail.State.Variables.Select(v => new { id = v.Key, name = v.Key, value = v.Value }).ToList(),
        };
    }

    private static async Task<object> ActivityExecutionsAsync(InstanceQueries instances, CancellationToken ct,
        [FromQuery] string? workflowInstanceId, [FromQuery] string? activityNodeId, [FromQuery] string? activityId)
    {
        if (string.IsNullOrWhiteSpace(workflowInstanceId))
            throw new InvalidRequestException("INSTANCE_REQUIRED", "Query parameter 'workflowInstanceId' is required.");
        await Require(workflowInstanceId, instances, ct);
        var nodeId = activityNodeId ?? activityId;
        var records = await instances.ActivityExecutionsAsync(workflowInstanceId, nodeId?.Split(':')[^1], ct);
        return new { items = records.Select(ElsaModels.ActivityExecution).ToList(), count = records.Count };
    }

    private static async Task<object> ActivityExecutionAsync(string id, InstanceQueries instances, CancellationToken ct) =>
        ElsaModels.ActivityExecution(await instances.ActivityExecutionAsync(id, ct) ?? throw new NotFoundException($"Activity execution '{id}' does not exist."));

    /// <summary>Per-activity execution counts for the instance viewer's badges.</summary>
    private static async Task<object> ReportAsync(HttpRequest request, InstanceQueries instances, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var instanceId = RequestReading.String(body, "workflowInstanceId") ?? throw new InvalidRequestException("INSTANCE_REQUIRED", "'workflowInstanceId' is required.");
        await Require(instanceId, instances, ct);
        var wanted = StringList(body, "activityNodeIds")?.Select(n => n.Split(':')[^1]).ToHashSet();
        var records = await instances.ActivityExecutionsAsync(instanceId, null, ct);
        var stats = records.Where(r => wanted is null || wanted.Contains(r.ActivityId)).GroupBy(r => r.ActivityId).Select(g => new
        {
            activityNodeId = g.First().ActivityNodeId ?? g.Key,
            activityId = g.Key,
            startedCount = g.Count(),
            completedCount = g.Count(r => r.Status == ActivityStatus.Completed),
            uncompletedCount = g.Count(r => r.Status is ActivityStatus.Running or ActivityStatus.Suspended),
            isBlocked = g.Any(r => r.Status == ActivityStatus.Suspended),
            isFaulted = g.Any(r => r.Status == ActivityStatus.Faulted),
            metadata = new JsonObject(),
        }).ToList();
        return new { stats };
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
