using System.Diagnostics.Metrics;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Engine.Telemetry;

/// <summary>
/// What operators watch between scrapes: open tasks by candidate role, the outbox backlog and the age of its oldest
/// message, and instances carrying incidents. Sampled from the database on a schedule (a scrape never waits on a query).
/// </summary>
public sealed class EngineGauges
{
    private readonly IDbContextFactory<WorkflowDbContext> _dbFactory;
    private readonly TimeProvider _clock;
    private volatile Snapshot _last = new([], 0, 0, 0);

    public EngineGauges(EngineTelemetry telemetry, IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        var meter = telemetry.Meter;
        meter.CreateObservableGauge("workflow.tasks.open", () => _last.OpenTasks.Select(r => new Measurement<long>(r.Count, new KeyValuePair<string, object?>("task.role", r.Role))),
            "{task}", "Open and claimed human tasks, by candidate role.");
        meter.CreateObservableGauge("workflow.outbox.backlog", () => _last.OutboxBacklog, "{message}", "E-mails waiting to be sent (pending, due or backing off).");
        meter.CreateObservableGauge("workflow.outbox.oldest_age", () => _last.OutboxOldestAgeSeconds, "s", "Age of the oldest e-mail still waiting.");
        meter.CreateObservableGauge("workflow.instances.with_incidents", () => _last.InstancesWithIncidents, "{instance}", "Instances that carry at least one incident.");
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var open = await db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed)
            .GroupBy(t => t.CandidateRole).Select(g => new RoleCount(g.Key, g.LongCount())).ToListAsync(ct);
        var pending = db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending);
        var backlog = await pending.LongCountAsync(ct);
        var oldest = await pending.OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
        var incidents = await db.WorkflowInstances.AsNoTracking().LongCountAsync(i => i.IncidentCount > 0, ct);
        var age = oldest is { } created ? Math.Max(0, (_clock.GetUtcNow() - created).TotalSeconds) : 0;
        _last = new Snapshot(open, backlog, age, incidents);
    }

    private sealed record RoleCount(string Role, long Count);

    private sealed record Snapshot(IReadOnlyList<RoleCount> OpenTasks, long OutboxBacklog, double OutboxOldestAgeSeconds, long InstancesWithIncidents);
}
