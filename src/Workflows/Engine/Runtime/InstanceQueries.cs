using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Runtime;

/// <summary>Read side of instances. Lists project columns only; the state blob is read for one instance at a time.</summary>
public sealed class InstanceQueries(IDbContextFactory<WorkflowDbContext> dbFactory)
{
    public async Task<Page<InstanceSummary>> ListAsync(InstanceQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.WorkflowInstances.AsNoTracking();
        if (query.DefinitionIds is { Count: > 0 } definitionIds)
            rows = rows.Where(i => definitionIds.Contains(i.DefinitionId));
        if (query.DefinitionVersionId is { } versionId)
            rows = rows.Where(i => i.DefinitionVersionId == versionId);
        if (query.CorrelationId is { } correlationId)
            rows = rows.Where(i => i.CorrelationId == correlationId);
        if (query.Statuses is { Count: > 0 } statuses)
            rows = rows.Where(i => statuses.Contains(i.Status));
        if (query.HasIncidents is { } hasIncidents)
            rows = hasIncidents ? rows.Where(i => i.IncidentCount > 0) : rows.Where(i => i.IncidentCount == 0);
        if (!string.IsNullOrWhiteSpace(query.SearchTerm))
        {
            var term = query.SearchTerm.Trim();
            var lower = term.ToLowerInvariant();
#pragma warning disable MA0011 // ToLower is translated to SQL LOWER(); no culture of this process applies.
            rows = rows.Where(i => i.Id == term || i.CorrelationId == term || (i.Name != null && i.Name.ToLower().Contains(lower)) || i.DefinitionId == term);
#pragma warning restore MA0011
        }

        var total = await rows.LongCountAsync(ct);
        rows = (query.OrderBy?.ToLowerInvariant(), query.Descending) switch
        {
            ("updatedat" or "updated", true) => rows.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id),
            ("updatedat" or "updated", false) => rows.OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id),
            ("finishedat" or "finished", true) => rows.OrderByDescending(i => i.FinishedAt).ThenByDescending(i => i.Id),
            ("finishedat" or "finished", false) => rows.OrderBy(i => i.FinishedAt).ThenBy(i => i.Id),
            (_, true) => rows.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id),
            _ => rows.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var page = Math.Max(0, query.Page);
        var items = await rows.Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersionId, i.DefinitionVersion, i.Name, i.CorrelationId, i.Status,
                i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
            .ToListAsync(ct);
        return new Page<InstanceSummary>(items, total, page, pageSize);
    }

    public async Task<InstanceDetail?> GetAsync(string instanceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(x => x.Id == instanceId, ct);
        if (i is null)
            return null;
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId && b.Status == BookmarkStatus.Active)
            .OrderBy(b => b.CreatedAt).ToListAsync(ct);
        var state = JsonSerializer.Deserialize<WorkflowState>(i.State, WorkflowJson.Options) ?? new WorkflowState();
        return new InstanceDetail(
            new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersionId, i.DefinitionVersion, i.Name, i.CorrelationId, i.Status, i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt),
            state,
            bookmarks.Select(BookmarkInfo.From).ToList());
    }

    public async Task<bool> ExistsAsync(string instanceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WorkflowInstances.AnyAsync(i => i.Id == instanceId, ct);
    }

    /// <summary>The journal: activity executions in the order they started.</summary>
    public async Task<Page<ActivityExecutionRecord>> JournalAsync(string instanceId, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.ActivityExecutions.AsNoTracking().Where(r => r.InstanceId == instanceId);
        var total = await rows.LongCountAsync(ct);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        page = Math.Max(0, page);
        var items = await rows.OrderBy(r => r.Sequence).ThenBy(r => r.Attempt).Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return new Page<ActivityExecutionRecord>(items, total, page, pageSize);
    }

    /// <summary>
    /// The journal's events in the order they happened, filtered and paged as Studio asks (skip and take). An instance run
    /// before the event log existed has its events made from its activity executions (started, then how each ended).
    /// </summary>
    public async Task<Page<ExecutionLogRecord>> LogAsync(string instanceId, JournalFilter filter, int skip, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.ExecutionLog.AsNoTracking().Where(r => r.InstanceId == instanceId);
        if (!await rows.AnyAsync(ct))
            return Page(LegacyLog(await db.ActivityExecutions.AsNoTracking().Where(r => r.InstanceId == instanceId).OrderBy(r => r.Sequence).ThenBy(r => r.Attempt).ToListAsync(ct))
                .Where(r => Matches(r, filter)).ToList(), skip, take);
        if (filter.ActivityIds is { Count: > 0 } activityIds)
            rows = rows.Where(r => activityIds.Contains(r.ActivityId));
        if (filter.ActivityNodeIds is { Count: > 0 } nodeIds)
            rows = rows.Where(r => nodeIds.Contains(r.NodeId));
        if (filter.ExcludedActivityTypes is { Count: > 0 } excluded)
            rows = rows.Where(r => !excluded.Contains(r.ActivityType));
        if (filter.EventNames is { Count: > 0 } events)
            rows = rows.Where(r => events.Contains(r.EventName));
        var total = await rows.LongCountAsync(ct);
        var items = await rows.OrderBy(r => r.Sequence).Skip(skip).Take(take).ToListAsync(ct);
        return new Page<ExecutionLogRecord>(items, total, take == 0 ? 0 : skip / take, take);
    }

    private static Page<ExecutionLogRecord> Page(List<ExecutionLogRecord> all, int skip, int take) =>
        new(all.Skip(skip).Take(take).ToList(), all.Count, take == 0 ? 0 : skip / take, take);

    private static bool Matches(ExecutionLogRecord r, JournalFilter filter) =>
        (filter.ActivityIds is not { Count: > 0 } || filter.ActivityIds.Contains(r.ActivityId))
        && (filter.ActivityNodeIds is not { Count: > 0 } || filter.ActivityNodeIds.Contains(r.NodeId))
        && (filter.ExcludedActivityTypes is not { Count: > 0 } || !filter.ExcludedActivityTypes.Contains(r.ActivityType))
        && (filter.EventNames is not { Count: > 0 } || filter.EventNames.Contains(r.EventName));

    private static IEnumerable<ExecutionLogRecord> LegacyLog(List<ActivityExecutionRecord> records)
    {
        var sequence = 0L;
        foreach (var r in records)
        {
            yield return Event(r, "Started", r.StartedAt, null, ++sequence);
            var closing = r.Status switch
            {
                ActivityStatus.Completed => "Completed",
                ActivityStatus.Faulted => "Faulted",
                ActivityStatus.Cancelled => "Canceled",
                ActivityStatus.Suspended => "Suspended",
                _ => null,
            };
            if (closing is not null)
                yield return Event(r, closing, r.CompletedAt ?? r.StartedAt, r.Payload, ++sequence);
        }

        static ExecutionLogRecord Event(ActivityExecutionRecord r, string name, DateTimeOffset at, string? payload, long sequence) => new()
        {
            Id = $"{r.Id}:{name}",
            InstanceId = r.InstanceId,
            ActivityExecutionId = r.Id,
            ParentActivityExecutionId = r.ParentActivityExecutionId,
            ActivityId = r.ActivityId,
            NodeId = r.ActivityNodeId ?? r.ActivityId,
            ActivityType = r.ActivityType,
            ActivityName = r.ActivityName,
            EventName = name,
            Payload = payload,
            Timestamp = at,
            Sequence = sequence,
        };
    }

    /// <summary>The activity execution records with these ids (for the journal's activity states).</summary>
    public async Task<IReadOnlyDictionary<string, ActivityExecutionRecord>> ActivityExecutionsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return new Dictionary<string, ActivityExecutionRecord>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ActivityExecutions.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct);
    }

    public async Task<ActivityExecutionRecord?> ActivityExecutionAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ActivityExecutions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    public async Task<IReadOnlyList<ActivityExecutionRecord>> ActivityExecutionsAsync(string instanceId, string? activityId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.ActivityExecutions.AsNoTracking().Where(r => r.InstanceId == instanceId);
        if (activityId is not null)
            rows = activityId.Contains(':', StringComparison.Ordinal) ? rows.Where(r => r.ActivityNodeId == activityId) : rows.Where(r => r.ActivityId == activityId);
        return await rows.OrderBy(r => r.Sequence).ThenBy(r => r.Attempt).ToListAsync(ct);
    }
}
