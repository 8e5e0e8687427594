using System.Globalization;
using System.Xml;
using ExportTaxCheck.Engine.Clock;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Clock;

/// <summary>
/// Moves the simulated clock forward and runs the work that becomes due, in the order it falls due: the clock stops at
/// each due time (a workflow timer, a task reminder or escalation, a scheduled or retried e-mail, a usage report),
/// that work runs as the background workers would run it, and the clock goes on. So a reminder due on day 12 goes out
/// before the deadline of day 15 is checked, each at its own time, and the call answers once everything due is done.
/// </summary>
public sealed class ClockAdvancer(
    AdjustableClock clock,
    ClockOffsetStore store,
    IDbContextFactory<WorkflowDbContext> dbFactory,
    RuntimeSweeps sweeps,
    TaskTimers taskTimers,
    MailDispatcher mail,
    UsageFeedbackDispatcher usageFeedback,
    IOptions<ClockOptions> options)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");

    // One move at a time per node: two moves interleaving would run work at times out of order.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ClockState State(int? workRan = null, int? stillDue = null)
    {
        var now = clock.GetUtcNow();
        return new ClockState(now, TimeZoneInfo.ConvertTime(now, China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            XmlConvert.ToString(clock.Offset), clock.Offset != TimeSpan.Zero, workRan, stillDue);
    }

    /// <summary>Parses an ISO 8601 duration such as <c>P16D</c> or <c>PT3H</c>; throws INVALID_DURATION.</summary>
    public static TimeSpan ParseDuration(string? text)
    {
        try
        {
            return XmlConvert.ToTimeSpan(text ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidRequestException("INVALID_DURATION", $"'{text}' is not an ISO 8601 duration such as P16D or PT3H.",
                new Dictionary<string, string[]> { ["by"] = ["An ISO 8601 duration such as P16D or PT3H."] });
        }
    }

    public async Task<ClockState> AdvanceToAsync(DateTimeOffset target, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await store.LoadAsync(ct);
            if (target < clock.GetUtcNow())
                throw new InvalidRequestException("CLOCK_BACKWARDS", $"The clock only moves forward: it is {State().Now:O} now, {target:O} is earlier. Use reset to go back to the real time.");

            var ran = 0;
            for (var round = 0; round < options.Value.MaxRounds; round++)
            {
                var next = await NextDueAsync(ct);
                if (next is not { } due || due > target)
                    break;
                var alreadyDue = due <= clock.GetUtcNow();
                // Never backwards: work already due at the current time runs at the current time.
                if (!alreadyDue)
                    await store.SaveAsync(due - clock.Base.GetUtcNow(), ct);
                var work = await RunDueWorkAsync(ct);
                ran += work;
                // Due work that cannot run now (claimed by another node, a mail server that refuses) is reported, not spun on.
                if (alreadyDue && work == 0)
                    break;
            }

            await store.SaveAsync(target - clock.Base.GetUtcNow(), ct);
            ran += await RunDueWorkAsync(ct);
            return State(ran, await CountDueAsync(ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ClockState> ResetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await store.SaveAsync(TimeSpan.Zero, ct);
            return State();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> RunDueWorkAsync(CancellationToken ct)
    {
        var ran = 0;
        // Until quiet: a fired timer can publish an event or write mail that is due at once.
        for (var pass = 0; pass < 20; pass++)
        {
            var work = await sweeps.FireDueTimersAsync(ct)
                       + await taskTimers.FireDueAsync(ct)
                       + await sweeps.DeliverPendingEventsAsync(ct)
                       + await mail.DispatchDueAsync(ct)
                       + await usageFeedback.DeliverDueAsync(ct);
            ran += work;
            if (work == 0)
                break;
        }
        return ran;
    }

    /// <summary>Timers, task reminders and escalations, e-mails and usage reports due now that have not run.</summary>
    private async Task<int> CountDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var timers = await db.Bookmarks.CountAsync(b => b.Status == BookmarkStatus.Active && b.DueAt != null && b.DueAt <= now, ct);
        var tasks = await db.HumanTasks.CountAsync(t => (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed)
            && ((t.RemindAt != null && t.RemindedAt == null && t.RemindAt <= now) || (t.EscalateAt != null && t.EscalatedAt == null && t.EscalateAt <= now)), ct);
        // A message another dispatcher is sending right now (on its lease) is not left undone.
        var mails = await mail.CountClaimableAsync(ct);
        var reports = await db.Set<UsageFeedbackRecord>().CountAsync(f => f.Status == FeedbackStatus.Pending && f.NextAttemptAt <= now, ct);
        return timers + tasks + mails + reports;
    }

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        DateTimeOffset?[] due =
        [
            await sweeps.NextDueAsync(ct),
            await taskTimers.NextDueAsync(ct),
            await mail.NextDueAsync(ct),
            await usageFeedback.NextDueAsync(ct),
        ];
        return due.Where(d => d is not null).Min();
    }
}
