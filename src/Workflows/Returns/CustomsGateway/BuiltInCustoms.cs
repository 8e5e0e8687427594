using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// The customs and tax ends of the interfaces, built into the Host and used by default: customs keeps the
/// certificate data it received, applies the X-rules against the registry and reserves on a match; tax
/// records the usage feedback it receives. A real Single Window endpoint replaces these through configuration.
/// </summary>
public sealed class BuiltInCustoms(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock, ReturnsDomainOptions options)
{
    private record CustomsCopy(Certificate Certificate, IReadOnlyDictionary<int, RefundStatus> RefundStatus);

    public async Task<TransmissionAck> ReceiveCertificateAsync(CertificateMessage message, CancellationToken ct)
    {
        var certificate = message.Certificate;
        if (string.IsNullOrWhiteSpace(certificate.CertificateNo) || certificate.Lines.Count == 0 || certificate.IssuedOn is null)
            return new TransmissionAck(AckStatus.Nack, null, "SCHEMA_INVALID");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Set<CustomsCertificateRecord>().FirstOrDefaultAsync(c => c.CertificateNo == certificate.CertificateNo, ct);
        // §5.7: a resend carries the same message id; customs answers it again without a second copy.
        if (record is not null && record.MessageId == message.MessageId)
            return new TransmissionAck(AckStatus.Ack, record.ReceivedAt, null);
        if (record is null)
        {
            record = new CustomsCertificateRecord { CertificateNo = certificate.CertificateNo, Data = "" };
            db.Add(record);
        }
        record.MessageId = message.MessageId;
        record.ReceivedAt = now;
        record.Data = ReturnsJson.Serialize(new CustomsCopy(certificate, message.RefundStatus));
        await db.SaveChangesAsync(ct);
        return new TransmissionAck(AckStatus.Ack, now, null);
    }

    public async Task<CrossCheckResult> CrossCheckAsync(CrossCheckRequest request, CancellationToken ct)
    {
        var declaration = request.Declaration;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var copyRecord = await db.Set<CustomsCertificateRecord>().AsNoTracking().FirstOrDefaultAsync(c => c.CertificateNo == declaration.CertificateNo, ct);
            var copy = copyRecord is null ? null : ReturnsJson.Deserialize<CustomsCopy>(copyRecord.Data);
            var store = new CertificateStore(db);
            var (registry, current) = await store.LoadByNumberAsync(declaration.CertificateNo, ct);
            // Content as customs received it; status as the registry holds it now (cancelled, reserved, used).
            var checkedCertificate = copy is null || current is null
                ? null
                : copy.Certificate with { Status = current.Status, ReservedForDeclarationNo = current.ReservedForDeclarationNo };
            var result = CrossCheckRules.Evaluate(checkedCertificate, declaration, copy?.RefundStatus ?? new Dictionary<int, RefundStatus>(),
                request.AcceptGoodsNameDifference, options, Guid.CreateVersion7(), now);
            if (result.Result != CrossCheckOutcome.Matched)
                return result;

            var reserved = registry.Reserve(declaration.CertificateNo, declaration.ReturnDeclarationNo);
            if (!reserved.Succeeded)
                return result with { Result = CrossCheckOutcome.Mismatched, Reasons = reserved.RefusalCodes.Select(c => new CrossCheckReason(c, null, null, null)).ToList() };
            store.Save(reserved.Registry, store.CaseOf(current!)!, now);
            try
            {
                await db.SaveChangesAsync(ct);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // The certificate changed meanwhile (another check, a cancellation): evaluate again.
            }
        }
    }

    /// <summary>Tax receives usage feedback (stage 12); paper use reported after an electronic use elsewhere is DOUBLE_USE_DETECTED.</summary>
    public async Task<UsageFeedbackReceipt> ReceiveUsageFeedbackAsync(UsageFeedbackMessage message, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Set<CertificateRecord>().FirstOrDefaultAsync(c => c.CertificateNo == message.Feedback.CertificateNo, ct)
                     ?? throw new NotFoundException($"Certificate {message.Feedback.CertificateNo} is not in the registry.", ReasonCodes.CertNotFound);
        var certificate = ReturnsJson.Deserialize<Certificate>(record.Data);
        var doubleUse = certificate.Status == CertificateStatus.Used && certificate.ReservedForDeclarationNo != message.Feedback.ReturnDeclarationNo;
        record.UsageReportedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new UsageFeedbackReceipt(true, doubleUse);
    }
}
