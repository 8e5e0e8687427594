using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.Case;

[Activity("ExportTaxCheck", "Return case", "The exporter withdrew the case: unused certificates are cancelled, a reservation is released, open applications are closed.", DisplayName = "Withdraw Case")]
public sealed class WithdrawCase : Activity
{
    public const string WithdrawnCode = "CASE_WITHDRAWN";

    protected override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var session = await CaseSteps.LoadAsync(context);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var cancelled = new List<string>();
        foreach (var certificate in store.OfCase(registry, session.CaseId).ToList())
        {
            var current = registry.FindApplication(certificate.ApplicationId)!;
            if (current.Status == CertificateStatus.Reserved)
                registry = registry.ReleaseReservation(current.CertificateNo!, current.ReservedForDeclarationNo!).Registry;
            current = registry.FindApplication(certificate.ApplicationId)!;
            var result = current.Status switch
            {
                CertificateStatus.Issued or CertificateStatus.Transmitted => registry.Cancel(current.CertificateNo!),
                CertificateStatus.UnderReview => registry.RefuseApplication(current.ApplicationId, [WithdrawnCode]),
                _ => null,
            };
            if (result is { Succeeded: true })
            {
                registry = result.Registry;
                if (current.CertificateNo is not null)
                    cancelled.Add(current.CertificateNo);
            }
        }
        store.Save(registry, session.CaseId, context.Now);
        var message = cancelled.Count > 0 ? $"The exporter withdrew the case; certificates cancelled: {string.Join(", ", cancelled)}." : "The exporter withdrew the case.";
        await session.SetStatusAsync(ReturnCaseStatus.Withdrawn, context.Now, message, [WithdrawnCode], CaseNotifications.CaseClosed, ct: context.CancellationToken);
        return Done();
    }
}
