using System.Text.Json.Nodes;
using ExportTaxCheck.Workflows.Activities;
using ExportTaxCheck.Workflows.Returns.Policy;
using ExportTaxCheck.Workflows.Returns.Rules;
using ExportTaxCheck.Workflows.Runtime;
using ExportTaxCheck.Workflows.Tasks;

namespace ExportTaxCheck.Workflows.Returns.Activities;

[Activity("ExportTaxCheck", "Return case", "Stage 3: runs E-01..E-06 and E-10..E-13 on every line; fixes policy version, clock start and deadline per line; splits off ineligible lines.", DisplayName = "Screen Eligibility")]
[Outcomes("Eligible", "NeedsReview", "Ineligible")]
public sealed class ScreenEligibility : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var screener = new EligibilityScreener(context.GetRequiredService<PolicyTable>(), CaseSteps.Options(context));
        var others = await CaseSteps.OtherClaimsAsync(context, session.CaseId, session.Case.Lines.Select(l => l.Export.Key));
        var previous = others.GroupBy(c => new ExportLineKey(c.ExportDocNo, c.ExportItemNo)).ToDictionary(g => g.Key, g => g.Sum(c => c.ReturnedQty));
        var screening = screener.ScreenCase(session.Case, new CaseScreeningContext { EvaluationDate = CaseSteps.Today(context), PreviouslyReturnedQty = previous });

        session.UpdateCase(c => c with { Lines = screening.Lines }, context.Now);
        var codes = screening.Lines.SelectMany(l => l.Eligibility!.Reasons).Distinct().ToList();
        context.JournalData["policyVersionId"] = session.Case.PolicyVersionId;
        if (screening.NextStatus == ReturnCaseStatus.Ineligible)
        {
            await session.SetStatusAsync(ReturnCaseStatus.Ineligible, context.Now, "No line of the case falls under the return policy.", codes, CaseNotifications.Ineligible, ct: context.CancellationToken);
            return Outcome("Ineligible");
        }

        var claims = await session.ClaimsAsync(context.CancellationToken);
        foreach (var claim in claims.Where(c => screening.SplitOffLineNos.Contains(c.LineNo)))
            claim.Counts = false;
        var message = screening.SplitOffLineNos.Count > 0
            ? $"Lines {string.Join(", ", screening.SplitOffLineNos)} are ineligible and split off; the others go to evidence review."
            : "Every line falls under the return policy; evidence review follows.";
        await session.SetStatusAsync(ReturnCaseStatus.EvidenceReview, context.Now, message, codes, ct: context.CancellationToken);
        return Outcome(screening.NeedsReviewLineNos.Count > 0 ? "NeedsReview" : "Eligible");
    }
}

[Activity("ExportTaxCheck", "Return case", "A customs officer decides lines screening could not (food list review, HS or name difference, missing data).", DisplayName = "Review Screening", Kind = ActivityKind.Task)]
[Outcomes("Eligible", "Ineligible")]
public sealed class ReviewScreening : HumanTaskActivity
{
    protected override string DefaultRole => "CustomsOfficer";

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Eligible", "Ineligible"];

    public override JsonArray? GetForm() => new(
        new JsonObject { ["name"] = "reasons", ["label"] = "Reason codes", ["type"] = "multiselect", ["requiredFor"] = new JsonArray("Ineligible"),
            ["options"] = new JsonArray(ReasonCodes.FoodExcluded, ReasonCodes.HsMismatch, ReasonCodes.GoodsNameMismatch, ReasonCodes.ReturnWindowExceeded, ReasonCodes.ExportDocInvalid) });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "CustomsOfficer");
        if (completion.Outcome == "Ineligible")
        {
            await session.SetStatusAsync(ReturnCaseStatus.Ineligible, context.Now, "The officer found the case ineligible.", CaseSteps.Strings(completion.Data["reasons"]),
                CaseNotifications.Ineligible, actor, context.CancellationToken);
            return "Ineligible";
        }

        // E-03/E-12: the officer's acceptance is the audited override of the review codes.
        foreach (var line in session.Case.Lines.Where(l => l.Eligibility?.Outcome == EligibilityOutcome.NeedsReview).ToList())
            session.UpdateLine(line.LineNo, l => l with { Eligibility = l.Eligibility! with { Outcome = EligibilityOutcome.Eligible } }, context.Now);
        session.Note("Review", "The officer accepted the lines that needed review.", context.Now, actor: actor);
        return "Eligible";
    }
}

