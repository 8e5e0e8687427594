namespace ExportTaxCheck.Returns.Certificates;

[Activity("ExportTaxCheck", "Return case", "Stage 6: waits until the exporter has applied (POST /api/cases/{id}/certificate-applications, stating variant and refund status) for every export document of the case that has no live application or certificate.", DisplayName = "Await Certificate Application")]
[Outcomes("Submitted")]
public sealed class AwaitCertificateApplication : Activity
{
    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => await DecideAsync(context);

    protected override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context) => await DecideAsync(context);

    private static async Task<ActivityResult> DecideAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var live = store.OfCase(registry, session.CaseId)
            .Where(c => c.Status is not (CertificateStatus.Applied or CertificateStatus.Cancelled or CertificateStatus.Refused)).Select(c => c.ExportDocNo).ToHashSet();
        var open = session.File.ActiveLines.Select(l => l.Export.ExportReference).Distinct().Where(doc => !live.Contains(doc)).ToList();
        if (open.Count == 0 || open.All(doc => session.File.Applications.Any(a => a.ExportDocNo == doc)))
            return Outcome("Submitted");
        CaseSteps.WaitForEvent(context, CaseEvents.CertificateApplicationSubmitted);
        return Suspend();
    }
}
