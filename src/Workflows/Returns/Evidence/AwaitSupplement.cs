using System.Text.Json.Nodes;

namespace ExportTaxCheck.Returns.Evidence;

[Activity("ExportTaxCheck", "Return case", "Waits for the exporter's upload or for the end of the supplement due date (24:00 UTC+8), whichever comes first.", DisplayName = "Await Supplement")]
[Outcomes("Uploaded", "DueDatePassed")]
public sealed class AwaitSupplement : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        if (session.File.Supplement is not { } request)
            return Outcome("Uploaded");
        var due = CaseSteps.EndOfChinaDay(request.DueDate);
        if (context.Now >= due)
            return Outcome("DueDatePassed");
        CaseSteps.WaitForEvent(context, CaseEvents.EvidenceUploaded);
        context.CreateBookmark(new BookmarkRequest("ExportTaxCheck.SupplementDue", new JsonObject { ["executionId"] = context.Execution.Id }, new JsonObject { ["dueAt"] = due }, due));
        context.JournalData["dueAt"] = due;
        return Suspend();
    }

    protected override ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        new(Outcome(CaseSteps.ResumedEvent(context) == CaseEvents.EvidenceUploaded ? "Uploaded" : "DueDatePassed"));
}
