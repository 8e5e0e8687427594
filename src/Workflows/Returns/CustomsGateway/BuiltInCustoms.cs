using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.CustomsGateway;

/// <summary>
/// The customs end of the interfaces, built into the Host and used by default: the customs registry
/// (<see cref="CustomsCertificate"/> rows), written only here. It files transmissions, applies tax's status
/// updates (X-09, E-19), runs the X-rules against what it holds and reserves on a match, and registers the ports'
/// usage reports, where a certificate used twice comes to light (stage 12). A real Single Window endpoint replaces it
/// through configuration. Each write is guarded by the row's revision: two checks or reports at once cannot both win.
/// </summary>
public sealed class BuiltInCustoms(SeparatePoolContexts dbFactory, TimeProvider clock, ReturnsDomainOptions options, SqliteWriter writer)
{
    private const int Attempts = 5;

    public async Task<TransmissionAck> ReceiveCertificateAsync(CertificateMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var certificate = message.Certificate;
        if (string.IsNullOrWhiteSpace(certificate.CertificateNo) || certificate.Lines.Count == 0 || certificate.IssuedOn is null)
            return new TransmissionAck(AckStatus.Nack, null, "SCHEMA_INVALID");
        var now = clock.GetUtcNow();
        return await WriteAsync(certificate.CertificateNo, create: true, ct, (record, copy) =>
        {
            // §5.7: a resend carries the same message id; customs answers it again without filing it twice.
            if (record.MessageId == message.MessageId && copy.Certificate is not null)
                return (copy, new TransmissionAck(AckStatus.Ack, record.ReceivedAt, null));
            record.MessageId = message.MessageId;
            record.ReceivedAt = now;
            return (copy.Receive(certificate, message.RefundStatus), new TransmissionAck(AckStatus.Ack, now, null));
        }) ?? throw new InvalidOperationException("A transmission files its certificate.");
    }

    public async Task<StatusUpdateAck> ReceiveStatusUpdateAsync(CertificateStatusUpdate update, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (string.IsNullOrWhiteSpace(update.CertificateNo) || update.Sequence < 1)
            throw new InvalidRequestException("STATUS_UPDATE_INVALID", "A status update names the certificate and carries a sequence number from 1.");
        // A certificate customs never received: nothing to update (its transmission, if it comes, carries tax's status then);
        // a cancellation is filed so that a late transmission cannot make it usable.
        return await WriteAsync(update.CertificateNo, create: update.Kind == StatusUpdateKind.Cancellation, ct, (_, copy) => copy.Apply(update))
               ?? new StatusUpdateAck(true, ReasonCodes.CertNotFound, null, null);
    }

    public async Task<CrossCheckResult> CrossCheckAsync(CrossCheckRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var declaration = request.Declaration;
        CrossCheckResult? result = null;
        var checkId = Guid.CreateVersion7();
        await WriteAsync(declaration.CertificateNo, create: false, ct, (_, copy) =>
        {
            var now = clock.GetUtcNow();
            // Known only from a usage report: customs never had its data, but knows it was used.
            if (copy.Certificate is null && copy.Uses.Count > 0)
            {
                var used = Mismatched(declaration, checkId, now, new CrossCheckReason(ReasonCodes.CertAlreadyUsed, null, null, copy.Uses[0].ReturnDeclarationNo));
                result = used;
                return (copy, used);
            }
            var evaluated = CrossCheckRules.Evaluate(copy.AsChecked(), declaration, copy.RefundStatus, request.AcceptGoodsNameDifference, options, checkId, now);
            result = evaluated;
            if (evaluated.Result != CrossCheckOutcome.Matched)
                return (copy, evaluated);
            var (reserved, refusal) = copy.Reserve(declaration.ReturnDeclarationNo);
            if (refusal is not null)
                evaluated = evaluated with { Result = CrossCheckOutcome.Mismatched, Reasons = [new CrossCheckReason(refusal, null, null, null)] };
            result = evaluated;
            return (reserved, evaluated);
        });
        // a certificate customs does not hold.
        return result ?? CrossCheckRules.Evaluate(null, declaration, new Dictionary<int, RefundStatus>(), request.AcceptGoodsNameDifference, options, checkId, clock.GetUtcNow());
    }

