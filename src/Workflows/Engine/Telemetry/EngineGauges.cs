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
    // The gauges are registered once per process (see EngineTelemetry) and report every live sampler: one per Host in
    // production, several only where tests run Hosts side by side.
    private static readonly List<WeakReference<EngineGauges>> Live = [];
    private static int _registered;

    private readonly IDbContextFactory<WorkflowDbContext> _dbFactory;
    private readonly TimeProvider _clock;
    private volatile Snapshot _last = new([], 0, 0, 0);

    public EngineGauges(EngineTelemetry telemetry, IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        lock (Live)
            Live.Add(new WeakReference<EngineGauges>(this));
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        var meter = telemetry.Meter;
        meter.CreateObservableGauge("workflow.tasks.open",
            () => Snapshots().SelectMany(s => s.OpenTasks).GroupBy(r => r.Role)
                .Select(g => new Measurement<long>(g.Sum(r => r.Count), new KeyValuePair<string, object?>("task.role", g.Key))),
            "{task}", "Open and claimed human tasks, by candidate role.");
        meter.CreateObservableGauge("workflow.outbox.backlog", () => Snapshots().Sum(s => s.OutboxBacklog), "{message}", "E-mails waiting to be sent (pending, due or backing off).");
        meter.CreateObservableGauge("workflow.outbox.oldest_age", () => Snapshots().Select(s => s.OutboxOldestAgeSeconds).DefaultIfEmpty(0).Max(), "s",
            "Age of the oldest e-mail still waiting.");
        meter.CreateObservableGauge("workflow.instances.with_incidents", () => Snapshots().Sum(s => s.InstancesWithIncidents), "{instance}",
            "Instances that carry at least one incident.");
    }

    private static List<Snapshot> Snapshots()
    {
        lock (Live)
        {
            Live.RemoveAll(w => !w.TryGetTarget(out _));
            return Live.Select(w => w.TryGetTarget(out var g) ? g._last : null).OfType<Snapshot>().ToList();
        }
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
