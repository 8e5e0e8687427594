using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CrossCheck;

[Activity("ExportTaxCheck", "Return case", "Stage 10P: waits for the exporter to submit the paper certificate (only allowed after Unavailable or a failed transmission, E-18).", DisplayName = "Await Paper Certificate")]
[Outcomes("Submitted")]
public sealed class AwaitPaperCertificate : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        if (session.File.PaperSubmissions.Count > 0 && session.File.CurrentDeclarations.All(d => session.File.PaperSubmissions.Contains(d.CertificateNo)))
            return Outcome("Submitted");
        CaseSteps.WaitForEvent(context, CaseEvents.PaperCertificateSubmitted);
        return Suspend();
    }

    protected override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        await session.SetStatusAsync(ReturnCaseStatus.PaperVerification, context.Now, "The paper certificate was submitted; a customs officer verifies it.", ct: context.CancellationToken);
        return Outcome("Submitted");
    }
}
