using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CrossCheck;

[Activity("ExportTaxCheck", "Return case", "Stage 10P: waits for the exporter to submit the paper certificate (only allowed after Unavailable or a failed transmission, E-18).", DisplayName = "Await Paper Certificate")]
[Outcomes("Submitted", "CertificateCancelled")]
public sealed class AwaitPaperCertificate : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        if (session.File.PaperSubmissions.Count > 0 && session.File.CurrentDeclarations.All(d => session.File.PaperSubmissions.Contains(d.CertificateNo)))
            return Outcome("Submitted");
        CaseSteps.WaitForEvent(context, CaseEvents.PaperCertificateSubmitted);
        CaseSteps.WaitForEvent(context, CaseEvents.CertificateCancelled);
        return Suspend();
    }

    protected override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        // Item 3: cancelled instead (作废, the unused certificate): the case looks again at refunds and make-up.
        if (CaseSteps.ResumedEvent(context) == CaseEvents.CertificateCancelled)
            return Outcome("CertificateCancelled");
        var session = await CaseSteps.LoadAsync(context);
        await session.SetStatusAsync(ReturnCaseStatus.PaperVerification, context.Now, CaseText.Of("Paper.AwaitingVerification"), ct: context.CancellationToken);
        return Outcome("Submitted");
    }
}