    /// <summary>Stage 12: a port's report that it released a declaration with the certificate, or released its reservation.</summary>
    public async Task<UsageFeedbackReceipt> ReceiveUsageReportAsync(UsageFeedbackMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow();
        return await WriteAsync(message.Feedback.CertificateNo, create: true, ct, (_, copy) => copy.RecordUse(message.Feedback, now))
               ?? new UsageFeedbackReceipt(true, false);
    }

    /// <summary>
    /// Reads the certificate's row, lets <paramref name="change"/> decide, writes the new value, in one transaction (plain
    /// statements kept prepared on SQLite); runs again when the row changed meanwhile.
    /// </summary>
    private async Task<TAnswer?> WriteAsync<TAnswer>(string certificateNo, bool create, CancellationToken ct,
        Func<CustomsCertificateRecord, CustomsCertificate, (CustomsCertificate Next, TAnswer Answer)> change)
        where TAnswer : class
    {
        for (var attempt = 1; ; attempt++)
        {
            // On the process's SQLite writer where there is one (see SqliteWriter).
            var (done, answer) = await writer.RunAsync(dbFactory, db => OnceAsync(db, attempt), ct);
            if (done)
                return answer;
        }

        async Task<(bool, TAnswer?)> OnceAsync(WorkflowDbContext db, int attempt)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var record = await ReadAsync(db, certificateNo, ct);
            var added = record is null;
            if (record is null)
            {
                if (!create)
                    return (true, null);
                record = new CustomsCertificateRecord { CertificateNo = certificateNo, Data = ReturnsJson.Serialize(new CustomsCertificate()), ReceivedAt = clock.GetUtcNow() };
                db.Add(record);
            }
            var (next, answer) = change(record, Copies.Parse(certificateNo, record.Data));
            var data = ReturnsJson.Serialize(next);
            if (data != record.Data || added)
            {
                record.Data = data;
                record.Status = next.Status.ToString();
                if (!added)
                    record.Revision++;
            }
            try
            {
                await ModelWrites.SaveChangesAsync(db, ct);
                await transaction.CommitAsync(ct);
                Copies.Remember(certificateNo, data, next);
                return (true, answer);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Changed (or filed) by another check or report meanwhile: decide again on what it wrote.
                return (false, null);
            }
        }
    }

    /// <summary>Customs' copies as last read or written, for the next message on the same certificate.</summary>
    private static readonly ParsedDocuments<CustomsCertificate> Copies = new(512);

    private static async Task<CustomsCertificateRecord?> ReadAsync(WorkflowDbContext db, string certificateNo, CancellationToken ct)
    {
        var rows = await (await SnapshotReads.OnAsync(db, ct)).QueryAsync(
            """SELECT "CertificateNo", "MessageId", "ReceivedAt", "Data", "Status", "Revision" FROM "CustomsCertificates" WHERE "CertificateNo" = @no""",
            r => new CustomsCertificateRecord
            {
                CertificateNo = r.GetString(0), MessageId = r.GetGuid(1), ReceivedAt = r.GetTime(2), Data = Copies.Json(r, 3, certificateNo), Status = r.GetString(4),
                Revision = r.GetInt64(5),
            }, ct, ("no", certificateNo));
        // Known to the unit of work as read: its changes are saved with its revision checked.
        return rows.Count == 0 ? null : db.Resolved(rows[0], certificateNo);
    }

    private static CrossCheckResult Mismatched(ReturnDeclaration declaration, Guid checkId, DateTimeOffset now, CrossCheckReason reason) => new()
    {
        CheckId = checkId,
        CertificateNo = declaration.CertificateNo,
        ReturnDeclarationNo = declaration.ReturnDeclarationNo,
        CheckedAt = now,
        Result = CrossCheckOutcome.Mismatched,
        Reasons = [reason],
    };
}
