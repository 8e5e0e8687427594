using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Returns.Certificates;

/// <summary>
/// §2.2: a case that ends before clearance (withdrawn, or every line ineligible) cancels its unused certificates and
/// closes its open applications; a reservation of a withdrawn declaration is released with it. Customs hears of each
/// cancellation by a queued status update (E-19), in the step's transaction.
/// </summary>
public static class UnusedCertificates
{
    public static async Task<List<string>> CancelAsync(ActivityContext context, CaseSession session, string code)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        var store = new CertificateStore(context.Db);
        var registry = await store.LoadForCaseAsync(session.CaseId, context.CancellationToken);
        var cancelled = new List<string>();
        foreach (var certificate in store.OfCase(registry, session.CaseId).ToList())
        {
            var current = registry.FindApplication(certificate.ApplicationId)!;
            var reservedFor = current.Status == CertificateStatus.Reserved ? current.ReservedForDeclarationNo : null;
            if (reservedFor is not null)
                registry = registry.ReleaseReservation(current.CertificateNo!, reservedFor).Registry;
            current = registry.FindApplication(certificate.ApplicationId)!;
            var result = current.Status switch
            {
                CertificateStatus.Issued or CertificateStatus.Transmitted => registry.Cancel(current.CertificateNo!),
                CertificateStatus.UnderReview => registry.RefuseApplication(current.ApplicationId, [code]),
                _ => null,
            };
            if (result is not { Succeeded: true })
                continue;
            registry = result.Registry;
            if (current.CertificateNo is null)
                continue;
            cancelled.Add(current.CertificateNo);
            await CertificateStatusPush.QueueAsync(context.Db, current, session.CaseId, StatusUpdateKind.Cancellation, context.Now, context.CancellationToken, reservedFor);
        }
        store.Save(registry, session.CaseId, context.Now);
        return cancelled;
    }
}
