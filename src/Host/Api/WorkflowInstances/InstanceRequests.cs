using System.Text.Json.Nodes;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>Reading what the instance endpoints are asked: paging, statuses, id lists, the instance itself.</summary>
internal static class InstanceRequests
{
    public static async Task<InstanceDetail> RequireAsync(string id, InstanceQueries instances, CancellationToken ct) =>
        await instances.GetAsync(id, ct) ?? throw new NotFoundException($"Workflow instance '{id}' does not exist.", "INSTANCE_NOT_FOUND");

    public static int Paging(int? value, int fallback, string name) =>
        value switch
        {
            null => fallback,
            < 0 => throw new InvalidRequestException("PAGING_INVALID", $"'{name}' must not be negative."),
            > 1000 when name is "pageSize" or "take" => throw new InvalidRequestException("PAGING_INVALID", $"'{name}' must be at most 1000."),
            0 when name == "pageSize" => fallback,
            _ => value.Value,
        };

    public static List<string>? StringList(JsonObject body, string name) => RequestReading.Get(body, name) switch
    {
        null => null,
        JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a list of strings.")).ToList(),
        _ => throw new InvalidRequestException("FIELD_INVALID", $"'{name}' must be a list of strings."),
    };

    /// <summary>
    /// The instances a bulk action names: <c>ids</c>, or every instance of <c>definitionId</c> / <c>definitionVersionId</c>
    /// (with <paramref name="statuses"/> when given); one of them is required.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SelectedAsync(JsonObject body, InstanceQueries instances, IReadOnlyList<WorkflowStatus>? statuses, CancellationToken ct)
    {
        if (StringList(body, "ids") is { } ids)
        {
            if (ids.Count > 1000)
                throw new InvalidRequestException("FIELD_INVALID", "'ids' may name at most 1000 instances at once.");
            return ids.Distinct(StringComparer.Ordinal).ToList();
        }

        var definitionId = RequestReading.String(body, "definitionId") ?? RequestReading.String(body, "workflowDefinitionId");
        var versionId = RequestReading.String(body, "definitionVersionId");
        if (definitionId is null && versionId is null)
            throw new InvalidRequestException("FIELD_REQUIRED", "'ids', 'definitionId' or 'definitionVersionId' is required.");
        var page = await instances.ListAsync(new InstanceQuery(DefinitionIds: definitionId is null ? null : [definitionId], DefinitionVersionId: versionId,
            Statuses: statuses, PageSize: 500), ct);
        return page.Items.Select(i => i.Id).ToList();
    }

    /// <summary>Elsa's status names (Running, Finished) and sub-status names (Executing, Suspended, Faulted, ...) as our statuses.</summary>
    public static List<WorkflowStatus>? StatusFilter(IReadOnlyList<string>? statuses, IReadOnlyList<string>? subStatuses)
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
