using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Activities.Http;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Http;

/// <summary>
/// Requests for HTTP workflows, as Elsa's HTTP middleware serves them: the published HttpEndpoint triggers on the
/// request's path and method start an instance; otherwise the HttpEndpoint bookmark waiting on them (narrowed by
/// <c>workflowInstanceId</c> or <c>correlationId</c>) is resumed. The Host matches the path against the templates
/// (<see cref="RoutesAsync"/>) and hands the request over as an <see cref="HttpExchange"/>.
/// </summary>
public sealed class HttpWorkflows(IDbContextFactory<WorkflowDbContext> dbFactory, WorkflowClient client, WorkflowGraphCache graphs)
{
    /// <summary>The path templates HttpEndpoint activities listen on now (published triggers and waiting bookmarks).</summary>
    public async Task<IReadOnlyList<string>> RoutesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payloads = await db.Triggers.AsNoTracking().Where(t => t.Name == HttpEndpoint.BookmarkName).Select(t => t.Payload)
            .Concat(db.Bookmarks.AsNoTracking().Where(b => b.Name == HttpEndpoint.BookmarkName && b.Status == BookmarkStatus.Active).Select(b => b.Payload))
            .Distinct().ToListAsync(ct);
        return payloads.Select(p => p is null ? null : JsonNode.Parse(p)?["path"]?.GetValue<string>())
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Finds what the request is for: a trigger (preferred, as Elsa does) or one waiting bookmark.</summary>
    public async Task<HttpWorkflowMatch> MatchAsync(string route, string method, string? instanceId, string? correlationId, CancellationToken ct)
    {
        var hash = BookmarkHash.Compute(HttpEndpoint.BookmarkName, HttpEndpoint.Stimulus(route, method));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var triggers = await db.Triggers.AsNoTracking().Where(t => t.Hash == hash).ToListAsync(ct);
        if (triggers.Count > 1)
            return new(HttpWorkflowOutcomeKind.Ambiguous, null, null, false, null, triggers.Select(t => t.DefinitionId).ToList());
        if (triggers.Count == 1)
        {
            var version = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == triggers[0].DefinitionVersionId, ct);
            var (authorize, policy) = version is null ? (false, null) : await AccessOfAsync(version, triggers[0].ActivityId, ct);
            return new(HttpWorkflowOutcomeKind.Started, triggers[0], null, authorize, policy);
        }

        var query = db.Bookmarks.AsNoTracking().Where(b => b.Hash == hash && b.Status == BookmarkStatus.Active);
        if (instanceId is not null)
            query = query.Where(b => b.InstanceId == instanceId);
        if (correlationId is not null)
            query = query.Where(b => b.CorrelationId == correlationId);
        var bookmarks = await query.Take(2).ToListAsync(ct);
        if (bookmarks.Count > 1)
            return new(HttpWorkflowOutcomeKind.Ambiguous, null, null, false, null, bookmarks.Select(b => b.InstanceId).Distinct(StringComparer.Ordinal).ToList());
        if (bookmarks.Count == 0)
            return new(HttpWorkflowOutcomeKind.NotFound, null, null, false, null);
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == bookmarks[0].InstanceId, ct);
        var instanceVersion = instance is null ? null : await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == instance.DefinitionVersionId, ct);
        var (needsAuth, needsPolicy) = instanceVersion is null ? (false, null) : await AccessOfAsync(instanceVersion, bookmarks[0].ActivityId, ct);
        return new(HttpWorkflowOutcomeKind.Resumed, null, bookmarks[0], needsAuth, needsPolicy);
    }

    /// <summary>Starts or resumes what the request matched; the workflow's response, if any, is in <paramref name="exchange"/>.</summary>
    public async Task<WorkflowRunResult> RunAsync(HttpWorkflowMatch match, HttpExchange exchange, string? correlationId, string? instanceId, string? idempotencyKey, CancellationToken ct)
    {
        HttpExchange.Current = exchange;
        if (match.Trigger is { } trigger)
        {
            var input = new JsonObject { ["HttpContext"] = true, ["Path"] = exchange.Request["path"]?.DeepClone() };
            return await client.StartAsync(new StartWorkflowRequest(trigger.DefinitionId, VersionOptions.Published, input, correlationId, instanceId,
                trigger.ActivityId, IdempotencyKey: idempotencyKey), ct);
        }
        return await client.ResumeBookmarkAsync(match.Bookmark!.Id, exchange.Request, idempotencyKey, ct);
    }

    /// <summary>The endpoint's Authorize and Policy as the definition writes them (literals; anything else is not required).</summary>
    private async Task<(bool Authorize, string? Policy)> AccessOfAsync(WorkflowDefinitionRecord version, string activityId, CancellationToken ct)
    {
        var graph = await graphs.GetAsync(version, ct);
        if (!graph.TryGetActivity(activityId, out var activity) || activity is not HttpEndpoint endpoint)
            return (false, null);
        var authorize = StaticInputs.Literal(endpoint.Authorize) is { } text && bool.TryParse(text, out var flag) && flag
                        || endpoint.Authorize.Expression?.Value is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return (authorize, StaticInputs.Literal(endpoint.Policy) is { Length: > 0 } policy ? policy : null);
    }
}
