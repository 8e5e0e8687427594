using System.Text;
using System.Text.Json.Nodes;
using ExportTaxCheck.Host.Api.Elsa;
using ExportTaxCheck.Host.Api.WorkflowInstances;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.WorkflowDefinitions;

/// <summary>
/// Elsa's workflow-definition endpoints: list, versions, save, publish, retract, delete, import, export, and running a
/// definition. A definition itself is answered as the engine writes Elsa's JSON (<see cref="WorkflowJson"/>) plus links.
/// </summary>
public static class WorkflowDefinitionsEndpoints
{
    public static void MapWorkflowDefinitions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-definitions");

        group.MapGet("", ListAsync).WithName("ListWorkflowDefinitions").ProducesProblems(400);
        group.MapGet("/by-definition-id/{definitionId}", GetByDefinitionIdAsync).ProducesProblems(400, 404);
        group.MapGet("/by-id/{id}", GetByIdAsync).ProducesProblems(404);
        group.MapGet("/{definitionId}/versions", VersionsAsync).ProducesProblems(404);
        group.MapGet("/validation/is-name-unique", IsNameUniqueAsync).ProducesProblems(400);
        group.MapPost("", SaveAsync).ProducesProblems(400, 413);
        group.MapPost("/{definitionId}/publish", PublishAsync).ProducesProblems(400, 404);
        group.MapPost("/{definitionId}/retract", RetractAsync).ProducesProblems(404, 409);
        group.MapDelete("/{definitionId}", DeleteAsync).ProducesProblems(404, 409);
        group.MapPost("/import", ImportAsync).ProducesProblems(400, 413);
        // The file Studio downloads: the definition's JSON as an attachment named after it.
        group.MapGet("/{definitionId}/export", ExportAsync).Produces<Stream>(StatusCodes.Status200OK, "application/json").ProducesProblems(400, 404);
        group.MapGet("/by-id/{id}/export", ExportVersionAsync).Produces<Stream>(StatusCodes.Status200OK, "application/json").ProducesProblems(404);
        group.MapPost("/{definitionId}/execute", ExecuteAsync).ProducesProblems(400, 404, 409, 413, 422);
        group.MapPost("/{definitionId}/dispatch", DispatchAsync).ProducesProblems(400, 404, 409, 413, 422);

