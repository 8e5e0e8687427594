using System.Text;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Engine.Runtime;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api;

public sealed record WorkflowDefinitionSummaryDto(
    string Id,
    string DefinitionId,
    string? Name,
    string? Description,
    int Version,
    bool IsLatest,
    bool IsPublished,
    string ProviderName,
    string MaterializerName,
    DateTimeOffset CreatedAt,
    bool IsReadonly,
    bool IsSystem,
    JsonArray Links)
{
    public static WorkflowDefinitionSummaryDto From(DefinitionSummary s) =>
        new(s.Id, s.DefinitionId, s.Name, s.Description, s.Version, s.IsLatest, s.IsPublished, "Default", "Json", s.CreatedAt, false, false, ElsaLinks.ForDefinition(s.DefinitionId));
}

public sealed record PagedListDto<T>(IReadOnlyList<T> Items, long TotalCount, int? Page, int? PageSize, JsonArray? Links = null);

public sealed record ListDto<T>(IReadOnlyList<T> Items, int Count);

public sealed record SaveDefinitionResponse(JsonObject WorkflowDefinition, bool AlreadyPublished, int ConsumingWorkflowCount, IReadOnlyList<string> ValidationErrors);

public static class WorkflowDefinitionsEndpoints
{
    public static void MapWorkflowDefinitions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-definitions");

        group.MapGet("", ListAsync).WithName("ListWorkflowDefinitions");
        group.MapGet("/by-definition-id/{definitionId}", GetByDefinitionIdAsync);
        group.MapGet("/by-id/{id}", GetByIdAsync);
        group.MapGet("/{definitionId}/versions", VersionsAsync);
        group.MapGet("/validation/is-name-unique", IsNameUniqueAsync);
        group.MapPost("", SaveAsync);
        group.MapPost("/{definitionId}/publish", PublishAsync);
        group.MapPost("/{definitionId}/retract", RetractAsync);
        group.MapDelete("/{definitionId}", DeleteAsync);
        group.MapPost("/import", ImportAsync);
        group.MapGet("/{definitionId}/export", ExportAsync);
        group.MapGet("/by-id/{id}/export", ExportVersionAsync);
        group.MapPost("/{definitionId}/execute", ExecuteAsync);
        group.MapPost("/{definitionId}/dispatch", DispatchAsync);

