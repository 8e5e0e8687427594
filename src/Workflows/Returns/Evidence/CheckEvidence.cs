using System.Text.Json.Nodes;

namespace ExportTaxCheck.Returns.Evidence;

[Activity("ExportTaxCheck", "Return case", "Stage 4 pre-check (E-09): complete evidence goes to the officer; missing evidence opens a supplement request due after V-20's days; an overdue request rejects the case.", DisplayName = "Check Evidence")]
[Outcomes("Complete", "Incomplete", "Overdue")]
public sealed class CheckEvidence : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var file = session.File;
        var check = EvidenceChecker.Check(file.Case with { Lines = file.ActiveLines.ToList() }, file.Documents);
        var step = EvidenceReview.Next(check, CaseSteps.Today(context), file.Supplement, CaseSteps.Options(context));
        context.JournalData["codes"] = new JsonArray(step.Codes.Select(c => (JsonNode?)c).ToArray());

        switch (step.Status)
        {
            case ReturnCaseStatus.EvidenceReview:
                if (file.Supplement is not null)
                    session.Update(f => f with { Supplement = null }, context.Now);
                await session.SetStatusAsync(ReturnCaseStatus.EvidenceReview, context.Now, CaseText.Of("Evidence.Complete"), ct: context.CancellationToken);
                return Outcome("Complete");
            case ReturnCaseStatus.RejectedEvidence:
                await session.SetStatusAsync(ReturnCaseStatus.RejectedEvidence, context.Now,
                    CaseText.Of("Evidence.Overdue", step.Request!.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), step.Codes, CaseNotifications.CaseRejected, ct: context.CancellationToken);
                return Outcome("Overdue");
            default:
                var isNew = file.Supplement is null;
                session.Update(f => f with { Supplement = step.Request }, context.Now);
                if (isNew || session.Status != ReturnCaseStatus.SupplementRequested || !file.StatusReasons.SequenceEqual(step.Codes))
                {
                    await session.SetStatusAsync(ReturnCaseStatus.SupplementRequested, context.Now,
                        CaseText.Of("Evidence.Missing", step.Request!.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), step.Codes, CaseNotifications.SupplementRequested, ct: context.CancellationToken);
                }
                return Outcome("Incomplete");
        }
    }
}