        api.MapDelete("/workflow-definition-versions/{id}", DeleteVersionAsync).ProducesProblems(404, 409);
        var bulk = api.MapGroup("/bulk-actions");
        bulk.MapPost("/publish/workflow-definitions/by-definition-ids", BulkPublishAsync).ProducesProblems(400, 413);
        bulk.MapPost("/retract/workflow-definitions/by-definition-ids", BulkRetractAsync).ProducesProblems(400, 413);
        bulk.MapPost("/delete/workflow-definitions/by-definition-id", BulkDeleteAsync).ProducesProblems(400, 413);
    }

    private static async Task<NoContent> DeleteVersionAsync(string id, DefinitionService definitions, CancellationToken ct)
    {
        await definitions.DeleteVersionAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BulkPublishResponse>> BulkPublishAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
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
        return TypedResults.Ok(new BulkPublishResponse(published, alreadyPublished, notFound, failed, UpdatedConsumers: []));
    }

    private static async Task<Ok<BulkRetractResponse>> BulkRetractAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
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
        return TypedResults.Ok(new BulkRetractResponse(retracted, alreadyRetracted, notFound));
    }

    private static async Task<Ok<BulkDeleteResponse>> BulkDeleteAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
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
        return TypedResults.Ok(new BulkDeleteResponse(deleted));
    }

    private static async Task<List<string>> DefinitionIdsAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: false, ct);
        return RequestReading.StringList(body, "definitionIds") ?? throw new InvalidRequestException("FIELD_REQUIRED", "'definitionIds' is required.");
    }

    private static async Task<Ok<PagedListResponse<WorkflowDefinitionSummaryModel>>> ListAsync(
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
        return TypedResults.Ok(new PagedListResponse<WorkflowDefinitionSummaryModel>(
            result.Items.Select(WorkflowDefinitionSummaryModel.From).ToList(), result.TotalCount, page, pageSize, ElsaLinks.ForList()));
    }

    private static async Task<Ok<JsonObject>> GetByDefinitionIdAsync(string definitionId, [FromQuery] string? versionOptions, DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(ElsaLinks.Linked(await FindAsync(definitionId, versionOptions, definitions, ct)));

    private static async Task<WorkflowDefinitionModel> FindAsync(string definitionId, string? versionOptions, DefinitionService definitions, CancellationToken ct) =>
        await definitions.FindAsync(definitionId, RequestReading.Versions(versionOptions) ?? VersionOptions.LatestOrPublished, ct)
        ?? throw new NotFoundException($"Workflow definition '{definitionId}' has no {(versionOptions ?? "latest or published").ToLowerInvariant()} version.", "DEFINITION_NOT_FOUND");

    private static async Task<Ok<JsonObject>> GetByIdAsync(string id, DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(ElsaLinks.Linked(await FindByIdAsync(id, definitions, ct)));

    private static async Task<WorkflowDefinitionModel> FindByIdAsync(string id, DefinitionService definitions, CancellationToken ct) =>
        await definitions.FindByIdAsync(id, ct) ?? throw new NotFoundException($"Workflow definition version '{id}' does not exist.", "DEFINITION_NOT_FOUND");

    private static async Task<Ok<ListResponse<WorkflowDefinitionSummaryModel>>> VersionsAsync(string definitionId, DefinitionService definitions, CancellationToken ct)
    {
        var versions = await definitions.ListVersionsAsync(definitionId, ct);
        if (versions.Count == 0)
            throw new NotFoundException($"Workflow definition '{definitionId}' does not exist.", "DEFINITION_NOT_FOUND");
        return TypedResults.Ok(ListResponse<WorkflowDefinitionSummaryModel>.Of(versions.Select(WorkflowDefinitionSummaryModel.From).ToList()));
    }

    private static async Task<Ok<IsNameUniqueResponse>> IsNameUniqueAsync([FromQuery] string? name, [FromQuery] string? definitionId, DefinitionService definitions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidRequestException("NAME_REQUIRED", "Query parameter 'name' is required.");
        return TypedResults.Ok(new IsNameUniqueResponse(await definitions.IsNameUniqueAsync(name, definitionId, ct)));
    }

    /// <summary>Studio's save: <c>{ model, publish }</c>. The latest draft is updated, or a new version is made.</summary>
    private static async Task<Ok<SaveDefinitionResponse>> SaveAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
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
        return TypedResults.Ok(response);
    }

    private static async Task<Ok<SaveDefinitionResponse>> PublishAsync(string definitionId, DefinitionService definitions, CancellationToken ct)
    {
        var before = await definitions.FindRecordAsync(definitionId, VersionOptions.Latest, ct)
                     ?? throw new NotFoundException($"Workflow definition '{definitionId}' does not exist.", "DEFINITION_NOT_FOUND");
        var published = await definitions.PublishAsync(definitionId, ct);
        return TypedResults.Ok(new SaveDefinitionResponse(ElsaLinks.Linked(published), before.IsPublished, 0, []));
    }

    private static async Task<Ok<JsonObject>> RetractAsync(string definitionId, DefinitionService definitions, CancellationToken ct) =>
        TypedResults.Ok(ElsaLinks.Linked(await definitions.RetractAsync(definitionId, ct)));

    private static async Task<NoContent> DeleteAsync(string definitionId, DefinitionService definitions, CancellationToken ct)
    {
        await definitions.DeleteAsync(definitionId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Imports one definition file (the body is the Elsa JSON); it is published, as a new version when it changed.</summary>
    private static async Task<Results<Created<JsonObject>, Ok<JsonObject>>> ImportAsync(HttpRequest request, DefinitionService definitions, CancellationToken ct)
    {
        var node = await RequestReading.ReadNodeAsync(request, ct);
        var model = RequestReading.ReadDefinition(node, "The request body");
        var (definition, outcome) = await definitions.ImportAsync(model, ct);
        return outcome == "created"
            ? TypedResults.Created($"{ElsaApi.Prefix}/workflow-definitions/by-id/{definition.Id}", ElsaLinks.Linked(definition))
            : TypedResults.Ok(ElsaLinks.Linked(definition));
    }

    private static async Task<FileContentHttpResult> ExportAsync(string definitionId, [FromQuery] string? versionOptions, DefinitionService definitions, CancellationToken ct) =>
        File(await FindAsync(definitionId, versionOptions, definitions, ct));

    private static async Task<FileContentHttpResult> ExportVersionAsync(string id, DefinitionService definitions, CancellationToken ct) =>
        File(await FindByIdAsync(id, definitions, ct));

    private static FileContentHttpResult File(WorkflowDefinitionModel model)
    {
        var name = string.Concat((model.Name ?? model.DefinitionId).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        return TypedResults.File(Encoding.UTF8.GetBytes(WorkflowJson.Serialize(model, indented: true)), "application/json", $"{name}.json");
    }

    /// <summary>Runs a new instance until it waits or ends and answers with its state.</summary>
    private static async Task<Ok<ExecuteWorkflowResponse>> ExecuteAsync(string definitionId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, WorkflowClient runtime, InstanceQueries instances, CancellationToken ct)
    {
        var start = await ReadStartAsync(definitionId, request, idempotencyKey, ct);
        var result = await runtime.StartAsync(start, ct);
        var detail = await instances.GetAsync(result.InstanceId, ct);
        // Studio's Run button reads these headers, not the body.
        request.HttpContext.Response.Headers["x-elsa-workflow-instance-id"] = result.InstanceId;
        request.HttpContext.Response.Headers["x-elsa-workflow-cannot-start"] = "False";
        request.HttpContext.Response.Headers["x-elsa-response"] = "true";
        return TypedResults.Ok(new ExecuteWorkflowResponse(WorkflowStateModel.From(detail!)));
    }

    private static async Task<Ok<DispatchWorkflowResponse>> DispatchAsync(string definitionId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, WorkflowClient runtime, CancellationToken ct)
    {
        var start = await ReadStartAsync(definitionId, request, idempotencyKey, ct);
        var result = await runtime.DispatchAsync(start, ct);
        return TypedResults.Ok(new DispatchWorkflowResponse(result.InstanceId));
    }

    private static async Task<StartWorkflowRequest> ReadStartAsync(string definitionId, HttpRequest request, string? idempotencyKey, CancellationToken ct)
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
            RequestReading.IdempotencyKey(idempotencyKey, request.HttpContext.User),
            Properties: RequestReading.Object(body, "properties"));
    }
}
