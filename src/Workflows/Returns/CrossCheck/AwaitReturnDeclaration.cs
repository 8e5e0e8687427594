using ExportTaxCheck.Returns.Certificates;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CrossCheck;

[Activity("ExportTaxCheck", "Return case", "Stage 9: waits until every live certificate of the case has a return (4561) declaration filed or corrected since its last check; a certificate cancelled meanwhile sends the case back to the refund-status check.", DisplayName = "Await Return Declaration")]
[Outcomes("Declared", "CertificateCancelled")]
public sealed class AwaitReturnDeclaration : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => await DecideAsync(context);

    // Item 3: a certificate cancelled before its declaration sends the case back to the refund-status check.
    protected override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        CaseSteps.ResumedEvent(context) == CaseEvents.CertificateCancelled ? Outcome("CertificateCancelled") : await DecideAsync(context);

    private static async Task<ActivityResult> DecideAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var registry = await new CertificateStore(context.Db).LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var docs = registry.Certificates.Where(c => c.Status is CertificateStatus.Issued or CertificateStatus.Transmitted or CertificateStatus.Reserved)
            .Select(c => c.ExportDocNo).Distinct().ToList();
        var toCheck = session.File.CurrentDeclarations.Where(d => session.File.UncheckedDeclarations.Contains(d.CertificateNo)).ToList();
        // Every export document with a live certificate has a declaration filed for it; a declaration that names another
        // document or certificate (item 5: only malformed ones are refused at filing) goes to the check, which says why.
        var covered = docs.Count > 0 && docs.All(doc => session.File.CurrentDeclarations.Any(d => d.RelatedExportDeclarationNo == doc));
        var stray = toCheck.Any(d => !docs.Contains(d.RelatedExportDeclarationNo) || registry.Find(d.CertificateNo) is not { } c || c.ExportDocNo != d.RelatedExportDeclarationNo);
        if (toCheck.Count > 0 && (covered || stray))
            return Outcome("Declared");
        CaseSteps.WaitForEvent(context, CaseEvents.ReturnDeclarationFiled);
        CaseSteps.WaitForEvent(context, CaseEvents.CertificateCancelled);
        return Suspend();
    }
}
