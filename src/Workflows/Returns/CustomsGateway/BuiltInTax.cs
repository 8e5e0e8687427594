using ExportTaxCheck.Returns.Clearance;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// The tax end of usage feedback (stage 12), built into the Host: tax registers the use in its registry
/// (<see cref="Certificates.Certificate.RegisterUse"/>). A paper use during an outage arrives here only now; a certificate
/// already used by (or reserved for) another declaration is answered DOUBLE_USE_DETECTED, one tax cancelled CERT_CANCELLED.
/// </summary>
public sealed class BuiltInTax(SeparatePoolContexts dbFactory, TimeProvider clock, SqliteWriter writer)
{
    public async Task<UsageFeedbackReceipt> ReceiveUsageFeedbackAsync(UsageFeedbackMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var feedback = message.Feedback;
        for (var attempt = 1; ; attempt++)
        {
            // On the process's SQLite writer where there is one (see SqliteWriter).
            var (done, receipt) = await writer.RunAsync(dbFactory, db => OnceAsync(db, attempt), ct);
            if (done)
                return receipt!;
        }

        async Task<(bool, UsageFeedbackReceipt?)> OnceAsync(WorkflowDbContext db, int attempt)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var store = new CertificateStore(db);
            var (registry, certificate) = await store.LoadByNumberAsync(feedback.CertificateNo, ct);
            if (certificate is null)
                throw new NotFoundException($"Certificate {feedback.CertificateNo} is not in the registry.", ReasonCodes.CertNotFound);
            var now = clock.GetUtcNow();
            UsageFeedbackReceipt receipt;
            if (feedback.Event == UsageEvent.ReservationReleased)
            {
                var released = registry.ReleaseReservation(feedback.CertificateNo, feedback.ReturnDeclarationNo);
                if (released.Succeeded)
                    store.Save(released.Registry, store.CaseOf(certificate)!, now);
                receipt = new UsageFeedbackReceipt(true, false);
            }
            else
            {
                var used = registry.RegisterUse(feedback.CertificateNo, feedback.ReturnDeclarationNo, feedback.ReleasedOn, feedback.Channel);
                if (used.Succeeded)
                {
                    store.Save(used.Registry, store.CaseOf(certificate)!, now);
                    receipt = new UsageFeedbackReceipt(true, false);
                }
                else
                {
                    var doubleUse = used.RefusalCode == ReasonCodes.DoubleUseDetected;
                    receipt = new UsageFeedbackReceipt(true, doubleUse, doubleUse ? certificate.ReservedForDeclarationNo : null, used.RefusalCode);
                }
            }
            var row = store.RecordOf(certificate)!;
            row.UsageReportedAt ??= now;
            try
            {
                await ModelWrites.SaveChangesAsync(db, ct);
                await transaction.CommitAsync(ct);
                return (true, receipt);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // A case step changed the certificate meanwhile (a reservation mirrored): register again on what it wrote.
                return (false, null);
            }
        }
    }
}
