using System.Text.Json.Nodes;
using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.Intake;

[Activity("ExportTaxCheck", "Return case", "E-05/E-06 in time: beside the case, waits for the earliest deadline of lines whose goods have not returned (a durable timer, 24:00 UTC+8) or for new dates, then re-screens the lines' return windows. Lines whose deadline passed are split off RETURN_WINDOW_EXCEEDED; when none is left the case is Ineligible. Loops until clearance.", DisplayName = "Watch Deadlines")]
[Outcomes("Watching", "AllIneligible", "Done")]
public sealed class WatchDeadlines : Activity
{
    public const string TimerName = "ExportTaxCheck.DeadlinePassed";

    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        if (CaseSession.HasEnded(session.Status) || session.Status is ReturnCaseStatus.ClearedExempt or ReturnCaseStatus.UsageReported or ReturnCaseStatus.ExportDutyRefund)
            return Outcome("Done");
        var today = CaseSteps.Today(context);
        var failed = DeadlineRules.Rescreen(session.File.ActiveLines, today, context.GetRequiredService<PolicyTable>(), CaseSteps.Options(context));
        if (failed.Count > 0 && await SplitOffAsync(context, session, failed))
            return Outcome("AllIneligible");

        if (DeadlineRules.NextDeadline(session.File.ActiveLines, today) is { } next)
        {
            var due = CaseSteps.EndOfChinaDay(next);
            context.CreateBookmark(new BookmarkRequest(TimerName, new JsonObject { ["executionId"] = context.Execution.Id }, new JsonObject { ["deadline"] = next.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, due));
            context.JournalData["dueAt"] = due;
        }
        CaseSteps.WaitForEvent(context, CaseEvents.DeadlinesChanged);
        return Suspend();
    }

    // Each wake is a new round (the loop connection), so the timer of the previous round is closed with it.
    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context) => new(Outcome("Watching"));

    /// <summary>Marks the failed lines ineligible; true when no line is left (then the case is Ineligible and its unused certificates cancelled).</summary>
    private static async Task<bool> SplitOffAsync(ActivityContext context, CaseSession session, IReadOnlyList<(int LineNo, IReadOnlyList<string> Codes)> failed)
    {
        foreach (var (lineNo, codes) in failed)
        {
            session.UpdateLine(lineNo, l => l with
            {
                Eligibility = l.Eligibility! with { Outcome = EligibilityOutcome.Ineligible, Reasons = [.. l.Eligibility.Reasons.Concat(codes).Distinct()] },
            }, context.Now);
        }
        // E-11: a line that did not return in time no longer holds quantity of the export line.
        foreach (var claim in (await session.ClaimsAsync(context.CancellationToken)).Where(c => failed.Any(f => f.LineNo == c.LineNo)))
            claim.Counts = false;
        var codesAll = failed.SelectMany(f => f.Codes).Distinct().ToList();
        var lines = string.Join(", ", failed.Select(f => f.LineNo));
        if (session.File.ActiveLines.Any())
        {
            session.Note("Deadline", CaseText.Of("Deadline.SplitOff", lines),
                context.Now, codesAll);
            return false;
        }
        var cancelled = await UnusedCertificates.CancelAsync(context, session, ReasonCodes.ReturnWindowExceeded);
        await session.SetStatusAsync(ReturnCaseStatus.Ineligible, context.Now,
            cancelled.Count > 0 ? CaseText.Of("Deadline.Passed.Cancelled", lines, string.Join(", ", cancelled)) : CaseText.Of("Deadline.Passed", lines),
            codesAll, CaseNotifications.Ineligible, ct: context.CancellationToken);
        return true;
    }
}