        api.MapDelete("/workflow-definition-versions/{id}", DeleteVersionAsync);
        var bulk = api.MapGroup("/bulk-actions");
        bulk.MapPost("/publish/workflow-definitions/by-definition-ids", BulkPublishAsync);
        bulk.MapPost("/retract/workflow-definitions/by-definition-ids", BulkRetractAsync);
        bulk.MapPost("/delete/workflow-definitions/by-definition-id", BulkDeleteAsync);
    }

    private static async Task<IResult> DeleteVersionAsync(string id, DefinitionService definitions, CancellationToken ct)
    {
        await definitions.DeleteVersionAsync(id, ct);
        return Results.NoContent();
    }

    private static async Task<object> BulkPublishAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
    {
        List<string> published = [], alreadyPublished = [], notFound = [], failed = [];
        foreach (var id in await DefinitionIdsAsync(request, ct))
        {
            var latest = await definitions.FindRecordAsync(id, VersionOptions.Latest, ct);
            if (latest is null)
                notFound.Add(id);
            else if (latest.IsPublished)
                alreadyPublished.Add(id);
            else
            {
                try
                {
                    await definitions.PublishAsync(id, ct);
                    published.Add(id);
                }
                catch (DefinitionValidationException)
                {
                    failed.Add(id);
                }
            }
        }
        return new { published, alreadyPublished, notFound, failed, updatedConsumers = Array.Empty<string>() };
    }

    private static async Task<object> BulkRetractAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
    {
        List<string> retracted = [], alreadyRetracted = [], notFound = [];
        foreach (var id in await DefinitionIdsAsync(request, ct))
        {
            if (await definitions.FindRecordAsync(id, VersionOptions.Latest, ct) is null)
                notFound.Add(id);
            else if (await definitions.FindRecordAsync(id, VersionOptions.Published, ct) is null)
                alreadyRetracted.Add(id);
            else
            {
                await definitions.RetractAsync(id, ct);
                retracted.Add(id);
            }
        }
        return new { retracted, alreadyRetracted, notFound };
    }

    private static async Task<object> BulkDeleteAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var id in await DefinitionIdsAsync(request, ct))
        {
            try
            {
                await definitions.DeleteAsync(id, ct);
                deleted++;
            }
            catch (ProblemException)
            {
                // Unknown, or in use: left as it is and not counted.
            }
        }
        return new { deleted };
    }

    private static async Task<List<string>> DefinitionIdsAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return RequestReading.StringList(body, "definitionIds") ?? throw new InvalidRequestException("FIELD_REQUIRED", "'definitionIds' is required.");
    }

    private static async Task<PagedListDto<WorkflowDefinitionSummaryDto>> ListAsync(
        DefinitionService definitions, CancellationToken ct,
        [FromQuery] string? versionOptions, [FromQuery] int? page, [FromQuery] int? pageSize, [FromQuery] string? searchTerm,
        [FromQuery] bool? isSystem, [FromQuery] string? orderBy, [FromQuery] string? orderDirection, [FromQuery] string[]? definitionIds,
        [FromQuery] string[]? ids)
    {
        if (page < 0 || pageSize is < 1 or > 500)
            throw new InvalidRequestException("PAGING_INVALID", "page must be ≥ 0 and pageSize between 1 and 500.");
        var query = new DefinitionQuery(
            SearchTerm: searchTerm,
            // Studio sends an empty versionOptions with version ids to resolve instance rows: all versions then.
            Versions: versionOptions is null ? VersionOptions.Latest : RequestReading.Versions(versionOptions) ?? VersionOptions.All,
            DefinitionIds: definitionIds,
            VersionIds: ids,
            IsSystem: isSystem == true ? true : null,
            OrderBy: orderBy,
            Descending: string.Equals(orderDirection, "Descending", StringComparison.OrdinalIgnoreCase),
            Page: page ?? 0,
            PageSize: pageSize ?? 100);
        var result = await definitions.ListAsync(query, ct);
        return new PagedListDto<WorkflowDefinitionSummaryDto>(result.Items.Select(WorkflowDefinitionSummaryDto.From).ToList(), result.TotalCount, page, pageSize, ElsaLinks.ForList());
    }

    private static async Task<JsonObject> GetByDefinitionIdAsync(string definitionId, [FromQuery] string? versionOptions, DefinitionService definitions, CancellationToken ct) =>
        ElsaLinks.Linked(await FindAsync(definitionId, versionOptions, definitions, ct));

    private static async Task<WorkflowDefinitionModel> FindAsync(string definitionId, string? versionOptions, DefinitionService definitions, CancellationToken ct) =>
        await definitions.FindAsync(definitionId, RequestReading.Versions(versionOptions) ?? VersionOptions.LatestOrPublished, ct)
        ?? throw new NotFoundException($"Workflow definition '{definitionId}' has no {(versionOptions ?? "latest or published").ToLowerInvariant()} version.", "DEFINITION_NOT_FOUND");

    private static async Task<JsonObject> GetByIdAsync(string id, DefinitionService definitions, CancellationToken ct) =>
        ElsaLinks.Linked(await FindByIdAsync(id, definitions, ct));

    private static async Task<WorkflowDefinitionModel> FindByIdAsync(string id, DefinitionService definitions, CancellationToken ct) =>
        await definitions.FindByIdAsync(id, ct) ?? throw new NotFoundException($"Workflow definition version '{id}' does not exist.", "DEFINITION_NOT_FOUND");

    private static async Task<ListDto<WorkflowDefinitionSummaryDto>> VersionsAsync(string definitionId, DefinitionService definitions, CancellationToken ct)
    {
        var versions = await definitions.ListVersionsAsync(definitionId, ct);
        if (versions.Count == 0)
            throw new NotFoundException($"Workflow definition '{definitionId}' does not exist.", "DEFINITION_NOT_FOUND");
        return new ListDto<WorkflowDefinitionSummaryDto>(versions.Select(WorkflowDefinitionSummaryDto.From).ToList(), versions.Count);
    }

    private static async Task<object> IsNameUniqueAsync([FromQuery] string? name, [FromQuery] string? definitionId, DefinitionService definitions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidRequestException("NAME_REQUIRED", "Query parameter 'name' is required.");
        return new { isUnique = await definitions.IsNameUniqueAsync(name, definitionId, ct) };
    }

    /// <summary>Studio's save: <c>{ model, publish }</c>. The latest draft is updated, or a new version is made.</summary>
    private static async Task<IResult> SaveAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        var modelNode = RequestReading.Get(body, "model") ?? body;
        var model = RequestReading.ReadDefinition(modelNode, "'model'");
        var publish = RequestReading.Bool(body, "publish") ?? false;
        var wasPublished = !string.IsNullOrWhiteSpace(model.DefinitionId)
                           && (await definitions.FindRecordAsync(model.DefinitionId, VersionOptions.Published, ct)) is { } published
                           && publish && published.ContentHash == DefinitionService.ContentHash(model);
        var result = await definitions.SaveAsync(model, publish, ct);
        var response = new SaveDefinitionResponse(ElsaLinks.Linked(result.Definition), wasPublished, 0, result.ValidationErrors.Select(e => e.Message).ToList());
        return Results.Ok(response);
    }

    private static async Task<SaveDefinitionResponse> PublishAsync(string definitionId, DefinitionService definitions, CancellationToken ct)
    {
        var before = await definitions.FindRecordAsync(definitionId, VersionOptions.Latest, ct)
                     ?? throw new NotFoundException($"Workflow definition '{definitionId}' does not exist.", "DEFINITION_NOT_FOUND");
        var published = await definitions.PublishAsync(definitionId, ct);
        return new SaveDefinitionResponse(ElsaLinks.Linked(published), before.IsPublished, 0, []);
    }

    private static async Task<JsonObject> RetractAsync(string definitionId, DefinitionService definitions, CancellationToken ct) =>
        ElsaLinks.Linked(await definitions.RetractAsync(definitionId, ct));

    private static async Task<IResult> DeleteAsync(string definitionId, DefinitionService definitions, CancellationToken ct)
    {
        await definitions.DeleteAsync(definitionId, ct);
        return Results.NoContent();
    }

    /// <summary>Imports one definition file (the body is the Elsa JSON); it is published, as a new version when it changed.</summary>
    private static async Task<IResult> ImportAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
    {
        var node = await RequestReading.ReadNodeAsync(request, ct);
        var model = RequestReading.ReadDefinition(node, "The request body");
        var (definition, outcome) = await definitions.ImportAsync(model, ct);
        return outcome == "created"
            ? Results.Created($"{ElsaApi.Prefix}/workflow-definitions/by-id/{definition.Id}", ElsaLinks.Linked(definition))
            : Results.Ok(ElsaLinks.Linked(definition));
    }

    private static async Task<IResult> ExportAsync(string definitionId, [FromQuery] string? versionOptions, DefinitionService definitions, CancellationToken ct) =>
        File(await FindAsync(definitionId, versionOptions, definitions, ct));

    private static async Task<IResult> ExportVersionAsync(string id, DefinitionService definitions, CancellationToken ct) =>
        File(await FindByIdAsync(id, definitions, ct));

    private static IResult File(WorkflowDefinitionModel model)
    {
        var name = string.Concat((model.Name ?? model.DefinitionId).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        return Results.File(Encoding.UTF8.GetBytes(WorkflowJson.Serialize(model, indented: true)), "application/json", $"{name}.json");
    }

    /// <summary>Runs a new instance until it waits or ends and answers with its state.</summary>
    private static async Task<IResult> ExecuteAsync(string definitionId, HttpRequest request, WorkflowClient runtime, InstanceQueries instances, CancellationToken ct)
    {
        var start = await ReadStartAsync(definitionId, request, ct);
        var result = await runtime.StartAsync(start, ct);
        var detail = await instances.GetAsync(result.InstanceId, ct);
        // Studio's Run button reads these headers, not the body.
        request.HttpContext.Response.Headers["x-elsa-workflow-instance-id"] = result.InstanceId;
        request.HttpContext.Response.Headers["x-elsa-workflow-cannot-start"] = "False";
        request.HttpContext.Response.Headers["x-elsa-response"] = "true";
        return Results.Ok(new { workflowState = ElsaModels.WorkflowState(detail!) });
    }

    private static async Task<object> DispatchAsync(string definitionId, HttpRequest request, WorkflowClient runtime, CancellationToken ct)
    {
        var start = await ReadStartAsync(definitionId, request, ct);
        var result = await runtime.DispatchAsync(start, ct);
        return new { workflowInstanceId = result.InstanceId };
    }

    private static async Task<StartWorkflowRequest> ReadStartAsync(string definitionId, HttpRequest request, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var versions = RequestReading.Get(body, "versionOptions") switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => RequestReading.Versions(s),
            JsonObject o when RequestReading.Int(o, "version") is { } version => VersionOptions.SpecificVersion(version),
            JsonObject o when RequestReading.Bool(o, "isLatest") == true => VersionOptions.Latest,
            JsonObject o when RequestReading.Bool(o, "isPublished") == true => VersionOptions.Published,
            JsonObject => VersionOptions.LatestOrPublished,
            _ => throw new InvalidRequestException("VERSION_OPTIONS_INVALID", "'versionOptions' must be a string such as \"Latest\" or \"Published\"."),
        };
        return new StartWorkflowRequest(
            definitionId,
            versions,
            RequestReading.Object(body, "input"),
            RequestReading.String(body, "correlationId"),
            RequestReading.String(body, "instanceId"),
            RequestReading.String(body, "triggerActivityId"),
            RequestReading.String(body, "name"),
            RequestReading.IdempotencyKey(request));
    }
}
