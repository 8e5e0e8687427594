using ExportTaxCheck.Workflows.Persistence;
using ExportTaxCheck.Workflows.Returns.Certificates;
using ExportTaxCheck.Workflows.Returns.Customs;
using ExportTaxCheck.Workflows.Returns.Storage;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Workflows.Returns.Gateway;

/// <summary>
/// The customs and tax ends of the interfaces, built into the Host and used by default: customs keeps the
/// certificate data it received, applies the X-rules against the registry and reserves on a match; tax
/// records the usage feedback it receives. A real Single Window endpoint replaces these through configuration.
/// </summary>
public sealed class BuiltInCustoms(IDbContextFactory<ExportTaxCheckDbContext> dbFactory, TimeProvider clock, ReturnsDomainOptions options)
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

/// <summary>Sends queued usage feedback to tax after commit, with backoff, until delivered (AS-16: paper usage waits for the network).</summary>
public sealed class UsageFeedbackDispatcher(IDbContextFactory<ExportTaxCheckDbContext> dbFactory, ICustomsGateway gateway, TimeProvider clock)
{
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<UsageFeedbackRecord> due;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
            due = await read.Set<UsageFeedbackRecord>().AsNoTracking()
                .Where(f => f.Status == FeedbackStatus.Pending && f.NextAttemptAt <= now).OrderBy(f => f.NextAttemptAt).Take(50).ToListAsync(ct);

        var delivered = 0;
        foreach (var item in due)
        {
            string? error = null;
            UsageFeedbackReceipt? receipt = null;
            try
            {
                receipt = await gateway.SendUsageFeedbackAsync(new UsageFeedbackMessage(item.Id, ReturnsJson.Deserialize<UsageFeedback>(item.Data)), ct);
            }
            catch (Exception ex) when (ex is CustomsUnavailableException or InvalidOperationException or HttpRequestException)
            {
                error = ex.Message;
            }

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Set<UsageFeedbackRecord>().FirstAsync(f => f.Id == item.Id, ct);
            row.Attempts++;
            if (receipt is not null)
            {
                row.Status = FeedbackStatus.Delivered;
                row.DeliveredAt = clock.GetUtcNow();
                row.LastError = receipt.DoubleUseDetected ? ReasonCodes.DoubleUseDetected : null;
                delivered++;
            }
            else
            {
                row.LastError = error;
                row.NextAttemptAt = clock.GetUtcNow() + Backoff(row.Attempts);
            }
            await db.SaveChangesAsync(ct);
        }
        return delivered;
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<UsageFeedbackRecord>().Where(f => f.Status == FeedbackStatus.Pending)
            .OrderBy(f => f.NextAttemptAt).Select(f => (DateTimeOffset?)f.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, attempts - 1), 600));
}