[Activity("ExportTaxCheck", "Return case", "Stage 4 pre-check (E-09): complete evidence goes to the officer; missing evidence opens a supplement request due after V-20's days; an overdue request rejects the case.", DisplayName = "Check Evidence")]
[Outcomes("Complete", "Incomplete", "Overdue")]
public sealed class CheckEvidence : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
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
                await session.SetStatusAsync(ReturnCaseStatus.EvidenceReview, context.Now, "The evidence is complete; a customs officer reviews it.", ct: context.CancellationToken);
                return Outcome("Complete");
            case ReturnCaseStatus.RejectedEvidence:
                await session.SetStatusAsync(ReturnCaseStatus.RejectedEvidence, context.Now,
                    $"The evidence was still incomplete after the due date {step.Request!.DueDate:yyyy-MM-dd}.", step.Codes, CaseNotifications.CaseRejected, ct: context.CancellationToken);
                return Outcome("Overdue");
            default:
                var isNew = file.Supplement is null;
                session.Update(f => f with { Supplement = step.Request }, context.Now);
                if (isNew || session.Status != ReturnCaseStatus.SupplementRequested || !file.StatusReasons.SequenceEqual(step.Codes))
                {
                    await session.SetStatusAsync(ReturnCaseStatus.SupplementRequested, context.Now,
                        $"Evidence is missing; please supply it by {step.Request!.DueDate:yyyy-MM-dd}.", step.Codes, CaseNotifications.SupplementRequested, ct: context.CancellationToken);
                }
                return Outcome("Incomplete");
        }
    }
}

[Activity("ExportTaxCheck", "Return case", "Waits for the exporter's upload or for the end of the supplement due date (24:00 UTC+8), whichever comes first.", DisplayName = "Await Supplement")]
[Outcomes("Uploaded", "DueDatePassed")]
public sealed class AwaitSupplement : Activity
{
    protected internal override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
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

    protected internal override ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        new(Outcome(CaseSteps.ResumedEvent(context) == CaseEvents.EvidenceUploaded ? "Uploaded" : "DueDatePassed"));
}

[Activity("ExportTaxCheck", "Return case", "Stage 4: a customs officer assesses the reason and the declared original state (E-07, E-08) and accepts, asks for more, or rejects.", DisplayName = "Review Evidence", Kind = ActivityKind.Task)]
[Outcomes("Accept", "RequestSupplement", "Reject")]
public sealed class ReviewEvidence : HumanTaskActivity
{
    protected override string DefaultRole => "CustomsOfficer";

    /// <summary>After a supplement request the same step reviews what the exporter sent: the inbox says so.</summary>
    protected override async ValueTask OnCreatedAsync(ActivityContext context, HumanTaskRecord record)
    {
        var session = await CaseSteps.LoadAsync(context);
        if (session.File.Timeline.LastOrDefault(e => e.Status == ReturnCaseStatus.SupplementRequested) is { } requested)
            record.Title = $"Review the supplement requested {ChinaTime.ToChinaDate(requested.At):yyyy-MM-dd} ({string.Join(", ", requested.Codes)})";
    }

    public override IReadOnlyList<string> GetOfficerOutcomes() => ["Accept", "RequestSupplement", "Reject"];

    public override JsonArray? GetForm() => new(
        new JsonObject
        {
            ["name"] = "reasons", ["label"] = "Reason codes", ["type"] = "multiselect", ["requiredFor"] = new JsonArray("RequestSupplement", "Reject"),
            ["options"] = new JsonArray(
                ReasonCodes.EvidenceIncompleteMissingExportDoc, ReasonCodes.EvidenceIncompleteMissingSelfDeclaration, ReasonCodes.EvidenceIncompleteMissingReturnEvidence,
                ReasonCodes.EvidenceIncompleteMissingTrialUseEvidence, ReasonCodes.ReasonNotEligible, ReasonCodes.OriginalStateFailedAccessoriesAdded,
                ReasonCodes.OriginalStateFailedProcessedOrModified, ReasonCodes.OriginalStateFailedUsedWithoutException, ReasonCodes.FraudReferral),
        });

    protected override async ValueTask<string> ApplyAsync(ActivityContext context, TaskCompletion completion)
    {
        var session = await CaseSteps.LoadAsync(context);
        var actor = CaseSteps.Actor(completion, "CustomsOfficer");
        var reasons = CaseSteps.Strings(completion.Data["reasons"]);
        switch (completion.Outcome)
        {
            case "Reject":
                await session.SetStatusAsync(ReturnCaseStatus.RejectedEvidence, context.Now, completion.Comment ?? "The officer rejected the evidence.", reasons,
                    CaseNotifications.CaseRejected, actor, context.CancellationToken);
                return "Reject";
            case "RequestSupplement":
                var request = SupplementRequest.Create(CaseSteps.Today(context), reasons, CaseSteps.Options(context));
                session.Update(f => f with { Supplement = request }, context.Now);
                await session.SetStatusAsync(ReturnCaseStatus.SupplementRequested, context.Now,
                    $"{completion.Comment ?? "The officer needs more evidence."} Due {request.DueDate:yyyy-MM-dd}.", reasons, CaseNotifications.SupplementRequested, actor, context.CancellationToken);
                return "RequestSupplement";
            default:
                session.Note("EvidenceAccepted", completion.Comment ?? "The officer accepted the evidence (provisional until clearance).", context.Now, actor: actor);
                return "Accept";
        }
    }
}
