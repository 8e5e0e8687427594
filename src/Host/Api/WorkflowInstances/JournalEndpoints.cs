using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExportTaxCheck.Host.Api.WorkflowInstances;

/// <summary>
/// The journal as Studio's instance viewer reads it: events in the order they happened (a flowchart's Completed after its
/// children's), with <c>nodeId</c>; paged by <c>skip</c> and <c>take</c> (or <c>page</c> and <c>pageSize</c>); filtered by
/// activity ids or node ids, excluded activity types and event names (<c>Faulted</c> alone: the incidents).
/// </summary>
public static class JournalEndpoints
{
    private const int DefaultTake = 200;

    public static void MapJournal(this RouteGroupBuilder api)
    {
        api.MapPost("/workflow-instances/{id}/journal", PostAsync).ProducesProblems(400, 404, 413);
        api.MapGet("/workflow-instances/{id}/journal", GetAsync).ProducesProblems(400, 404);
    }

    private static async Task<Ok<JournalResponse>> PostAsync(string id, HttpRequest request, InstanceQueries instances, CancellationToken ct,
        [FromQuery] int? skip, [FromQuery] int? take)
    {
        var body = await RequestReading.ReadObjectAsync(request, allowEmpty: true, ct);
        var filter = RequestReading.Get(body, "filter") switch
        {
            null => body.ContainsKey("eventNames") || body.ContainsKey("activityIds") || body.ContainsKey("activityNodeIds") || body.ContainsKey("excludedActivityTypes") ? body : null,
            JsonObject f => f,
            _ => throw new InvalidRequestException("FIELD_INVALID", "'filter' must be an object { activityIds, activityNodeIds, excludedActivityTypes, eventNames }."),
        };
        var (from, count) = Window(skip ?? RequestReading.Int(body, "skip"), take ?? RequestReading.Int(body, "take"), RequestReading.Int(body, "page"), RequestReading.Int(body, "pageSize"));
        return await JournalAsync(id, ReadFilter(filter), from, count, instances, ct);
    }

    private static Task<Ok<JournalResponse>> GetAsync(string id, InstanceQueries instances, CancellationToken ct,
        [FromQuery] int? skip, [FromQuery] int? take, [FromQuery] int? page, [FromQuery] int? pageSize)
    {
        var (from, count) = Window(skip, take, page, pageSize);
        return JournalAsync(id, new JournalFilter(), from, count, instances, ct);
    }

    private static async Task<Ok<JournalResponse>> JournalAsync(string id, JournalFilter filter, int skip, int take, InstanceQueries instances, CancellationToken ct)
    {
        var detail = await InstanceRequests.RequireAsync(id, instances, ct);
        var log = await instances.LogAsync(id, filter, skip, take, ct);
        var executions = await instances.ActivityExecutionsByIdAsync(log.Items.Select(r => r.ActivityExecutionId).OfType<string>().Distinct(StringComparer.Ordinal).ToList(), ct);
        var records = log.Items.Select(r => JournalRecordModel.From(r, detail.Summary, r.ActivityExecutionId is { } e ? executions.GetValueOrDefault(e) : null)).ToList();
        return TypedResults.Ok(new JournalResponse(records, log.TotalCount, take == 0 ? 0 : skip / take, take,
            executions.Values.OrderBy(r => r.Sequence).Select(ActivityExecutionModel.From).ToList()));
    }

    /// <summary>skip/take as Studio sends them, else page/pageSize; the first 200 events when neither is given.</summary>
    private static (int Skip, int Take) Window(int? skip, int? take, int? page, int? pageSize)
    {
        if (skip is not null || take is not null)
            return (InstanceRequests.Paging(skip, 0, "skip"), InstanceRequests.Paging(take, DefaultTake, "take"));
        var size = InstanceRequests.Paging(pageSize, DefaultTake, "pageSize");
        return (InstanceRequests.Paging(page, 0, "page") * size, size);
    }

    private static JournalFilter ReadFilter(JsonObject? filter) => filter is null
        ? new JournalFilter()
        : new JournalFilter(
            InstanceRequests.StringList(filter, "activityIds"),
            InstanceRequests.StringList(filter, "activityNodeIds"),
            InstanceRequests.StringList(filter, "excludedActivityTypes"),
            InstanceRequests.StringList(filter, "eventNames"));
}
