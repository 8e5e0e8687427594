namespace ExportTaxCheck.Returns.Intake;

[Activity("ExportTaxCheck", "Return case", "Stage 3: runs E-01..E-06 and E-10..E-13 on every line; fixes policy version, clock start and deadline per line; splits off ineligible lines. A line ineligible only for QTY_EXCEEDS_EXPORTED waits for the exporter's correction (§2.5).", DisplayName = "Screen Eligibility")]
[Outcomes("Eligible", "NeedsReview", "Ineligible", "CorrectionRequired")]
public sealed class ScreenEligibility : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var screener = new EligibilityScreener(context.GetRequiredService<PolicyTable>(), CaseSteps.Options(context));
        var others = await CaseSteps.OtherClaimsAsync(context, session.CaseId, session.Case.Lines.Select(l => l.Export.Key));
        var previous = others.GroupBy(c => new ExportLineKey(c.ExportDocNo, c.ExportItemNo)).ToDictionary(g => g.Key, g => g.Sum(c => c.ReturnedQty));
        var screening = screener.ScreenCase(session.Case, new CaseScreeningContext { EvaluationDate = CaseSteps.Today(context), PreviouslyReturnedQty = previous });

        session.UpdateCase(c => c with { Lines = screening.Lines }, context.Now);
        var codes = screening.Lines.SelectMany(l => l.Eligibility!.Reasons).Distinct().ToList();
        context.JournalData["policyVersionId"] = session.Case.PolicyVersionId;
        var claims = await session.ClaimsAsync(context.CancellationToken);
        if (screening.NextStatus == ReturnCaseStatus.CorrectionRequired)
        {
            // E-11: an over-claiming line does not hold quantity other cases could return while it waits to be corrected.
            foreach (var claim in claims.Where(c => screening.CorrectableLineNos.Contains(c.LineNo)))
                claim.Counts = false;
            await session.SetStatusAsync(ReturnCaseStatus.CorrectionRequired, context.Now,
                CaseText.Of("Screening.Correction", string.Join(", ", screening.CorrectableLineNos)),
                codes, CaseNotifications.CorrectionRequired, ct: context.CancellationToken);
            return Outcome("CorrectionRequired");
        }
        if (screening.NextStatus == ReturnCaseStatus.Ineligible)
        {
            await session.SetStatusAsync(ReturnCaseStatus.Ineligible, context.Now, CaseText.Of("Screening.Ineligible"), codes, CaseNotifications.Ineligible, ct: context.CancellationToken);
            return Outcome("Ineligible");
        }

        foreach (var claim in claims.Where(c => screening.SplitOffLineNos.Contains(c.LineNo)))
            claim.Counts = false;
        var message = screening.SplitOffLineNos.Count > 0
            ? CaseText.Of("Screening.SplitOff", string.Join(", ", screening.SplitOffLineNos))
            : CaseText.Of("Screening.Eligible");
        await session.SetStatusAsync(ReturnCaseStatus.EvidenceReview, context.Now, message, codes, ct: context.CancellationToken);
        // E-05/E-06: after a correction the deadlines are new; the deadline watch (which ran once at the start, after the
        // first screening) arms its timer for them.
        if (session.File.Timeline.Any(e => e.Status == ReturnCaseStatus.CorrectionRequired))
            context.PublishEvent(CaseEvents.DeadlinesChanged, context.CorrelationId, localToInstance: true, payload: null);
        return Outcome(screening.NeedsReviewLineNos.Count > 0 ? "NeedsReview" : "Eligible");
    }
}
