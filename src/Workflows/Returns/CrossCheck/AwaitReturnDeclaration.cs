using ExportTaxCheck.Returns.Certificates;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CrossCheck;

[Activity("ExportTaxCheck", "Return case", "Stage 9: waits until every live certificate of the case has a return (4561) declaration filed or corrected since its last check.", DisplayName = "Await Return Declaration")]
[Outcomes("Declared")]
public sealed class AwaitReturnDeclaration : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => await DecideAsync(context);

    protected override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context) => await DecideAsync(context);

    private static async Task<ActivityResult> DecideAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var registry = await new CertificateStore(context.Db).LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var live = registry.Certificates.Where(c => c.Status is CertificateStatus.Issued or CertificateStatus.Transmitted or CertificateStatus.Reserved)
            .Select(c => c.CertificateNo!).ToList();
        var declared = session.File.UncheckedDeclarations;
        if (live.Count > 0 && live.All(declared.Contains))
            return Outcome("Declared");
        CaseSteps.WaitForEvent(context, CaseEvents.ReturnDeclarationFiled);
        return Suspend();
    }
}
